import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import worker from '../../tests/worker/test-worker';
import { resetBindings } from '../test-migrations';
import { deliveryOf, perfectGymLead, postLead, postLeadWith, refusingQueue, sim } from '../test-support';
import { deliveryLedger } from './delivery-ledger';

const FORM = 'demo-perfectgym';
const TENANT = 'demo-gym';

beforeEach(async () => {
  await resetBindings();
  await sim.reset();
});

const delivery = (id: string) => deliveryOf(FORM, id);

/** The dead-letter queue's consumer, handed a message the delivery queue gave up on (its consumer kept crashing). */
async function deadLetterFromQueue(id: string) {
  const batch = createMessageBatch('leadgate-dead-letters', [{ id: 'd1', timestamp: new Date(), attempts: 1, body: { formId: FORM, id } }]);
  const ctx = createExecutionContext();
  await worker.queue(batch as MessageBatch<never>, env, ctx);
  expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(['d1']);
}

describe('the dead-letter consumer', () => {
  it('leaves a job another attempt holds a live lease on, and that attempt delivers it', async () => {
    // The vendor takes 2.5 s to answer the create: the inline attempt holds its lease meanwhile.
    await sim.fault({ tenant: TENANT, endpoint: 'create', mode: 'hang', delayMs: 2500, count: 1 });
    const posting = postLead(FORM, perfectGymLead(), { 'Idempotency-Key': 'race-0001-abcdef' });
    await expect.poll(async () => (await sim.requests(TENANT)).some((r) => r.endpoint === 'create'), { timeout: 5000, interval: 50 }).toBe(true);
    expect(await delivery('race-0001-abcdef')).toMatchObject({ status: 'pending' });

    // A stale message for the same job reaches the dead-letter queue while the attempt runs.
    await deadLetterFromQueue('race-0001-abcdef');
    expect(await delivery('race-0001-abcdef')).toMatchObject({ status: 'pending', deadLetteredAt: null });

    const answer = await posting;
    expect([answer.status, await answer.json()]).toEqual([201, { status: 'delivered', submissionId: 'race-0001-abcdef' }]);
    expect(await delivery('race-0001-abcdef')).toMatchObject({ status: 'delivered', failureReason: null, deadLetteredAt: null });
    expect(await sim.leads(TENANT)).toHaveLength(1);
  });

  it('makes a job whose lease lapsed a dead letter, and alerts it', async () => {
    // Accepted while the vendor is down and the queue refuses it; a consumer then claims it and dies.
    await sim.fault({ tenant: TENANT, endpoint: 'validate', mode: 'down' });
    expect((await postLeadWith({ DELIVERIES: refusingQueue() }, FORM, perfectGymLead(), { 'Idempotency-Key': 'dead-lapsed-0001' })).status).toBe(202);
    expect(await deliveryLedger(env).claimQueued({ formId: FORM, id: 'dead-lapsed-0001' }, 1)).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 5));

    await deadLetterFromQueue('dead-lapsed-0001');
    const dead = await delivery('dead-lapsed-0001');
    expect(dead).toMatchObject({ status: 'failed', failureReason: 'queue_retries_exhausted' });
    expect(dead.deadLetteredAt).not.toBeNull();
  });
});
