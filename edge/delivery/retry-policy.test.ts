import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { TEST_FORMS } from '../../tests/worker/test-forms';
import worker from '../../tests/worker/test-worker';
import { vendorOf } from '../forms/parse-forms-file';
import { resetBindings } from '../test-migrations';
import { deliveryOf, perfectGymLead, postLead, postLeadWith, sim } from '../test-support';
import { MAX_RETRY_AFTER_SECONDS, pacedDelaySeconds, retryDelaySeconds, retryPolicy } from './retry-policy';
import { vendorPacer } from './vendor-pacer';

const FORM = 'demo-perfectgym';
const TENANT = 'demo-gym';

const policy = retryPolicy({ DELIVERY_RETRY_BASE_SECONDS: '10', DELIVERY_RETRY_MAX_SECONDS: '3600', DELIVERY_BUDGET_HOURS: '24' });

describe('retryDelaySeconds', () => {
  it('doubles per attempt, between half and all of the step', () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(policy, n, undefined, () => 0))).toEqual([5, 10, 20, 40]);
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(policy, n, undefined, () => 1))).toEqual([10, 20, 40, 80]);
  });

  it('stops growing at the cap', () => {
    expect(retryDelaySeconds(policy, 30, undefined, () => 1)).toBe(3600);
    expect(retryDelaySeconds(policy, 30, undefined, () => 0)).toBe(1800);
  });

  it("waits at least the vendor's Retry-After", () => {
    expect(retryDelaySeconds(policy, 1, 120, () => 0)).toBe(120);
    expect(retryDelaySeconds(policy, 1, 2, () => 1)).toBe(10);
  });

  it("caps the vendor's Retry-After at an hour", () => {
    expect(MAX_RETRY_AFTER_SECONDS).toBe(3600);
    expect(retryDelaySeconds(policy, 1, 7 * 86_400, () => 0)).toBe(3600);
    expect(retryDelaySeconds(retryPolicy({ DELIVERY_RETRY_BASE_SECONDS: '1', DELIVERY_RETRY_MAX_SECONDS: '2' }), 1, 100_000, () => 0)).toBe(3600);
  });

  it('spreads a burst of failures over the step', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelaySeconds(policy, 3, undefined)));
    expect(delays.size).toBeGreaterThan(5);
    for (const delay of delays) expect(delay).toBeGreaterThanOrEqual(10);
  });
});

describe('pacedDelaySeconds', () => {
  it('brings a paced job back when its slot is due, spread over 3 s, and never later than the cap', () => {
    expect(pacedDelaySeconds(4200, () => 0)).toBe(5);
    expect(pacedDelaySeconds(4200, () => 0.99)).toBe(7);
    expect(pacedDelaySeconds(100_000_000, () => 0.99)).toBe(3600);
  });
});

describe('retryPolicy', () => {
  it('has the documented defaults when the vars are missing or nonsense', () => {
    expect(retryPolicy({})).toEqual({ baseSeconds: 10, maxSeconds: 3600, budgetMs: 24 * 3_600_000 });
    expect(retryPolicy({ DELIVERY_RETRY_BASE_SECONDS: 'soon', DELIVERY_BUDGET_HOURS: '-1' })).toEqual({
      baseSeconds: 10,
      maxSeconds: 3600,
      budgetMs: 24 * 3_600_000,
    });
  });

  it('never plans a delay longer than a queue message can wait', () => {
    expect(retryPolicy({ DELIVERY_RETRY_MAX_SECONDS: '999999' }).maxSeconds).toBe(43_200);
  });
});

/** The delivery queue, with every delay the Worker asks of it and every send it refused. */
function watchedQueue() {
  const queue = env.DELIVERIES as Queue<unknown>;
  const delays: number[] = [];
  const refused: unknown[] = [];
  const watched: Queue<unknown> = {
    async send(body, options) {
      delays.push(options?.delaySeconds ?? 0);
      try {
        return await queue.send(body, options);
      } catch (error) {
        refused.push(error);
        throw error;
      }
    },
    sendBatch: (messages, options) => queue.sendBatch(messages, options),
    metrics: () => queue.metrics(),
  };
  return { queue: watched, delays, refused };
}

describe("a vendor's Retry-After, as the Worker applies it", () => {
  beforeEach(async () => {
    await resetBindings();
    await sim.reset();
  });

  const secondsUntilNext = async (id: string) => (Date.parse((await deliveryOf(FORM, id)).nextAttemptAt ?? '') - Date.now()) / 1000;

  it('asks again within the hour when a vendor asks for more than a day, and the queue takes every delay', async () => {
    await sim.fault({ tenant: TENANT, endpoint: 'validate', mode: 'rate-limit', retryAfter: 100_000, count: 1 });
    const watched = watchedQueue();
    // The 429 pauses the connection; the next lead on it is paced, not sent.
    expect((await postLeadWith({ DELIVERIES: watched.queue }, FORM, perfectGymLead(), { 'Idempotency-Key': 'capped-0001-abc' })).status).toBe(202);
    expect((await postLeadWith({ DELIVERIES: watched.queue }, FORM, perfectGymLead(), { 'Idempotency-Key': 'capped-0002-abc' })).status).toBe(202);
    expect(watched.refused).toEqual([]);
    expect(watched.delays).toHaveLength(2);
    for (const delay of watched.delays) expect(delay).toBeLessThanOrEqual(3600);
    for (const id of ['capped-0001-abc', 'capped-0002-abc']) expect(await secondsUntilNext(id)).toBeLessThanOrEqual(3600);
    // The paced one never reached the vendor.
    expect((await sim.requests(TENANT)).filter((r) => r.endpoint === 'validate')).toHaveLength(1);
    // The connection is paused for the hour, not for the vendor's 28 hours.
    const form = await TEST_FORMS.find(FORM);
    const pacing = form && vendorOf(form).pacing;
    if (!pacing) throw new Error(`${FORM} is not paced`);
    const slot = await vendorPacer(env.VENDOR_PACER, pacing.key, pacing.perMinute).reserve(3_660_000);
    expect(slot.ok).toBe(true);
  });

  it('makes a job the pacer keeps turning away a dead letter once its budget is spent', async () => {
    await sim.fault({ tenant: TENANT, endpoint: 'validate', mode: 'rate-limit', retryAfter: 120, count: 1 });
    expect((await postLead(FORM, perfectGymLead(), { 'Idempotency-Key': 'paced-0001-abcd' })).status).toBe(202);
    // The next attempt, with a budget of 0.36 s: the connection is paused for 2 minutes, far past it.
    const batch = createMessageBatch('leadgate-deliveries', [{ id: 'm1', timestamp: new Date(), attempts: 1, body: { formId: FORM, id: 'paced-0001-abcd' } }]);
    const ctx = createExecutionContext();
    await worker.queue(batch as MessageBatch<never>, { ...env, DELIVERY_BUDGET_HOURS: '0.0001' } as unknown as Env, ctx);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(['m1']);
    expect(await deliveryOf(FORM, 'paced-0001-abcd')).toMatchObject({
      status: 'failed',
      failureReason: 'budget_exhausted',
      lastErrorCode: 'rate_limited',
      attempts: 1,
    });
    await expect.poll(async () => (await deliveryOf(FORM, 'paced-0001-abcd')).deadLetteredAt, { timeout: 15_000 }).not.toBeNull();
  });
});
