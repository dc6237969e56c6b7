import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../shared/api-error';
import worker from '../../tests/worker/test-worker';
import { resetBindings } from '../test-migrations';
import { humanProof, perfectGymLead, sim } from '../test-support';

const FORM = 'demo-perfectgym';
const TENANT = 'demo-gym';

beforeEach(async () => {
  await resetBindings();
  await sim.reset();
});

/** A submission from `ip` to a Worker whose limits are `vars` (as wrangler.toml `[vars]` would set them). */
async function submit(ip: string, vars: Record<string, string>, formId = FORM): Promise<Response> {
  const request = new Request(`https://leadgate.test/v1/forms/${formId}/leads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:8800', 'CF-Connecting-IP': ip },
    body: JSON.stringify({ lead: perfectGymLead(), proof: await humanProof(formId) }),
  });
  const ctx = createExecutionContext();
  const response = await worker.fetch(request, { ...env, ...vars } as Env, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

const created = async () => (await sim.requests(TENANT)).filter((r) => r.endpoint === 'create').length;

describe('rate limits', () => {
  it('refuses a client past its limit per minute with 429 RATE_LIMITED and Retry-After, before the vendor sees it', async () => {
    const vars = { RATE_LIMIT_PER_CLIENT: '3', RATE_LIMIT_PER_FORM: '1000' };
    for (let i = 0; i < 3; i++) expect((await submit('198.51.100.7', vars)).status).toBe(201);
    const refused = await submit('198.51.100.7', vars);
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as ApiErrorBody).error.code).toBe('RATE_LIMITED');
    // 3 a minute: one comes back every 20 s.
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThanOrEqual(19);
    expect(Number(refused.headers.get('Retry-After'))).toBeLessThanOrEqual(20);
    expect(await created()).toBe(3);
  });

  it('counts each client on its own: another address still gets through', async () => {
    const vars = { RATE_LIMIT_PER_CLIENT: '1', RATE_LIMIT_PER_FORM: '1000' };
    expect((await submit('198.51.100.8', vars)).status).toBe(201);
    expect((await submit('198.51.100.8', vars)).status).toBe(429);
    expect((await submit('198.51.100.9', vars)).status).toBe(201);
  });

  it('counts an IPv6 client by its /64, so rotating addresses inside it does not help', async () => {
    const vars = { RATE_LIMIT_PER_CLIENT: '2', RATE_LIMIT_PER_FORM: '1000' };
    expect((await submit('2001:db8:abcd:12::1', vars)).status).toBe(201);
    expect((await submit('2001:db8:abcd:12:ffff::2', vars)).status).toBe(201);
    expect((await submit('2001:0db8:abcd:0012::3', vars)).status).toBe(429);
    expect((await submit('2001:db8:abcd:13::1', vars)).status).toBe(201);
  });

  it('caps the whole form, whatever the addresses', async () => {
    const vars = { RATE_LIMIT_PER_CLIENT: '1000', RATE_LIMIT_PER_FORM: '4' };
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await submit(`203.0.113.${i + 1}`, vars)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429]);
    expect(await created()).toBe(4);
  });

  it("takes a form's own limit over the Worker's vars", async () => {
    // test-rate-limited allows 2 per client in tests/test-forms.json; the vars would allow many.
    const vars = { RATE_LIMIT_PER_CLIENT: '1000', RATE_LIMIT_PER_FORM: '1000' };
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await submit('198.51.100.20', vars, 'test-rate-limited')).status);
    expect(statuses.slice(0, 2).every((s) => s !== 429)).toBe(true);
    expect(statuses[2]).toBe(429);
  });
});
