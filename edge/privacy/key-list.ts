import { MissingSecretError } from '../worker-secret';

/**
 * A Worker secret that lists keys, `<key id>:<base64>` comma-separated, is set but
 * malformed. Its message names the secret and the problem, never key material.
 */
export class MalformedKeyListError extends MissingSecretError {
  override name = 'MalformedKeyListError';
  constructor(
    secretName: string,
    readonly problem: string,
  ) {
    super(secretName);
    this.message = `Worker secret ${secretName} is malformed: ${problem}`;
  }
}

/** One entry of a key list: its id, its bytes (undefined when not base64), and where it stands (from 1). */
export interface KeyListEntry {
  readonly kid: string;
  readonly bytes: Uint8Array<ArrayBuffer> | undefined;
  readonly position: number;
}

const KID = /^[A-Za-z0-9_-]{1,32}$/;

export function base64Bytes(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    return Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/**
 * The entries of a key list secret, in order (the first is the one in use). Throws
 * `malformed(problem)` for an empty list, an entry without a valid key id, or a key id
 * listed twice; what the bytes must be is the caller's to check.
 */
export function keyListEntries(secret: string, malformed: (problem: string) => Error, format: string): KeyListEntry[] {
  const entries = secret
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) throw malformed('it lists no key');
  const seen = new Set<string>();
  return entries.map((entry, index) => {
    const colon = entry.indexOf(':');
    const kid = entry.slice(0, colon);
    if (colon <= 0 || !KID.test(kid)) throw malformed(`entry ${index + 1} is not ${format}`);
    if (seen.has(kid)) throw malformed(`key id "${kid}" is listed twice`);
    seen.add(kid);
    return { kid, bytes: base64Bytes(entry.slice(colon + 1)), position: index + 1 };
  });
}

/**
 * Imported keyrings per isolate, by the secret's value (a rotation deploys a new value).
 * A malformed secret is not cached: the error comes again, and a fixed secret is a new value anyway.
 */
export function keyringCache<Keyring>(importKeyring: (secret: string) => Promise<Keyring>): (secret: string) => Promise<Keyring> {
  const keyrings = new Map<string, Promise<Keyring>>();
  return (secret) => {
    let ring = keyrings.get(secret);
    if (!ring) {
      ring = importKeyring(secret);
      ring.catch(() => keyrings.delete(secret));
      keyrings.set(secret, ring);
    }
    return ring;
  };
}
