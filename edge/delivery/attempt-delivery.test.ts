import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ResolveResult } from '../../shared/admin';
import type { ApiErrorBody } from '../../shared/api-error';
import type { Lead } from '../../shared/lead';
import { TEST_FORMS } from '../../tests/worker/test-forms';
import type { FormRules } from '../form-rules';
import type { FormConfig } from '../forms/form-config';
import { resetBindings } from '../test-migrations';
import { adminRequest, deliveryOf, perfectGymLead, sim } from '../test-support';
import { type Outcome, transient, undetermined, unknown } from '../vendors/outcome';
import type { DeliveryMeta } from '../vendors/vendor-adapter';
import { type AttemptMode, attemptDelivery, attemptLeaseMs } from './attempt-delivery';
import type { DeliveryJob } from './delivery-job';
import { deliveryLedger, type Lease } from './delivery-ledger';
import { type DeliveryMessage, reportDeadLetter } from './delivery-queue';
import { retryPolicy } from './retry-policy';

const FORM_ID = 'demo-perfectgym';
const TENANT = 'demo-gym';
const form = (await TEST_FORMS.find(FORM_ID)) as FormConfig;
const ledger = deliveryLedger(env);

beforeEach(async () => {
  await resetBindings();
  await sim.reset();
});

/** The vendor as a script: each attempt takes the next outcome and leaves the meta it was given. */
function scriptedVendor(outcomes: Outcome[]) {
  const seen: DeliveryMeta[] = [];
  const rules: FormRules = {
    vendorForm: { fields: [], rules: [] },
    update: undefined,
    async deliver(_lead, meta) {
      seen.push(meta);
      const next = outcomes.shift();
      if (!next) throw new Error('the script has no more outcomes');
      return next;
    },
  };
  return { rules, seen };
}

/** The queue never runs these attempts by itself: each one is driven here, as the consumer would. */
const idleQueue = { send: async () => undefined, sendBatch: async () => undefined } as unknown as Queue<DeliveryMessage>;

function attempt(job: DeliveryJob, lease: Lease, mode: AttemptMode, rules: FormRules, attemptsBefore = 0) {
  return attemptDelivery(job, lease, mode, {
    env: { ...env, DELIVERIES: idleQueue },
    form,
    ledger,
    policy: retryPolicy({ DELIVERY_RETRY_BASE_SECONDS: '1', DELIVERY_RETRY_MAX_SECONDS: '1' }),
    rules,
    attemptsBefore,
    retryFrom: job.receivedAt,
    log: () => undefined,
    // The real alert path: the dead-letter queue's consumer marks the job reported.
    onDeadLetter: () => reportDeadLetter(env.DEAD_LETTERS, lease),
    onVendorFailure: () => undefined,
  });
}

/** A job accepted as the lead route does it, with its first lease. */
async function accepted(id: string) {
  const job: DeliveryJob = { id, formId: FORM_ID, lead: perfectGymLead() as Lead, receivedAt: Date.now() };
  const lease = await ledger.claimNew(job, { lead: 'hash' }, 60_000);
  if (!lease) throw new Error('not claimed');
  return { job, lease };
}

/** The next attempt's lease, as the queue consumer claims it. */
async function claimed(id: string) {
  const claim = await ledger.claimQueued({ formId: FORM_ID, id }, 60_000);
  if (!claim) throw new Error(`${id} is not queued`);
  return claim.lease;
}

/** Drives a job through a lost answer and a vendor that cannot tell whether it landed. */
async function unresolved(id: string) {
  const vendor = scriptedVendor([unknown('timeout'), undetermined('no_lookup')]);
  const { job, lease } = await accepted(id);
  await attempt(job, lease, 'inline', vendor.rules);
  expect(await attempt(job, await claimed(id), 'queued', vendor.rules, 1)).toEqual({ kind: 'held', status: 'unknown', errorCode: 'no_lookup' });
  return job;
}

const post = (path: string, body?: unknown) =>
  adminRequest(`/forms/${FORM_ID}/deliveries/${path}`, {
    method: 'POST',
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
const errorCode = async (response: Response) => [response.status, ((await response.json()) as ApiErrorBody).error.code];

describe('an attempt whose answer was lost', () => {
  it('is requeued, and every later attempt is told to reconcile until the vendor has the lead', async () => {
    const vendor = scriptedVendor([unknown('timeout'), transient('status_503'), { kind: 'delivered', vendorId: 'pg-7' }]);
    const { job, lease } = await accepted('unknown-0001-abcd');
    expect(await attempt(job, lease, 'inline', vendor.rules)).toMatchObject({ kind: 'queued', reason: 'timeout' });
    expect(await deliveryOf(FORM_ID, job.id)).toMatchObject({ status: 'queued', outcomeUnknown: true, lastErrorCode: 'timeout' });

    // A transient failure after it says nothing about the lost create: still unknown.
    expect(await attempt(job, await claimed(job.id), 'queued', vendor.rules, 1)).toMatchObject({ kind: 'queued' });
    expect((await deliveryOf(FORM_ID, job.id)).outcomeUnknown).toBe(true);
    expect(await attempt(job, await claimed(job.id), 'queued', vendor.rules, 2)).toMatchObject({ kind: 'settled' });

    expect(vendor.seen.map((meta) => meta.afterUnknown)).toEqual([false, true, true]);
    expect(vendor.seen.every((meta) => meta.receivedAt === job.receivedAt && meta.submissionId === job.id)).toBe(true);
    expect(await deliveryOf(FORM_ID, job.id)).toMatchObject({ status: 'delivered', vendorId: 'pg-7', outcomeUnknown: false });
  });

  it('is not reconciled when the answers were only transient', async () => {
    const vendor = scriptedVendor([transient('status_503'), { kind: 'delivered', vendorId: 'pg-8' }]);
    const { job, lease } = await accepted('transient-0001-ab');
    await attempt(job, lease, 'inline', vendor.rules);
    await attempt(job, await claimed(job.id), 'queued', vendor.rules, 1);
    expect(vendor.seen.map((meta) => meta.afterUnknown)).toEqual([false, false]);
  });

  it('is reconciled after a lapsed lease: that attempt may have sent its create', async () => {
    const { job } = await accepted('lapsed-0001-abcd');
    await ledger.sweep({ graceMs: 120_000, horizonMs: 12 * 3600_000, limit: 10 }, Date.now() + 61_000);
    const lease = await claimed(job.id);
    expect(lease.afterUnknown).toBe(true);
  });
});

describe('an outcome only an operator can tell', () => {
  it('is kept as unknown with its lead, is never attempted again, and the operator is alerted', async () => {
    const job = await unresolved('undetermined-0001');
    const kept = await deliveryOf(FORM_ID, job.id);
    expect(kept).toMatchObject({ status: 'unknown', lastErrorCode: 'no_lookup', attempts: 2, nextAttemptAt: null });
    expect(kept.lead).toMatchObject({ email: job.lead.email });
    expect(await ledger.claimQueued({ formId: FORM_ID, id: job.id }, 60_000)).toBeUndefined();
    await expect.poll(async () => (await deliveryOf(FORM_ID, job.id)).deadLetteredAt, { timeout: 10_000 }).not.toBeNull();
    // The alert did not turn it into a dead letter.
    expect((await deliveryOf(FORM_ID, job.id)).status).toBe('unknown');
    expect(await errorCode(await post(`${job.id}/replay`))).toEqual([409, 'DELIVERY_NOT_REPLAYABLE']);
  });

  it('becomes delivered, with the vendor id, when the operator says it arrived', async () => {
    const job = await unresolved('arrived-0001-abcd');
    const response = await post(`${job.id}/arrived`, { vendorId: 'pg-4711' });
    expect([response.status, await response.json()]).toEqual([200, { id: job.id, status: 'delivered' } satisfies ResolveResult]);
    expect(await deliveryOf(FORM_ID, job.id)).toMatchObject({ status: 'delivered', vendorId: 'pg-4711', outcomeUnknown: false });
    expect(await errorCode(await post(`${job.id}/arrived`))).toEqual([409, 'DELIVERY_NOT_UNKNOWN']);
    expect(await errorCode(await post(`${job.id}/send-again`))).toEqual([409, 'DELIVERY_NOT_UNKNOWN']);
    expect(await sim.requests(TENANT)).toEqual([]);
  });

  it('is created anew, once, when the operator sends it again', async () => {
    const job = await unresolved('again-0001-abcdef');
    const response = await post(`${job.id}/send-again`);
    expect([response.status, await response.json()]).toEqual([202, { id: job.id, status: 'queued' } satisfies ResolveResult]);
    // The operator decided: the next attempt creates, it does not look for the lost one.
    expect((await ledger.find(FORM_ID, job.id))?.outcomeUnknown).toBe(false);
    // The queue's consumer takes it to the vendor, as a plain create.
    await expect.poll(async () => (await deliveryOf(FORM_ID, job.id)).status, { timeout: 15_000 }).toBe('delivered');
    expect((await deliveryOf(FORM_ID, job.id)).outcomeUnknown).toBe(false);
    const leads = (await sim.leads(TENANT)) as { request: { leadCustomer: { email?: string } } }[];
    expect(leads.filter((l) => l.request.leadCustomer.email === job.lead.email)).toHaveLength(1);
    expect(await errorCode(await post(`${job.id}/send-again`))).toEqual([409, 'DELIVERY_NOT_UNKNOWN']);
  });

  it('refuses "it arrived" and "send again" for any other status, and 404 for no delivery', async () => {
    const vendor = scriptedVendor([transient('status_503')]);
    const { job, lease } = await accepted('queued-0001-abcde');
    await attempt(job, lease, 'inline', vendor.rules);
    expect(await errorCode(await post(`${job.id}/arrived`, { vendorId: 'x' }))).toEqual([409, 'DELIVERY_NOT_UNKNOWN']);
    expect(await errorCode(await post(`${job.id}/send-again`))).toEqual([409, 'DELIVERY_NOT_UNKNOWN']);
    expect((await deliveryOf(FORM_ID, job.id)).status).toBe('queued');
    expect(await errorCode(await post('nobody-0001-abcdef/arrived'))).toEqual([404, 'SUBMISSION_NOT_FOUND']);
    expect(await errorCode(await post(`${job.id}/arrived`, { vendorId: '' }))).toEqual([400, 'INVALID_REQUEST']);
  });
});

describe('the lease', () => {
  it('outlives an attempt that makes every vendor call of the longest vendor, each running into the form timeout', async () => {
    for (const id of ['demo-perfectgym', 'demo-virtuagym', 'demo-crm']) {
      const found = (await TEST_FORMS.find(id)) as FormConfig;
      // Virtuagym: token, create, renewed token, create again, and a two-page lookup.
      expect(attemptLeaseMs(found, 'inline')).toBeGreaterThan(1500 + 6 * found.connection.timeoutMs);
      expect(attemptLeaseMs(found, 'queued')).toBeGreaterThan(20_000 + 7 * found.connection.timeoutMs);
    }
    const slow = { ...form, connection: { ...form.connection, timeoutMs: 30_000 } } as FormConfig;
    expect(attemptLeaseMs(slow, 'inline')).toBeGreaterThan(1500 + 6 * 30_000);
  });
});
