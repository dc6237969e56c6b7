import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryDetail } from '../../shared/admin';
import type { AdminTokenList, CreatedAdminToken } from '../../shared/admin-tokens';
import type { ApiErrorBody } from '../../shared/api-error';
import { resetBindings } from '../test-migrations';
import { adminRequest, perfectGymLead, postLead, request, sim } from '../test-support';
import { DEFAULT_LOCKOUT, loginLockout } from './login-lockout';

const FORM = 'demo-perfectgym';
const OTHER = 'demo-magicline-open';
const LEAD_ID = 'scoped-0001-abcdef';

beforeEach(async () => {
  await resetBindings();
  await sim.reset();
});

/** A request to the operator API with this bearer token, from this client address. */
function asToken(token: string, path: string, init: RequestInit = {}, ip = '198.51.100.7'): Promise<Response> {
  return request(`/v1/admin${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, 'CF-Connecting-IP': ip, ...init.headers } });
}

async function createToken(forms: string[], label = 'agency'): Promise<CreatedAdminToken> {
  const response = await adminRequest('/tokens', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ forms, label }) });
  expect(response.status).toBe(201);
  return response.json();
}

async function errorOf(response: Response): Promise<ApiErrorBody['error']> {
  return ((await response.json()) as ApiErrorBody).error;
}

async function auditRows(): Promise<Record<string, unknown>[]> {
  return (await env.DB.prepare('SELECT actor, action, form_id, target, count FROM admin_audit ORDER BY seq').all()).results;
}

async function submitLead(): Promise<void> {
  const response = await postLead(FORM, perfectGymLead({ email: 'anna.schmidt@example.de' }), { 'Idempotency-Key': LEAD_ID });
  expect(response.status).toBe(201);
}

describe('scoped admin tokens', () => {
  it('read their own forms, and a form outside the list is 404 with the body of a form that does not exist', async () => {
    await submitLead();
    const { token } = await createToken([FORM]);

    const own = await asToken(token, `/forms/${FORM}/deliveries/${LEAD_ID}`);
    expect(own.status).toBe(200);
    expect(((await own.json()) as DeliveryDetail).delivery.id).toBe(LEAD_ID);
    expect((await asToken(token, `/forms/${FORM}/deliveries`)).status).toBe(200);

    const other = await asToken(token, `/forms/${OTHER}/deliveries`);
    const missing = await asToken(token, '/forms/no-such-form/deliveries');
    expect([other.status, missing.status]).toEqual([404, 404]);
    expect(await other.text()).toBe(await missing.text());
    // Not even a replay on another form gets past the scope.
    expect((await asToken(token, `/forms/${OTHER}/dead-letters/replay`, { method: 'POST' })).status).toBe(404);
  });

  it('erase and export another form as 404, the same as a form that does not exist, and erase nothing', async () => {
    await submitLead();
    const { token } = await createToken([OTHER]);
    const json = { 'Content-Type': 'application/json' };
    const eraseIn = (form: string) =>
      asToken(token, `/forms/${form}/erase`, { method: 'POST', headers: json, body: JSON.stringify({ email: 'anna.schmidt@example.de' }) });
    const exportIn = (form: string) => asToken(token, `/forms/${form}/export?email=anna.schmidt%40example.de`);
    const [erased, erasedMissing, exported, exportedMissing] = [
      await eraseIn(FORM),
      await eraseIn('no-such-form'),
      await exportIn(FORM),
      await exportIn('no-such-form'),
    ];
    expect([erased.status, erasedMissing.status, exported.status, exportedMissing.status]).toEqual([404, 404, 404, 404]);
    expect(await erased.text()).toBe(await erasedMissing.text());
    expect(await exported.text()).toBe(await exportedMissing.text());
    // The lead is still there, and neither refusal was audited as an erasure or export.
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM deliveries WHERE id = ?').bind(LEAD_ID).first())?.n).toBe(1);
    expect((await auditRows()).filter((row) => row.action === 'erase' || row.action === 'export')).toEqual([]);
    // The same token does reach its own form.
    expect((await exportIn(OTHER)).status).toBe(200);
  });

  it('are refused 401 on every route outside a form: tokens, and any global route', async () => {
    const { token, id } = await createToken([FORM]);
    for (const response of [
      await asToken(token, '/tokens'),
      await asToken(token, '/tokens', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ forms: [FORM] }) }),
      await asToken(token, `/tokens/${id}`, { method: 'DELETE' }),
      await asToken(token, '/audit'),
    ]) {
      expect(response.status).toBe(401);
      expect(await errorOf(response)).toMatchObject({ code: 'ADMIN_UNAUTHORIZED' });
    }
    // The token was not revoked by its own request.
    expect((await asToken(token, `/forms/${FORM}/stats`)).status).toBe(200);
  });

  it('stop working once revoked, and are listed without their secret', async () => {
    const { token, id, forms } = await createToken([FORM, OTHER, FORM], 'gym group');
    expect(forms).toEqual([FORM, OTHER]);
    expect(token).toMatch(/^lgt_[A-Za-z0-9_-]{43}$/);
    expect((await asToken(token, `/forms/${OTHER}/stats`)).status).toBe(200);

    const revoked = await adminRequest(`/tokens/${id}`, { method: 'DELETE' });
    expect(revoked.status).toBe(200);
    const after = await asToken(token, `/forms/${OTHER}/stats`);
    expect(after.status).toBe(401);
    expect(await errorOf(after)).toMatchObject({ code: 'ADMIN_UNAUTHORIZED' });

    const list = (await (await adminRequest('/tokens')).json()) as AdminTokenList;
    expect(list.tokens).toEqual([expect.objectContaining({ id, forms: [FORM, OTHER], label: 'gym group', revokedAt: expect.any(String) })]);
    expect(JSON.stringify(list)).not.toContain(token);
    expect((await adminRequest(`/tokens/${id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('are stored as keyed hashes: D1 does not hold the token', async () => {
    const { token, id } = await createToken([FORM]);
    const rows = (await env.DB.prepare('SELECT * FROM admin_tokens').all()).results;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id });
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(token.slice(4));
    // Not an unkeyed digest of it either.
    const digest = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))), (b) =>
      b.toString(16).padStart(2, '0'),
    ).join('');
    expect(stored).not.toContain(digest);
  });

  it('refuse bad input with the closed error set, and nothing is created', async () => {
    const post = (body: string, type = 'application/json') => adminRequest('/tokens', { method: 'POST', headers: { 'Content-Type': type }, body });
    const unknown = await post(JSON.stringify({ forms: [FORM, 'nope-1', 'nope-2'] }));
    expect(unknown.status).toBe(400);
    expect(await errorOf(unknown)).toMatchObject({
      code: 'INVALID_REQUEST',
      fields: [
        { field: 'forms.nope-1', code: 'invalid_option' },
        { field: 'forms.nope-2', code: 'invalid_option' },
      ],
    });
    const cases: [Response, number, string][] = [
      [await post('{'), 400, 'INVALID_JSON'],
      [await post(JSON.stringify({ forms: [] })), 400, 'INVALID_REQUEST'],
      [await post(JSON.stringify({ forms: ['../x'] })), 400, 'INVALID_REQUEST'],
      [await post(JSON.stringify({ forms: [FORM], extra: 1 })), 400, 'INVALID_REQUEST'],
      [await post(JSON.stringify({ forms: [FORM], label: 'x'.repeat(101) })), 400, 'INVALID_REQUEST'],
      [await post(JSON.stringify({ forms: [FORM] }), 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [await post(JSON.stringify({ forms: Array(5000).fill(FORM) })), 413, 'PAYLOAD_TOO_LARGE'],
      [await adminRequest('/tokens/not-an-id', { method: 'DELETE' }), 404, 'NOT_FOUND'],
      [await adminRequest('/tokens/0123456789abcdef', { method: 'DELETE' }), 404, 'NOT_FOUND'],
      [await asToken('lgt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', `/forms/${FORM}/stats`), 401, 'ADMIN_UNAUTHORIZED'],
    ];
    for (const [response, status, code] of cases) {
      expect([response.status, (await errorOf(response)).code]).toEqual([status, code]);
    }
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM admin_tokens').first())?.n).toBe(0);
  });
});

describe('reads of personal data', () => {
  it('are audited: who showed which delivery, and token changes, without personal data', async () => {
    await submitLead();
    const { token, id } = await createToken([FORM]);
    expect((await adminRequest(`/forms/${FORM}/deliveries/${LEAD_ID}`)).status).toBe(200);
    expect((await asToken(token, `/forms/${FORM}/deliveries/${LEAD_ID}`)).status).toBe(200);
    // A list shows no lead, and a refused read shows nothing: neither is a read of personal data.
    expect((await adminRequest(`/forms/${FORM}/deliveries`)).status).toBe(200);
    expect((await asToken(token, `/forms/${OTHER}/deliveries/${LEAD_ID}`)).status).toBe(404);
    expect((await adminRequest(`/tokens/${id}`, { method: 'DELETE' })).status).toBe(200);

    const rows = await auditRows();
    expect(rows).toEqual([
      { actor: 'admin', action: 'token_create', form_id: null, target: `token:${id}`, count: 1 },
      { actor: 'admin', action: 'show', form_id: FORM, target: `submission:${LEAD_ID}`, count: 1 },
      { actor: `token:${id}`, action: 'show', form_id: FORM, target: `submission:${LEAD_ID}`, count: 1 },
      { actor: 'admin', action: 'token_revoke', form_id: null, target: `token:${id}`, count: null },
    ]);
    const all = JSON.stringify((await env.DB.prepare('SELECT * FROM admin_audit').all()).results);
    for (const personal of ['anna', 'schmidt', 'example.de', '+49']) expect(all.toLowerCase()).not.toContain(personal);
  });
});

describe('failed admin logins', () => {
  const ATTACKER = '203.0.113.9';

  it(`lock the address out after ${DEFAULT_LOCKOUT.maxFailures} wrong tokens, the right token included, with Retry-After`, async () => {
    const good = (env as unknown as { LEADGATE_ADMIN_TOKEN: string }).LEADGATE_ADMIN_TOKEN;
    for (let i = 1; i < DEFAULT_LOCKOUT.maxFailures; i++) expect((await asToken(`wrong-${i}`, `/forms/${FORM}/stats`, {}, ATTACKER)).status).toBe(401);
    expect((await asToken(good, `/forms/${FORM}/stats`, {}, ATTACKER)).status).toBe(200);
    // A success did not reset the count: the next wrong token locks the address.
    expect((await asToken('wrong-last', `/forms/${FORM}/stats`, {}, ATTACKER)).status).toBe(401);

    const locked = await asToken(good, `/forms/${FORM}/stats`, {}, ATTACKER);
    expect(locked.status).toBe(429);
    expect(await errorOf(locked)).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(locked.headers.get('Retry-After'))).toBeGreaterThan(DEFAULT_LOCKOUT.lockMs / 1000 - 5);
    expect(Number(locked.headers.get('Retry-After'))).toBeLessThanOrEqual(DEFAULT_LOCKOUT.lockMs / 1000);

    // Another address (and another /64) is not affected; the same IPv4 address is, with any token.
    expect((await asToken(good, `/forms/${FORM}/stats`, {}, '203.0.113.10')).status).toBe(200);
    expect((await asToken('wrong', `/forms/${FORM}/stats`, {}, ATTACKER)).status).toBe(429);
  });

  it('group IPv6 addresses by /64', async () => {
    for (let i = 1; i <= DEFAULT_LOCKOUT.maxFailures; i++) await asToken('wrong', '/tokens', {}, `2001:db8:1:2::${i.toString(16)}`);
    expect((await adminRequest('/tokens', { headers: { 'CF-Connecting-IP': '2001:db8:1:2:ffff::1' } })).status).toBe(429);
    expect((await adminRequest('/tokens', { headers: { 'CF-Connecting-IP': '2001:db8:1:3::1' } })).status).toBe(200);
  });

  it('end when the lock period is over, and need a new run of failures to lock again', async () => {
    const lockout = loginLockout(env.DB);
    const start = Date.now();
    for (let i = 0; i < DEFAULT_LOCKOUT.maxFailures - 1; i++) expect(await lockout.recordFailure(ATTACKER, start)).toBe(0);
    expect(await lockout.recordFailure(ATTACKER, start)).toBe(DEFAULT_LOCKOUT.lockMs / 1000);
    expect(await lockout.lockedFor(ATTACKER, start + DEFAULT_LOCKOUT.lockMs - 1000)).toBe(1);
    expect(await lockout.lockedFor(ATTACKER, start + DEFAULT_LOCKOUT.lockMs)).toBe(0);
    expect(await lockout.recordFailure(ATTACKER, start + DEFAULT_LOCKOUT.lockMs + 1)).toBe(0);
    expect(await lockout.lockedFor(ATTACKER, start + DEFAULT_LOCKOUT.lockMs + 1)).toBe(0);
  });

  it('outside a window are not added up', async () => {
    const lockout = loginLockout(env.DB);
    const start = Date.now();
    for (let i = 0; i < DEFAULT_LOCKOUT.maxFailures - 1; i++) await lockout.recordFailure(ATTACKER, start);
    expect(await lockout.recordFailure(ATTACKER, start + DEFAULT_LOCKOUT.windowMs + 1)).toBe(0);
    expect(await lockout.lockedFor(ATTACKER, start + DEFAULT_LOCKOUT.windowMs + 1)).toBe(0);
  });
});
