import { fromBase64url, type OutboxKey, openSealed, type SealedContent, sealedKeyId, toBase64url } from '../../shared/outbox-seal';
import { MissingSecretError } from '../worker-secret';
import { type KeyListEntry, keyListEntries, keyringCache, MalformedKeyListError } from './key-list';

/** The Worker secret with the private keys that open the widget's sealed outbox: `kid:<base64 PKCS#8 P-256>`, comma-separated, the first published. */
export const OUTBOX_KEYS_SECRET = 'LEADGATE_OUTBOX_KEYS';

/** The Worker's env as far as the outbox keys read it (the Worker's own, or a test's with another secret). */
export type OutboxKeysEnv = Env | { readonly LEADGATE_OUTBOX_KEYS?: string | undefined };

/** The outbox keys secret is set but not a list of `kid:<base64 PKCS#8 P-256 private key>`. Its message never holds key material. */
export class MalformedOutboxKeysError extends MalformedKeyListError {
  override name = 'MalformedOutboxKeysError';
  constructor(problem: string) {
    super(OUTBOX_KEYS_SECRET, problem);
  }
}

/** A sealed copy the Worker cannot open: not one, its key is no longer listed, or sealed for another submission or altered. */
export class SealedLeadUnreadableError extends Error {
  override name = 'SealedLeadUnreadableError';
}

interface Keyring {
  readonly published: OutboxKey;
  readonly keys: ReadonlyMap<string, CryptoKey>;
}

const FORMAT_OF_ENTRY = '<key id>:<base64 PKCS#8 P-256 private key>';

async function importKey({ kid, bytes, position }: KeyListEntry): Promise<[string, CryptoKey, OutboxKey]> {
  const malformed = new MalformedOutboxKeysError(`entry ${position} is not ${FORMAT_OF_ENTRY}`);
  if (!bytes) throw malformed;
  try {
    // Extractable only to publish its public half: the JWK's x and y are the point.
    const key = await crypto.subtle.importKey('pkcs8', bytes, { name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
    const jwk = await crypto.subtle.exportKey('jwk', key);
    const point = new Uint8Array([4, ...fromBase64url(jwk.x!)!, ...fromBase64url(jwk.y!)!]);
    if (point.length !== 65) throw malformed;
    return [kid, key, { keyId: kid, publicKey: toBase64url(point) }];
  } catch {
    throw malformed;
  }
}

async function importKeyring(secret: string): Promise<Keyring> {
  const entries = keyListEntries(secret, (problem) => new MalformedOutboxKeysError(problem), FORMAT_OF_ENTRY);
  const imported = await Promise.all(entries.map(importKey));
  return { published: imported[0]![2], keys: new Map(imported.map(([kid, key]) => [kid, key])) };
}

const cachedKeyring = keyringCache(importKeyring);

function keyring(env: OutboxKeysEnv): Promise<Keyring> | undefined {
  const secret: unknown = Reflect.get(env, OUTBOX_KEYS_SECRET);
  if (typeof secret !== 'string' || secret.trim() === '') return undefined;
  return cachedKeyring(secret);
}

/**
 * The keys of the widget's sealed outbox, from the Worker secret LEADGATE_OUTBOX_KEYS:
 * the first one's public half goes out in the form spec; every listed one still opens
 * what it sealed, so a rotation keeps the old key listed past the outbox's 7 days.
 */
export function outboxKeys(env: OutboxKeysEnv) {
  return {
    /** The key the widget seals with; undefined when the secret is unset (the widget then keeps nothing). */
    async published(): Promise<OutboxKey | undefined> {
      return (await keyring(env))?.published;
    },

    /** What a sealed copy of the submission `<formId>/<key>` holds. Throws SealedLeadUnreadableError, or MissingSecretError when unset. */
    async open(formId: string, key: string, sealed: string): Promise<SealedContent> {
      const ring = keyring(env);
      if (!ring) throw new MissingSecretError(OUTBOX_KEYS_SECRET);
      const kid = sealedKeyId(sealed);
      const privateKey = kid === undefined ? undefined : (await ring).keys.get(kid);
      if (!privateKey) throw new SealedLeadUnreadableError(kid === undefined ? 'not a sealed copy' : `key "${kid}" is not in ${OUTBOX_KEYS_SECRET}`);
      try {
        return await openSealed(privateKey, formId, key, sealed);
      } catch {
        throw new SealedLeadUnreadableError('it was sealed for another submission or altered');
      }
    },
  };
}
