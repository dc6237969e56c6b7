import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryList, DeliverySummary } from '../shared/admin';
import type { ApiErrorBody } from '../shared/api-error';
import type { SimRequest } from '../tests/stack/simulator-client';
import worker from '../tests/worker/test-worker';
import { resetBindings } from './test-migrations';
import { adminRequest, deliveryOf, eventually, perfectGymLead, postLead, request, sim } from './test-support';

const FORM = 'demo-perfectgym';
const TENANT = 'demo-gym';

beforeEach(async () => {
  await resetBindings();
  await sim.reset();
});

const admin = adminRequest;
const delivery = (id: string) => deliveryOf(FORM, id);

async function settled(id: string, status: DeliverySummary['status'] = 'delivered') {
  return eventually(async () => {
    const found = await delivery(id);
    expect(found.status).toBe(status);
    return found;
  });
}

/** The leads the vendor holds for an email: the one number that must be exactly 1. */
async function leadsFor(email: string): Promise<number> {
  const leads = (await sim.leads(TENANT)) as { request: { leadCustomer: { email?: string } } }[];
  return leads.filter((l) => l.request.leadCustomer.email === email).length;
}

const posts = (requests: SimRequest[], endpoint: string) => requests.filter((r) => r.method === 'POST' && r.endpoint === endpoint);

async function accept(key: string, lead = perfectGymLead()) {
  const response = await postLead(FORM, lead, { 'Idempotency-Key': key });
  expect(response.status).toBe(202);
  expect(await response.json()).toEqual({ status: 'accepted', submissionId: key });
  return lead;
}

describe('a vendor that fails, then recovers', () => {
  it('answers 500 for the first 3 attempts: the lead is accepted, retried, and arrives exactly once', async () => {
    await sim.fault({ tenant: TENANT, endpoint: 'validate', mode: 'fail', status: 500, count: 3 });
    const lead = await accept('fail-three-0001');
    const done = await settled('fail-three-0001');
    expect(done).toMatchObject({ attempts: 4, lastErrorCode: 'status_500', failureReason: null });
    expect(await leadsFor(lead.email)).toBe(1);
    const validates = posts(await sim.requests(TENANT), 'validate');
    expect(validates.map((r) => r.status)).toEqual([500, 500, 500, 200]);
  });

  it('hangs past the timeout without doing the work: retried, one lead', async () => {
    await sim.fault({ tenant: TENANT, endpoint: 'create', mode: 'hang', count: 1 });
    const lead = await accept('hang-0001-abcdef');
    await settled('hang-0001-abcdef');
    expect(await leadsFor(lead.email)).toBe(1);
    expect(posts(await sim.requests(TENANT), 'create')).toHaveLength(2);
  });

  it('does the work after the Worker gave up waiting: the retry finds it, no second lead', async () => {
    // The form's timeout is 5 s; the vendor creates the lead 300 ms after that, unanswered.
    await sim.fault({ tenant: TENANT, endpoint: 'create', mode: 'hang', delayMs: 5300, count: 1 });
    const lead = await accept('late-0001-abcdef');
    // The retry is told the last answer was lost; its validate finds the copy: the earlier
    // create landed, so the lead is delivered (not a duplicate of an earlier customer).
    const done = await settled('late-0001-abcdef', 'delivered');
    expect(done.lastErrorCode).toBe('timeout');
    expect(await leadsFor(lead.email)).toBe(1);
    expect(posts(await sim.requests(TENANT), 'create')).toHaveLength(1);
  });

  it("honours the vendor's Retry-After on a 429", async () => {
    await sim.fault({ tenant: TENANT, endpoint: 'validate', mode: 'rate-limit', retryAfter: 3, count: 1 });
    const lead = await accept('retry-after-0001');
    await settled('retry-after-0001');
    expect(await leadsFor(lead.email)).toBe(1);
    const [limited, next] = posts(await sim.requests(TENANT), 'validate');
    expect(limited?.status).toBe(429);
    expect(Date.parse(next!.time) - Date.parse(limited!.time)).toBeGreaterThanOrEqual(3000);
  });

  it('is down for a whole stretch, then comes back: every lead arrives exactly once', async () => {
    await sim.fault({ tenant: TENANT, endpoint: 'validate', mode: 'down' });
    const keys = ['down-0001-abcdef', 'down-0002-abcdef', 'down-0003-abcdef'];
    const leads = [];
    for (const key of keys) leads.push(await accept(key));
    // Several rounds of retries hit the dead vendor...
    await eventually(async () => expect(posts(await sim.requests(TENANT), 'validate').length).toBeGreaterThanOrEqual(9), 15_000);
    expect(await sim.leads(TENANT)).toEqual([]);
    // ...which then comes back.
    await sim.clearFaults();
    for (const key of keys) await settled(key);
    for (const lead of leads) expect(await leadsFor(lead.email)).toBe(1);
  });
});

describe('what the vendor answered', () => {
  it("keeps PerfectGym's customer id, uuid and customer number with the delivery, for the operator", async () => {
    const response = await postLead(FORM, perfectGymLead(), { 'Idempotency-Key': 'refs-0001-abcdef' });
    expect(response.status).toBe(201);
    const [stored] = (await sim.leads(TENANT)) as { customerId: number; uuid: string; customerNumber: string }[];
    const found = await delivery('refs-0001-abcdef');
    expect(found.vendorRefs).toEqual({ customerId: String(stored?.customerId), uuid: stored?.uuid, customerNumber: stored?.customerNumber });
  });
});

describe('one key, one lead', () => {
  it('makes one lead of 10 identical POSTs in flight at once, and gives all of them its answer', async () => {
    const lead = perfectGymLead();
    const responses = await Promise.all(Array.from({ length: 10 }, () => postLead(FORM, lead, { 'Idempotency-Key': 'parallel-0001-abc' })));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    for (const response of responses) expect(await response.json()).toEqual({ status: 'delivered', submissionId: 'parallel-0001-abc' });
    expect(await leadsFor(lead.email)).toBe(1);
    const requests = await sim.requests(TENANT);
    expect([posts(requests, 'validate').length, posts(requests, 'create').length]).toEqual([1, 1]);
  });

  it('answers a repeat of an accepted lead with 202 while it waits, and never sends it twice', async () => {
    await sim.fault({ tenant: TENANT, endpoint: 'validate', mode: 'down', count: 1 });
    const lead = await accept('repeat-queued-0001');
    const again = await postLead(FORM, lead, { 'Idempotency-Key': 'repeat-queued-0001' });
    expect([again.status, await again.json()]).toEqual([202, { status: 'accepted', submissionId: 'repeat-queued-0001' }]);
    await settled('repeat-queued-0001');
    const after = await postLead(FORM, lead, { 'Idempotency-Key': 'repeat-queued-0001' });
    expect(after.status).toBe(201);
    expect(await leadsFor(lead.email)).toBe(1);
  });

  it('lets a lead the vendor refused on a field be corrected and sent again under its key', async () => {
    // The phone was optional when the rules were cached; the studio has made it mandatory since.
    const config = await sim.leadConfig(TENANT);
    await sim.setLeadConfig(TENANT, { ...config, telephoneMode: 'OPTIONAL' });
    expect((await request(`/v1/forms/${FORM}`)).status).toBe(200);
    await sim.setLeadConfig(TENANT, { ...config, telephoneMode: 'MANDATORY' });
    const { phone: _, ...withoutPhone } = perfectGymLead();
    const refused = await postLead(FORM, withoutPhone, { 'Idempotency-Key': 'corrected-0001' });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as ApiErrorBody).error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'phone', code: 'required' }] });
    expect((await delivery('corrected-0001')).status).toBe('rejected');
    const corrected = perfectGymLead();
    expect((await postLead(FORM, corrected, { 'Idempotency-Key': 'corrected-0001' })).status).toBe(201);
    expect(await leadsFor(corrected.email)).toBe(1);
  });

  it('refuses a key reused for a different lead with 409 and keeps the first', async () => {
    const first = perfectGymLead();
    expect((await postLead(FORM, first, { 'Idempotency-Key': 'reused-0001-abcd' })).status).toBe(201);
    const other = await postLead(FORM, perfectGymLead(), { 'Idempotency-Key': 'reused-0001-abcd' });
    expect(other.status).toBe(409);
    expect(((await other.json()) as ApiErrorBody).error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await sim.leads(TENANT)).toHaveLength(1);
  });
});

describe('a refusal the visitor cannot fix', () => {
  it('holds the lead while the visitor waits: 202 accepted, the operator alerted, replayed into one lead', async () => {
    // A 400 naming no field: a setup error at the vendor, nothing the visitor could change.
    await sim.fault({ tenant: TENANT, endpoint: 'validate', mode: 'fail', status: 400, count: 1 });
    const lead = await accept('held-0001-abcdef');
    const held = await delivery('held-0001-abcdef');
    expect(held).toMatchObject({ status: 'held', attempts: 1, lastErrorCode: 'MALFORMED_REQUEST', failureReason: 'vendor_rejected', nextAttemptAt: null });
    expect(held.lead).toMatchObject({ email: lead.email });
    await eventually(async () => expect((await delivery('held-0001-abcdef')).deadLetteredAt).not.toBeNull());
    expect((await delivery('held-0001-abcdef')).status).toBe('held');

    // The same POST again gets the same answer, and nothing goes to the vendor.
    const before = (await sim.requests(TENANT)).length;
    const again = await postLead(FORM, lead, { 'Idempotency-Key': 'held-0001-abcdef' });
    expect([again.status, await again.json()]).toEqual([202, { status: 'accepted', submissionId: 'held-0001-abcdef' }]);
    expect((await sim.requests(TENANT)).length).toBe(before);
    const stats = (await (await admin(`/forms/${FORM}/stats`)).json()) as { counts: Record<string, number> };
    expect(stats.counts).toMatchObject({ held: 1, unknown: 0, failed: 0 });

    // The operator fixed the vendor's setup: the replay delivers it, once.
    const replay = await admin(`/forms/${FORM}/deliveries/held-0001-abcdef/replay`, { method: 'POST' });
    expect([replay.status, await replay.json()]).toEqual([202, { replayed: ['held-0001-abcdef'] }]);
    await settled('held-0001-abcdef');
    expect(await leadsFor(lead.email)).toBe(1);
    const later = await postLead(FORM, lead, { 'Idempotency-Key': 'held-0001-abcdef' });
    expect(later.status).toBe(201);
    expect(await leadsFor(lead.email)).toBe(1);
  });
});

describe('dead letters', () => {
  it('holds a permanent refusal after acceptance at once, with the vendor code, and replays it', async () => {
    await sim.fault({ tenant: TENANT, endpoint: 'validate', mode: 'fail', status: 503, count: 1 });
    await sim.fault({ tenant: TENANT, endpoint: 'validate', mode: 'fail', status: 400, count: 1 });
    const lead = await accept('refused-0001-abcd');
    const held = await settled('refused-0001-abcd', 'held');
    expect(held).toMatchObject({ attempts: 2, lastErrorCode: 'MALFORMED_REQUEST', failureReason: 'vendor_rejected' });
    expect(held.lead).toMatchObject({ email: lead.email });
    await eventually(async () => expect((await delivery('refused-0001-abcd')).deadLetteredAt).not.toBeNull());

    // The operator's list: the held lead, with codes and counts and no personal data.
    const list = await admin(`/forms/${FORM}/deliveries?status=held`);
    const text = await list.text();
    expect((JSON.parse(text) as DeliveryList).deliveries.map((d) => d.id)).toEqual(['refused-0001-abcd']);
    expect(text).not.toContain(lead.email);
    expect(text).not.toContain('Mustermann');

    const replay = await admin(`/forms/${FORM}/deliveries/refused-0001-abcd/replay`, { method: 'POST' });
    expect([replay.status, await replay.json()]).toEqual([202, { replayed: ['refused-0001-abcd'] }]);
    await settled('refused-0001-abcd');
    expect(await leadsFor(lead.email)).toBe(1);
  });

  it('moves a job to the dead-letter queue as failed when its retry budget is spent', async () => {
    await sim.fault({ tenant: TENANT, endpoint: 'validate', mode: 'fail', status: 502 });
    await accept('budget-0001-abcd');
    // The next attempt, run by the consumer with a budget of 0.36 s that the backoff overshoots.
    const batch = createMessageBatch('leadgate-deliveries', [{ id: 'm1', timestamp: new Date(), attempts: 1, body: { formId: FORM, id: 'budget-0001-abcd' } }]);
    const ctx = createExecutionContext();
    await worker.queue(batch as MessageBatch<never>, { ...env, DELIVERY_BUDGET_HOURS: '0.0001' } as unknown as Env, ctx);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(['m1']);
    const failed = await settled('budget-0001-abcd', 'failed');
    expect(failed).toMatchObject({ failureReason: 'budget_exhausted', lastErrorCode: 'status_502', attempts: 2 });
    await eventually(async () => expect((await delivery('budget-0001-abcd')).deadLetteredAt).not.toBeNull());
    expect(await sim.leads(TENANT)).toEqual([]);
  });

  it('replays every dead letter and held lead of a form at once', async () => {
    await sim.fault({ tenant: TENANT, endpoint: 'validate', mode: 'fail', status: 503, count: 2 });
    await sim.fault({ tenant: TENANT, endpoint: 'validate', mode: 'fail', status: 400, count: 2 });
    // The 503s come first (faults are taken in order): both leads are accepted, then refused on their retry.
    await accept('all-0001-abcdefg');
    await accept('all-0002-abcdefg');
    await settled('all-0001-abcdefg', 'held');
    await settled('all-0002-abcdefg', 'held');
    const replay = await admin(`/forms/${FORM}/dead-letters/replay`, { method: 'POST' });
    expect(((await replay.json()) as { replayed: string[] }).replayed.sort()).toEqual(['all-0001-abcdefg', 'all-0002-abcdefg']);
    await settled('all-0001-abcdefg');
    await settled('all-0002-abcdefg');
    expect(await sim.leads(TENANT)).toHaveLength(2);
  });
});
