import { keyedHash } from '../privacy/keyed-hash';

/**
 * HMAC-SHA256 (hex) of a submitted lead under the Worker's hash key
 * (LEADGATE_HASH_KEY), so a reused key with a different lead is recognised
 * without keeping an unsalted hash of personal data, which could be confirmed
 * by hashing a guessed lead.
 */
export function leadHash(hashKey: string, lead: unknown): Promise<string> {
  return keyedHash(hashKey, 'lead', JSON.stringify(lead));
}
