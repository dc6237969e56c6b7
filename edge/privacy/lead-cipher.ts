import { MissingSecretError } from '../worker-secret';
import { base64Bytes, keyListEntries, keyringCache, MalformedKeyListError } from './key-list';

/** The Worker secret with the keys leads are encrypted with at rest: `kid:<base64 of 32 bytes>`, comma-separated, the first encrypts. */
export const DATA_KEYS_SECRET = 'LEADGATE_DATA_KEYS';

/** The prefix of an encrypted lead; a stored value without it is a plain-JSON lead from before encryption. */
const FORMAT = 'lg1';

/** The Worker's env as far as the cipher reads it. */
export interface DataKeysEnv {
  readonly LEADGATE_DATA_KEYS?: string | undefined;
}

/** The data keys secret is set but not a list of `kid:<base64 of 32 bytes>`. Its message never holds key material. */
export class MalformedDataKeysError extends MalformedKeyListError {
  override name = 'MalformedDataKeysError';
  constructor(problem: string) {
    super(DATA_KEYS_SECRET, problem);
  }
}

/**
 * A stored lead that cannot be decrypted: its key is no longer listed, or the
 * ciphertext was made for another row (the AAD binds it to `<formId>/<id>`) or altered.
 * Names the row and key id only, never content.
 */
export class LeadUnreadableError extends Error {
  override name = 'LeadUnreadableError';
  constructor(
    readonly formId: string,
    readonly id: string,
    readonly reason: string,
  ) {
    super(`the stored lead of ${formId}/${id} cannot be decrypted: ${reason}`);
  }
}

interface Keyring {
  readonly current: string;
  readonly keys: ReadonlyMap<string, CryptoKey>;
}

const FORMAT_OF_ENTRY = '<key id>:<base64 of 32 bytes>';

async function importKeyring(secret: string): Promise<Keyring> {
  const entries = keyListEntries(secret, (problem) => new MalformedDataKeysError(problem), FORMAT_OF_ENTRY);
  const keys = new Map<string, CryptoKey>();
  for (const { kid, bytes, position } of entries) {
    if (bytes?.length !== 32) throw new MalformedDataKeysError(`entry ${position} is not ${FORMAT_OF_ENTRY}`);
    keys.set(kid, await crypto.subtle.importKey('raw', bytes, 'AES-GCM', false, ['encrypt', 'decrypt']));
  }
  return { current: entries[0]!.kid, keys };
}

const cachedKeyring = keyringCache(importKeyring);

function keyring(env: DataKeysEnv): Promise<Keyring> {
  const secret = env.LEADGATE_DATA_KEYS;
  if (typeof secret !== 'string' || secret.trim() === '') return Promise.reject(new MissingSecretError(DATA_KEYS_SECRET));
  return cachedKeyring(secret);
}

const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const fromB64url = (text: string) => base64Bytes(text.replace(/-/g, '+').replace(/_/g, '/'));
const encoder = new TextEncoder();
const aad = (formId: string, id: string) => encoder.encode(`${formId}/${id}`);

/** Whether a stored lead is encrypted (else plain JSON from before encryption). */
export const isSealed = (stored: string) => stored.startsWith(`${FORMAT}.`);

/** The key id a stored lead is encrypted under; undefined for a plain-JSON one. */
export const sealedKid = (stored: string): string | undefined => (isSealed(stored) ? stored.split('.')[1] : undefined);

/**
 * AES-256-GCM for leads at rest, keyed by the Worker secret LEADGATE_DATA_KEYS.
 * Stored form `lg1.<kid>.<iv>.<ciphertext>` (base64url); the additional data is
 * `<formId>/<id>`, so a ciphertext moved to another row does not decrypt.
 * Nothing is read from the secret until the first seal or open: a ledger that
 * never touches a lead works without it.
 */
export function leadCipher(env: DataKeysEnv) {
  return {
    /** The key id new records are encrypted under. */
    async currentKid(): Promise<string> {
      return (await keyring(env)).current;
    },

    /** `json` encrypted for the row `<formId>/<id>` under the first listed key. */
    async seal(formId: string, id: string, json: string): Promise<string> {
      const ring = await keyring(env);
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(formId, id) }, ring.keys.get(ring.current)!, encoder.encode(json));
      return `${FORMAT}.${ring.current}.${b64url(iv)}.${b64url(new Uint8Array(ct))}`;
    },

    /** The JSON stored for the row: decrypted, or as it is when stored before encryption. Throws LeadUnreadableError. */
    async open(formId: string, id: string, stored: string): Promise<string> {
      if (!isSealed(stored)) return stored;
      const parts = stored.split('.');
      const iv = parts.length === 4 ? fromB64url(parts[2]!) : undefined;
      const ct = parts.length === 4 ? fromB64url(parts[3]!) : undefined;
      if (!iv || !ct || iv.length !== 12) throw new LeadUnreadableError(formId, id, 'not a sealed lead');
      const key = (await keyring(env)).keys.get(parts[1]!);
      if (!key) throw new LeadUnreadableError(formId, id, `key "${parts[1]}" is not in ${DATA_KEYS_SECRET}`);
      try {
        const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: aad(formId, id) }, key, ct);
        return new TextDecoder().decode(plain);
      } catch {
        throw new LeadUnreadableError(formId, id, 'it was sealed for another row or altered');
      }
    },
  };
}
export type LeadCipher = ReturnType<typeof leadCipher>;
