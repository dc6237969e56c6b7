import { webcrypto } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServedApp } from '../serve-app';
import { serveApp } from '../serve-app';
import { createAccessSimulator } from './access-simulator';

const TEAM = 'gym-agency.cloudflareaccess.com';
const AUD = 'a'.repeat(64);

interface Certs {
  keys: { kid: string; kty: string; alg: string; use: string; e: string; n: string }[];
  public_cert: { kid: string; cert: string };
  public_certs: { kid: string; cert: string }[];
}

let sim: ServedApp;

beforeAll(async () => {
  sim = await serveApp((await createAccessSimulator({ teamDomain: TEAM, audience: AUD })).fetch, 0);
});

afterAll(async () => {
  await sim.close();
});

const certs = async (): Promise<Certs> => (await fetch(`${sim.url}/cdn-cgi/access/certs`)).json() as Promise<Certs>;
const post = (path: string, body?: unknown) =>
  fetch(`${sim.url}/__sim${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** Verifies an RS256 JWT against a JWK with WebCrypto alone, as a Worker would. */
async function verifies(token: string, jwk: Certs['keys'][number]): Promise<boolean> {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const key = await webcrypto.subtle.importKey('jwk', { kty: 'RSA', e: jwk.e, n: jwk.n }, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
  return webcrypto.subtle.verify('RSASSA-PKCS1-v1_5', key, Buffer.from(signature, 'base64url'), new TextEncoder().encode(`${header}.${payload}`));
}

describe('the Access simulator', () => {
  it("serves two RS256 keys in Cloudflare's certs shape: keys as JWK, the current key and both in PEM", async () => {
    const body = await certs();
    expect(body.keys).toHaveLength(2);
    for (const key of body.keys) expect(key).toMatchObject({ kid: expect.stringMatching(/^[0-9a-f]{64}$/), kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB' });
    expect(body.public_cert.kid).toBe(body.keys[0]!.kid);
    expect(body.public_certs.map((c) => c.kid)).toEqual(body.keys.map((k) => k.kid));
    expect(body.public_cert.cert).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
  });

  it("mints a token like the docs' example, signed by the current key, that verifies against the certs", async () => {
    const { token, kid, claims } = (await (await post('/token')).json()) as { token: string; kid: string; claims: Record<string, unknown> };
    const [current] = (await certs()).keys;
    expect(kid).toBe(current!.kid);
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toEqual({ alg: 'RS256', kid, typ: 'JWT' });
    expect(claims).toMatchObject({ aud: [AUD], iss: `https://${TEAM}`, type: 'app', sub: expect.any(String), email: expect.any(String) });
    expect(await verifies(token, current!)).toBe(true);
  });

  it('rotates: the new key signs, the old current key stays listed as the previous one', async () => {
    const before = (await certs()).keys.map((k) => k.kid);
    const rotated = (await (await post('/keys/rotate')).json()) as { kid: string; previousKid: string };
    expect(rotated.previousKid).toBe(before[0]);
    expect((await certs()).keys.map((k) => k.kid)).toEqual([rotated.kid, before[0]]);
    expect(((await (await post('/token')).json()) as { kid: string }).kid).toBe(rotated.kid);
  });

  it('refuses a token request it cannot honour, naming the property', async () => {
    const response = await post('/token', { alg: 'ES256' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'alg must be one of RS256, none, HS256' });
    expect((await post('/token', { lifetime: 5 })).status).toBe(400);
  });
});
