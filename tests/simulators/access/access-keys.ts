import { webcrypto } from 'node:crypto';

const subtle = webcrypto.subtle;
const RS256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
const encoder = new TextEncoder();

/** One signing key pair of the team, as Access keeps it. */
export interface AccessKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  /** The public half as a JWK, the way the certs list it. */
  readonly jwk: { readonly kid: string; readonly kty: 'RSA'; readonly alg: 'RS256'; readonly use: 'sig'; readonly e: string; readonly n: string };
  /** The public half in PEM. */
  readonly pem: string;
}

export const base64url = (bytes: ArrayBuffer | Uint8Array) => Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString('base64url');

/** A fresh RSA-2048 key. GUESS: its kid is the hex SHA-256 JWK thumbprint (RFC 7638); Cloudflare's kids are 64 hex digits too. */
export async function generateAccessKey(): Promise<AccessKey> {
  const pair = (await subtle.generateKey({ ...RS256, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const { e, n } = (await subtle.exportKey('jwk', pair.publicKey)) as { e: string; n: string };
  const kid = Buffer.from(await subtle.digest('SHA-256', encoder.encode(JSON.stringify({ e, kty: 'RSA', n })))).toString('hex');
  const spki = Buffer.from(await subtle.exportKey('spki', pair.publicKey)).toString('base64');
  // GUESS/deviation: Cloudflare's public_cert(s) are X.509 certificates; a public key in PEM is what the simulator can make without a
  // certificate library, and the Worker reads only the JWKs in `keys`.
  const pem = `-----BEGIN PUBLIC KEY-----\n${spki.match(/.{1,64}/g)!.join('\n')}\n-----END PUBLIC KEY-----\n`;
  return { kid, privateKey: pair.privateKey, jwk: { kid, kty: 'RSA', alg: 'RS256', use: 'sig', e, n }, pem };
}

/** How a minted token is signed: properly, or forged in one of the ways a verifier must refuse. */
export type SigningMode = 'RS256' | 'none' | 'HS256';

/**
 * A compact JWT of `claims` with `key`'s kid. `none` has no signature; `HS256` is the key-confusion
 * forgery: an HMAC keyed with the public key's PEM, which a verifier that trusts the token's `alg` accepts.
 */
export async function signJwt(claims: Record<string, unknown>, key: AccessKey, mode: SigningMode = 'RS256'): Promise<string> {
  const header = base64url(encoder.encode(JSON.stringify({ alg: mode, kid: key.kid, typ: 'JWT' })));
  const payload = base64url(encoder.encode(JSON.stringify(claims)));
  const input = encoder.encode(`${header}.${payload}`);
  if (mode === 'none') return `${header}.${payload}.`;
  if (mode === 'HS256') {
    const hmac = await subtle.importKey('raw', encoder.encode(key.pem), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    return `${header}.${payload}.${base64url(await subtle.sign('HMAC', hmac, input))}`;
  }
  return `${header}.${payload}.${base64url(await subtle.sign(RS256, key.privateKey, input))}`;
}
