import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetBindings } from '../test-migrations';
import { deliveryOf, perfectGymLead, postLead, sim } from '../test-support';
import { sweepDeliveries } from './sweep-deliveries';

const FORM = 'demo-perfectgym';
const TENANT = 'demo-gym';
const DAY = 86_400_000;

beforeEach(async () => {
  await resetBindings();
  await sim.reset();
});

const delivery = (id: string) => deliveryOf(FORM, id);

describe('retention', () => {
  it('deletes the personal data of a delivered lead 7 days after delivery, and keeps its record', async () => {
    expect((await postLead(FORM, perfectGymLead(), { 'Idempotency-Key': 'retain-0001-abc' })).status).toBe(201);
    const now = Date.now();
    expect(await sweepDeliveries(env, now + 6 * DAY)).toEqual({ requeued: 0, purged: 0 });
    expect((await delivery('retain-0001-abc')).lead).toMatchObject({ firstName: 'Max' });

    expect(await sweepDeliveries(env, now + 7 * DAY + 60_000)).toEqual({ requeued: 0, purged: 1 });
    const purged = await delivery('retain-0001-abc');
    expect(purged).toMatchObject({ status: 'delivered', lead: null });
    expect(purged.purgedAt).not.toBeNull();
    // The key still answers with the first outcome.
    expect((await postLead(FORM, perfectGymLead(), { 'Idempotency-Key': 'retain-0001-abc' })).status).not.toBe(500);
  });

  it('keeps a held lead, like a dead letter, for 30 days, then deletes its personal data', async () => {
    // A refusal naming no field, on the queue's retry: held for the operator.
    await sim.fault({ tenant: TENANT, endpoint: 'validate', mode: 'fail', status: 503, count: 1 });
    await sim.fault({ tenant: TENANT, endpoint: 'validate', mode: 'fail', status: 400 });
    expect((await postLead(FORM, perfectGymLead(), { 'Idempotency-Key': 'dead-0001-abcdef' })).status).toBe(202);
    await expect.poll(async () => (await delivery('dead-0001-abcdef')).status, { timeout: 15_000 }).toBe('held');
    const now = Date.now();
    expect((await sweepDeliveries(env, now + 29 * DAY)).purged).toBe(0);
    expect((await delivery('dead-0001-abcdef')).lead).not.toBeNull();
    expect((await sweepDeliveries(env, now + 30 * DAY + 60_000)).purged).toBe(1);
    expect((await delivery('dead-0001-abcdef')).lead).toBeNull();
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
});
