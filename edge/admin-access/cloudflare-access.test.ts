import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import type { ApiErrorBody } from '../../shared/api-error';
import { ERROR_MESSAGES } from '../../shared/error-messages';
import { type AccessTokenRequest, accessSimulatorClient } from '../../tests/simulators/access/access-client';
import { simulatorClient } from '../../tests/stack/simulator-client';
import worker from '../../tests/worker/test-worker';
import { resetBindings } from '../test-migrations';
import { adminRequest, perfectGymLead, postLead, request } from '../test-support';
import { ACCESS_REFUSALS, type AccessRefusal, CLOCK_LEEWAY_SECONDS } from './cloudflare-access';
import { DEFAULT_LOCKOUT } from './login-lockout';

const accessUrl = inject('simulators').access;
const access = simulatorClient(accessUrl);
const accessSim = accessSimulatorClient(accessUrl);
const FORM = 'demo-perfectgym';
const LEAD_ID = 'access-0001-abcdef';
const USER_SUB = '7335d417-61da-459d-899c-0a01c76a2f94';

/** An application token as Access would put it in Cf-Access-Jwt-Assertion, minted by the simulator. */
const mint = (request: AccessTokenRequest = {}) => accessSim.token(request);

/** A request to the operator API as it arrives through Access: with the assertion, from this client address. */
function viaAccess(token: string, path: string, ip = '198.51.100.20', headers: Record<string, string> = {}): Promise<Response> {
  return request(`/v1/admin${path}`, { headers: { 'Cf-Access-Jwt-Assertion': token, 'CF-Connecting-IP': ip, ...headers } });
}

async function errorOf(response: Response): Promise<ApiErrorBody['error']> {
  return ((await response.json()) as ApiErrorBody).error;
}

async function certsFetches(): Promise<number> {
  return (await access.requests()).filter((r) => r.endpoint === 'certs').length;
}

const now = () => Math.floor(Date.now() / 1000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// The Worker refetches the certs for an unknown kid at most every 2 s (REFETCH_MIN_MS).
const pastRefetchThrottle = () => sleep(2_100);

beforeEach(async () => {
  await resetBindings();
  await access.reset();
});

describe('Cloudflare Access sign-in', () => {
  it('a valid assertion reads every form and the global routes as access:<sub>; the audit log holds no e-mail', async () => {
    expect((await postLead(FORM, perfectGymLead(), { 'Idempotency-Key': LEAD_ID })).status).toBe(201);
    const { token } = await mint();

    const audit = await viaAccess(token, '/audit');
    expect(audit.status).toBe(200);
    expect((await viaAccess(token, `/forms/${FORM}/stats`)).status).toBe(200);
    expect((await viaAccess(token, `/forms/${FORM}/deliveries/${LEAD_ID}`)).status).toBe(200);
    // A service token (empty sub, its Client ID in common_name) signs in as itself.
    const service = await mint({ service: true });
    expect((await viaAccess(service.token, `/forms/${FORM}/deliveries/${LEAD_ID}`)).status).toBe(200);

    const rows = (await env.DB.prepare('SELECT actor, action, target FROM admin_audit ORDER BY seq').all()).results;
    expect(rows).toEqual([
      { actor: `access:${USER_SUB}`, action: 'show', target: `submission:${LEAD_ID}` },
      { actor: 'access:service:leadgate-ci.access', action: 'show', target: `submission:${LEAD_ID}` },
    ]);
    expect(JSON.stringify((await env.DB.prepare('SELECT * FROM admin_audit').all()).results)).not.toContain('@');
  });

  it(`accepts a token up to ${CLOCK_LEEWAY_SECONDS} s past exp or before nbf (clock skew), not more`, async () => {
    const t = now();
    const late = await mint({ claims: { exp: t - 10 } });
    const early = await mint({ claims: { nbf: t + 10, iat: t + 10 } });
    expect((await viaAccess(late.token, '/audit')).status).toBe(200);
    expect((await viaAccess(early.token, '/audit')).status).toBe(200);
  });

  it('refuses a wrong or forged assertion with 401 ADMIN_UNAUTHORIZED saying why, and no key material', async () => {
    const t = now();
    const good = await mint();
    const [header, , signature] = good.token.split('.');
    const otherPayload = (await mint({ claims: { sub: 'f00dcafe-0000-4000-8000-000000000000' } })).token.split('.')[1];
    const cases: [string, string, AccessRefusal][] = [
      ['wrong aud', (await mint({ claims: { aud: ['0'.repeat(64)] } })).token, 'audience'],
      ['no aud', (await mint({ claims: { aud: null } })).token, 'audience'],
      ['wrong iss', (await mint({ claims: { iss: 'https://another-team.cloudflareaccess.com' } })).token, 'issuer'],
      ['expired', (await mint({ claims: { exp: t - 120 } })).token, 'expired'],
      ['no exp', (await mint({ claims: { exp: null } })).token, 'expired'],
      ['not yet valid', (await mint({ claims: { nbf: t + 300 } })).token, 'not-yet-valid'],
      ['issued in the future', (await mint({ claims: { iat: t + 300 } })).token, 'not-yet-valid'],
      ['payload swapped under a valid signature', `${header}.${otherPayload}.${signature}`, 'signature'],
      ['unknown kid', (await mint({ key: 'unpublished' })).token, 'unknown-key'],
      ['alg none', (await mint({ alg: 'none' })).token, 'algorithm'],
      ['HS256 keyed with the public key', (await mint({ alg: 'HS256' })).token, 'algorithm'],
      ['an e-mail as sub', (await mint({ claims: { sub: 'operator@example.com' } })).token, 'no-subject'],
      ['no sub', (await mint({ claims: { sub: null } })).token, 'no-subject'],
      ['garbage', 'not-a-jwt', 'malformed'],
      ['three dots of garbage', 'a.b.c', 'malformed'],
    ];
    const certs = (await (await fetch(`${accessUrl}/cdn-cgi/access/certs`)).json()) as { keys: { kid: string; n: string }[] };
    let ip = 10;
    for (const [name, token, reason] of cases) {
      // Each from an address of its own: the lockout is tested below.
      const response = await viaAccess(token, '/audit', `198.51.100.${ip++}`);
      const text = await response.text();
      expect([name, response.status, JSON.parse(text)]).toEqual([name, 401, { error: { code: 'ADMIN_UNAUTHORIZED', message: ACCESS_REFUSALS[reason] } }]);
      for (const key of certs.keys) expect(text).not.toContain(key.n.slice(0, 32));
      expect(text).not.toContain(token.slice(0, 20));
    }
  });

  it('counts a refused assertion toward the lockout like a wrong token', async () => {
    const ip = '203.0.113.44';
    const { token: expired } = await mint({ claims: { exp: now() - 120 } });
    for (let i = 0; i < DEFAULT_LOCKOUT.maxFailures; i++) expect((await viaAccess(expired, '/audit', ip)).status).toBe(401);
    const locked = await viaAccess((await mint()).token, '/audit', ip);
    expect(locked.status).toBe(429);
    expect((await errorOf(locked)).code).toBe('RATE_LIMITED');
  });

  it('follows a key rotation: the new kid is fetched, the previous key still works, a key rotated out twice does not', async () => {
    const first = await mint();
    expect((await viaAccess(first.token, '/audit')).status).toBe(200);

    const { kid: second } = await accessSim.rotate();
    await pastRefetchThrottle();
    // Cloudflare's certs cannot be fetched once: a refusal that names it, not counted against the caller.
    await access.fault({ mode: 'fail', endpoint: 'certs', status: 503, count: 1 });
    const fresh = await mint();
    expect(fresh.kid).toBe(second);
    const unavailable = await viaAccess(fresh.token, '/audit');
    expect([unavailable.status, (await errorOf(unavailable)).message]).toEqual([401, ACCESS_REFUSALS['keys-unavailable']]);
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM admin_login_failures').first())?.n).toBe(0);
    // The next request fetches them: the new key signs in, and so does the previous one (Cloudflare keeps it for 7 days).
    expect((await viaAccess(fresh.token, '/audit')).status).toBe(200);
    expect((await viaAccess((await mint({ key: 'previous' })).token, '/audit')).status).toBe(200);
    expect((await viaAccess(first.token, '/audit')).status).toBe(200);

    // Another rotation drops the first key; once the Worker has seen the new certs, the first key's tokens are refused.
    await accessSim.rotate();
    await pastRefetchThrottle();
    expect((await viaAccess((await mint()).token, '/audit')).status).toBe(200);
    const dropped = await viaAccess(first.token, '/audit');
    expect([dropped.status, (await errorOf(dropped)).message]).toEqual([401, ACCESS_REFUSALS['unknown-key']]);
  });

  it('caches the keys: many sign-ins, and many made-up kids, fetch the certs at most once', async () => {
    await pastRefetchThrottle();
    const { token: bogus } = await mint({ key: 'unpublished' });
    await access.clearRequests();
    // Five unknown kids in a row: one refetch at most, not five.
    for (let i = 0; i < 5; i++) expect((await viaAccess(bogus, '/audit', `198.51.100.${60 + i}`)).status).toBe(401);
    expect(await certsFetches()).toBe(1);
    const { token } = await mint();
    for (let i = 0; i < 5; i++) expect((await viaAccess(token, '/audit')).status).toBe(200);
    expect(await certsFetches()).toBe(1);
  });

  it('leaves bearer tokens as they are: a valid admin token signs in whatever assertion comes with it', async () => {
    const response = await adminRequest('/audit', { headers: { 'Cf-Access-Jwt-Assertion': 'not-a-jwt' } });
    expect(response.status).toBe(200);
  });

  it('ignores the header when Access is not configured: no sign-in, no certs fetched', async () => {
    const { token } = await mint();
    await access.clearRequests();
    const unconfigured = { ...env, ACCESS_TEAM_DOMAIN: '', ACCESS_AUD: '' } as Env;
    const call = async (headers: Record<string, string>) => {
      const ctx = createExecutionContext();
      const response = await worker.fetch(new Request('https://leadgate.test/v1/admin/audit', { headers }), unconfigured, ctx);
      await waitOnExecutionContext(ctx);
      return response;
    };
    const refused = await call({ 'Cf-Access-Jwt-Assertion': token, 'CF-Connecting-IP': '198.51.100.80' });
    expect([refused.status, (await errorOf(refused)).message]).toEqual([401, ERROR_MESSAGES.ADMIN_UNAUTHORIZED]);
    expect(await certsFetches()).toBe(0);
    // Not a guess either: a header the Worker does not read does not count toward the lockout.
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM admin_login_failures').first())?.n).toBe(0);
    const admin = (env as unknown as { LEADGATE_ADMIN_TOKEN: string }).LEADGATE_ADMIN_TOKEN;
    expect((await call({ Authorization: `Bearer ${admin}`, 'Cf-Access-Jwt-Assertion': 'not-a-jwt' })).status).toBe(200);
  });
});
