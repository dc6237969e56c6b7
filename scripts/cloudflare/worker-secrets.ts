import { createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';

/** The secrets every production Worker needs, whatever its forms (SECURITY.md, "Secrets in practice"). */
export const WORKER_SECRETS = [
  'LEADGATE_ADMIN_TOKEN',
  'LEADGATE_FORM_TOKEN_SECRET',
  'LEADGATE_HASH_KEY',
  'LEADGATE_DATA_KEYS',
  'LEADGATE_OUTBOX_KEYS',
] as const;

/**
 * The secrets setup may generate, in the formats the Worker reads (as `scripts/ensure.mjs` makes local ones).
 * Not the admin token: the operator must know it to use the admin API, and setup never prints a secret.
 */
export const GENERATED_SECRETS: Readonly<Record<string, () => string>> = {
  LEADGATE_FORM_TOKEN_SECRET: () => randomBytes(32).toString('hex'),
  LEADGATE_HASH_KEY: () => randomBytes(32).toString('hex'),
  LEADGATE_DATA_KEYS: () => `k1:${randomBytes(32).toString('base64')}`,
  LEADGATE_OUTBOX_KEYS: () =>
    `o1:${generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64')}`,
};

const byteLength = (value: string) => Buffer.byteLength(value, 'utf8');

/** The Worker uses these as HMAC keys as written (UTF-8): shorter than 32 bytes is weaker than the hash. */
const KEYS_OF_32_BYTES = ['LEADGATE_ADMIN_TOKEN', 'LEADGATE_FORM_TOKEN_SECRET', 'LEADGATE_HASH_KEY'];

function keyListProblem(value: string, check: (bytes: Buffer) => boolean): string | undefined {
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.findIndex((entry) => {
    const [kid, base64, extra] = entry.split(':');
    return !kid || !base64 || extra !== undefined || !check(Buffer.from(base64, 'base64'));
  });
  return bad >= 0 ? `entry ${bad + 1}` : undefined;
}

function isP256PrivateKey(der: Buffer): boolean {
  try {
    const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
  } catch {
    return false;
  }
}

/**
 * What is wrong with a value for a Worker secret, as one line naming the fix; undefined when it will do.
 * Never quotes the value.
 */
export function secretValueProblem(name: string, value: string): string | undefined {
  if (value === '') return `${name} is empty`;
  if (KEYS_OF_32_BYTES.includes(name) && byteLength(value) < 32)
    return `${name} is ${byteLength(value)} bytes, shorter than 32: use 32 random bytes (e.g. \`openssl rand -hex 32\`)${name in GENERATED_SECRETS ? ' or let setup generate it (--generate)' : ''}`;
  if (name === 'LEADGATE_DATA_KEYS') {
    const bad = keyListProblem(value, (bytes) => bytes.length === 32);
    if (bad) return `LEADGATE_DATA_KEYS ${bad} is not <key id>:<base64 of 32 bytes>: let setup generate it (--generate)`;
  }
  if (name === 'LEADGATE_OUTBOX_KEYS') {
    const bad = keyListProblem(value, isP256PrivateKey);
    if (bad) return `LEADGATE_OUTBOX_KEYS ${bad} is not <key id>:<base64 PKCS#8 P-256 private key>: let setup generate it (--generate)`;
  }
  return undefined;
}
