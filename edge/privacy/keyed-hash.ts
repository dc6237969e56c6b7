/** The Worker secret that keys every hash of personal data (HMAC-SHA256): at least 32 bytes of randomness. */
export const HASH_KEY_SECRET = 'LEADGATE_HASH_KEY';

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    keys.set(secret, key);
  }
  return key;
}

/**
 * HMAC-SHA256 (hex) of `value` under the Worker's hash key, for one `purpose`
 * ('lead', 'subject', ...) so a hash made for one use never matches another's.
 * Without the key, a hash of an e-mail address cannot be reversed by trying addresses.
 */
export async function keyedHash(secret: string, purpose: string, value: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(`${purpose}\u0000${value}`));
  return Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The form an e-mail address is compared in: trimmed, lower case. */
export const normalEmail = (email: string) => email.trim().toLowerCase();

/** The keyed hash that finds one person's records (the `subject_hash` column); undefined without an address. */
export function subjectHash(secret: string, email: string | undefined): Promise<string> | undefined {
  return email?.trim() ? keyedHash(secret, 'subject', normalEmail(email)) : undefined;
}
