import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import worker from '../../tests/worker/test-worker';
import { resetBindings } from '../test-migrations';
import { adminRequest, deliveryOf, perfectGymLead, postLead, postLeadWith, refusingQueue, sim } from '../test-support';
import { deliveryLedger } from './delivery-ledger';
import { sweepDeliveries } from './sweep-deliveries';

const FORM = 'demo-perfectgym';
const TENANT = 'demo-gym';
const DAY = 86_400_000;

beforeEach(async () => {
  await resetBindings();
  await sim.reset();
});

const delivery = (id: string) => deliveryOf(FORM, id);

/**
 * A lead accepted while the vendor is down and the delivery queue refuses
 * every message: stored as queued, with no message on its way. Only the
 * sweeper can bring it back.
 */
async function acceptWithoutMessage(key: string) {
  await sim.fault({ tenant: TENANT, endpoint: 'validate', mode: 'down' });
  const queue = refusingQueue();
  const response = await postLeadWith({ DELIVERIES: queue }, FORM, perfectGymLead(), { 'Idempotency-Key': key });
  expect([response.status, await response.json()]).toEqual([202, { status: 'accepted', submissionId: key }]);
  expect(queue.refused).toBe(1);
  expect(await delivery(key)).toMatchObject({ status: 'queued' });
  await sim.clearFaults();
}

describe('retention', () => {
  it('deletes the record of a delivered lead 7 days after delivery, and keeps only its count', async () => {
    const lead = perfectGymLead();
    expect((await postLead(FORM, lead, { 'Idempotency-Key': 'retain-0001-abc' })).status).toBe(201);
    const now = Date.now();
    expect(await sweepDeliveries(env, now + 6 * DAY)).toEqual({ requeued: 0, reported: 0, deleted: 0 });
    expect((await delivery('retain-0001-abc')).lead).toMatchObject({ firstName: 'Max' });

    expect(await sweepDeliveries(env, now + 7 * DAY + 60_000)).toEqual({ requeued: 0, reported: 0, deleted: 1 });
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM deliveries WHERE id = ?').bind('retain-0001-abc').first('n')).toBe(0);
    const stats = (await (await adminRequest(`/forms/${FORM}/stats`)).json()) as { counts: Record<string, number>; archived: Record<string, number> };
    expect([stats.counts.delivered, stats.archived.delivered]).toEqual([1, 1]);
  });

  it('keeps a held lead, like a dead letter, for 30 days, then deletes its record', async () => {
    // A refusal naming no field, on the queue's retry: held for the operator.
    await sim.fault({ tenant: TENANT, endpoint: 'validate', mode: 'fail', status: 503, count: 1 });
    await sim.fault({ tenant: TENANT, endpoint: 'validate', mode: 'fail', status: 400 });
    expect((await postLead(FORM, perfectGymLead(), { 'Idempotency-Key': 'dead-0001-abcdef' })).status).toBe(202);
    await expect.poll(async () => (await delivery('dead-0001-abcdef')).status, { timeout: 15_000 }).toBe('held');
    const now = Date.now();
    expect((await sweepDeliveries(env, now + 29 * DAY)).deleted).toBe(0);
    expect((await delivery('dead-0001-abcdef')).lead).not.toBeNull();
    expect((await sweepDeliveries(env, now + 30 * DAY + 60_000)).deleted).toBe(1);
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM deliveries WHERE id = ?').bind('dead-0001-abcdef').first('n')).toBe(0);
  });
});

describe('the sweep', () => {
  it('sends a queued job whose message never came back into the queue', async () => {
    await sim.fault({ tenant: TENANT, endpoint: 'validate', mode: 'down' });
    expect((await postLead(FORM, perfectGymLead(), { 'Idempotency-Key': 'orphan-0001-abc' })).status).toBe(202);
    // An hour on, the job is long overdue: its message was lost.
    expect((await sweepDeliveries(env, Date.now() + 3_600_000)).requeued).toBe(1);
    await sim.clearFaults();
    await expect.poll(async () => (await delivery('orphan-0001-abc')).status, { timeout: 15_000 }).toBe('delivered');
    expect(await sim.leads(TENANT)).toHaveLength(1);
  });

  it('finds a job whose send to the queue failed once it is overdue, and delivers it once', async () => {
    await acceptWithoutMessage('unsent-0001-abc');
    // Not yet due (the test policy retries within 2 s, grace 1 s): nothing to do.
    expect((await sweepDeliveries(env)).requeued).toBe(0);
    expect((await sweepDeliveries(env, Date.now() + 10_000)).requeued).toBe(1);
    await expect.poll(async () => (await delivery('unsent-0001-abc')).status, { timeout: 15_000 }).toBe('delivered');
    expect(await sim.leads(TENANT)).toHaveLength(1);
  });

  it('keeps what it found when the queue refuses it too: the next run sends it, and the purge still runs', async () => {
    await acceptWithoutMessage('unsent-0002-abc');
    const queue = refusingQueue();
    const later = Date.now() + 10_000;
    expect(await sweepDeliveries({ ...env, DELIVERIES: queue } as Env, later)).toEqual({ requeued: 0, reported: 0, deleted: 0 });
    expect(queue.refused).toBe(1);
    expect(await delivery('unsent-0002-abc')).toMatchObject({ status: 'queued' });
    expect((await sweepDeliveries(env, later + 10_000)).requeued).toBe(1);
    await expect.poll(async () => (await delivery('unsent-0002-abc')).status, { timeout: 15_000 }).toBe('delivered');
    expect(await sim.leads(TENANT)).toHaveLength(1);
  });

  it('re-sends a job whose lease lapsed: the Worker that claimed it died mid-attempt', async () => {
    await acceptWithoutMessage('lapsed-0001-abc');
    const ref = { formId: FORM, id: 'lapsed-0001-abc' };
    // A consumer claims the job and dies: its lease runs out 1 ms later, nothing is recorded.
    expect(await deliveryLedger(env).claimQueued(ref, 1)).toBeDefined();
    expect(await delivery('lapsed-0001-abc')).toMatchObject({ status: 'pending' });
    expect((await sweepDeliveries(env, Date.now() + 1000)).requeued).toBe(1);
    await expect.poll(async () => (await delivery('lapsed-0001-abc')).status, { timeout: 15_000 }).toBe('delivered');
    expect(await sim.leads(TENANT)).toHaveLength(1);
  });

  it('re-sends a job planned further out than any queue message can wait (12 h)', async () => {
    await acceptWithoutMessage('far-0001-abcdef');
    // As a Retry-After of two days left it before the cap: no message would ever come for it.
    await env.DB.prepare('UPDATE deliveries SET next_attempt_at = ? WHERE id = ?')
      .bind(Date.now() + 2 * DAY, 'far-0001-abcdef')
      .run();
    expect((await sweepDeliveries(env, Date.now() + 10_000)).requeued).toBe(1);
    await expect.poll(async () => (await delivery('far-0001-abcdef')).status, { timeout: 15_000 }).toBe('delivered');
    expect(await sim.leads(TENANT)).toHaveLength(1);
  });
});

describe('dead-letter alerts', () => {
  it('reports a dead letter again when its report failed, and marks it dead-lettered only once the alert went out', async () => {
    await sim.fault({ tenant: TENANT, endpoint: 'validate', mode: 'fail', status: 502 });
    expect((await postLead(FORM, perfectGymLead(), { 'Idempotency-Key': 'alert-0001-abcd' })).status).toBe(202);
    // The next attempt spends a budget of 0.36 s, and the dead-letter queue refuses the report.
    const deadLetters = refusingQueue();
    const batch = createMessageBatch('leadgate-deliveries', [{ id: 'm1', timestamp: new Date(), attempts: 1, body: { formId: FORM, id: 'alert-0001-abcd' } }]);
    const ctx = createExecutionContext();
    await worker.queue(batch as MessageBatch<never>, { ...env, DELIVERY_BUDGET_HOURS: '0.0001', DEAD_LETTERS: deadLetters } as unknown as Env, ctx);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(['m1']);
    expect(deadLetters.refused).toBe(1);
    expect(await delivery('alert-0001-abcd')).toMatchObject({ status: 'failed', failureReason: 'budget_exhausted', deadLetteredAt: null });

    // The sweep's report is refused too: still no alert, so still not marked.
    const start = Date.now();
    expect((await sweepDeliveries({ ...env, DEAD_LETTERS: deadLetters } as Env, start + 10_000)).reported).toBe(0);
    expect(deadLetters.refused).toBe(2);
    expect((await delivery('alert-0001-abcd')).deadLetteredAt).toBeNull();

    // The next run's report goes out: the consumer raises the alert and marks the job.
    expect((await sweepDeliveries(env, start + 20_000)).reported).toBe(1);
    await expect.poll(async () => (await delivery('alert-0001-abcd')).deadLetteredAt, { timeout: 15_000 }).not.toBeNull();
    expect((await sweepDeliveries(env, start + 30_000)).reported).toBe(0);
    expect(await sim.leads(TENANT)).toEqual([]);
  });
});
