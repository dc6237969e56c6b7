import { keyedHash } from './privacy/keyed-hash';

/**
 * The secret that authorises one submission's second step: 32 random bytes,
 * base64url. The lead route hands it to the widget alone (never to the host
 * page's events or storage); the ledger keeps only `profileKeyHash` of it.
 */
export function createProfileKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** The keyed hash (LEADGATE_HASH_KEY) a profile key is stored and looked up by. */
export function profileKeyHash(hashKey: string, profileKey: string): Promise<string> {
  return keyedHash(hashKey, 'profile-key', profileKey);
}
