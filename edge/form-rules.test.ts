import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../shared/api-error';
import { resetBindings } from './test-migrations';
import { deliveryOf, perfectGymLead, postLead, sim } from './test-support';

const FORM = 'demo-perfectgym';
const TENANT = 'demo-gym';

beforeEach(async () => {
  await resetBindings();
  await sim.reset();
});

/** KV drops the cached rules at the end of their life; the last known ones stay. */
async function expireCachedRules(): Promise<void> {
  const { keys } = await env.RULES_CACHE.list({ prefix: 'rules:' });
  const cached = keys.map((k) => k.name).filter((name) => !name.endsWith(':last-known'));
  expect(cached).not.toEqual([]);
  for (const name of cached) await env.RULES_CACHE.delete(name);
}

describe("a submission while the vendor's rules are not cached and the vendor is down", () => {
  it('is checked against the last known rules, stored and queued, and delivered once the vendor is back', async () => {
    expect((await postLead(FORM, perfectGymLead(), { 'Idempotency-Key': 'known-0001-abcd' })).status).toBe(201);
    await expireCachedRules();
    await sim.fault({ tenant: TENANT, mode: 'down' });

    // Checked: a lead the last known rules refuse is still told which field to fix.
    const invalid = await postLead(FORM, perfectGymLead({ email: 'not-an-email' }), { 'Idempotency-Key': 'known-0002-abcd' });
    expect(invalid.status).toBe(422);
    expect(((await invalid.json()) as ApiErrorBody).error.code).toBe('VALIDATION_FAILED');

    const lead = perfectGymLead();
    const response = await postLead(FORM, lead, { 'Idempotency-Key': 'known-0003-abcd' });
    expect([response.status, await response.json()]).toEqual([202, { status: 'accepted', submissionId: 'known-0003-abcd' }]);
    const stored = await deliveryOf(FORM, 'known-0003-abcd');
    expect(stored.status).toBe('queued');
    expect(stored.lead).toMatchObject({ email: lead.email });

    await sim.clearFaults();
    await expect.poll(async () => (await deliveryOf(FORM, 'known-0003-abcd')).status, { timeout: 15_000 }).toBe('delivered');
    expect(await sim.leads(TENANT)).toHaveLength(2);
  });

  it('is answered 503 when no rules of the vendor were ever known', async () => {
    await sim.fault({ tenant: TENANT, mode: 'down' });
    const response = await postLead(FORM, perfectGymLead(), { 'Idempotency-Key': 'unknown-0001-ab' });
    expect(response.status).toBe(503);
    expect(((await response.json()) as ApiErrorBody).error.code).toBe('VENDOR_UNAVAILABLE');
  });
});
