import type { FormRules } from '../form-rules';
import { formSpecFor } from '../form-spec-builder';
import type { FormConfig } from '../forms/form-config';
import { vendorOf } from '../forms/parse-forms-file';
import type { EventLog } from '../logger';
import type { Outcome } from '../vendors/outcome';
import { fixableFields } from './answer-outcome';
import { deliverJob } from './deliver-job';
import type { DeliveryJob } from './delivery-job';
import type { DeliveryLedger, Lease } from './delivery-ledger';
import { enqueueDelivery } from './delivery-queue';
import { cappedRetryAfter, pacedDelaySeconds, pastBudget, type RetryPolicy, retryDelaySeconds } from './retry-policy';
import { type PaceDecision, vendorPacer } from './vendor-pacer';

/** Who runs the attempt: the visitor's request (who still waits for a verdict), or the queue consumer. */
export type AttemptMode = 'inline' | 'queued';

/** What became of an attempt, for the caller to answer or acknowledge. */
export type AttemptResult =
  /** The vendor's verdict is final: delivered, duplicate, or (inline) rejected on a field the visitor can fix. */
  | { readonly kind: 'settled'; readonly outcome: Outcome }
  /** The job waits in the queue for another attempt. */
  | { readonly kind: 'queued'; readonly delaySeconds: number; readonly reason: string }
  /**
   * Kept for an operator, never tried again without one: `held`, a refusal that names
   * nothing the visitor can fix; `unknown`, a create nobody can tell landed or not.
   */
  | { readonly kind: 'held'; readonly status: 'held' | 'unknown'; readonly errorCode: string }
  /** A dead letter: the retry budget is spent; an operator must look at it. */
  | { readonly kind: 'failed'; readonly reason: 'budget_exhausted'; readonly errorCode: string | null }
  /** Another worker took the job over (this attempt's lease lapsed); nothing was recorded. */
  | { readonly kind: 'superseded' };

export interface AttemptDeps {
  readonly env: Env;
  readonly form: FormConfig;
  readonly ledger: DeliveryLedger;
  readonly policy: RetryPolicy;
  /** The rules to deliver with, or why there are none (an outcome that is retried like any other). */
  readonly rules: FormRules | Outcome;
  /** Vendor calls already made for this job. */
  readonly attemptsBefore: number;
  /** Start of the job's retry budget (ms). */
  readonly retryFrom: number;
  readonly log: EventLog;
  /** Called for jobs that became dead letters, held or unknown, so the dead-letter queue raises the operator's alert. */
  readonly onDeadLetter: (errorCode: string | null, reason: string) => Promise<void>;
  /** Told of each transient vendor failure (not a 429), for the `vendor.down` alert; it must not wait for or fail the attempt. */
  readonly onVendorFailure: (errorCode: string | null) => void;
  /**
   * A pacing slot the caller already asked for (see reservePaceSlot), so that call could share
   * a round trip with others; without it the attempt asks the form's pacer itself.
   */
  readonly slot?: Promise<ReservedSlot | undefined>;
}

/** A pacer's answer, and when it was given: its wait counts from then. */
export interface ReservedSlot {
  readonly decision: PaceDecision;
  readonly at: number;
}

/**
 * Asks the form's vendor connection for an attempt's pacing slot; undefined when the vendor
 * is not paced. A slot taken and then not used (the lead was refused meanwhile) is only a
 * slot the vendor's budget is not spent on.
 */
export async function reservePaceSlot(env: Env, form: FormConfig, mode: AttemptMode): Promise<ReservedSlot | undefined> {
  const pacing = vendorOf(form).pacing;
  if (!pacing) return undefined;
  const decision = await vendorPacer(env.VENDOR_PACER, pacing.key, pacing.perMinute).reserve(mode === 'inline' ? INLINE_PACE_WAIT_MS : QUEUED_PACE_WAIT_MS);
  return { decision, at: Date.now() };
}

/** The visitor waits at most this long for a pacing slot; later slots are the queue's. */
const INLINE_PACE_WAIT_MS = 1500;
const QUEUED_PACE_WAIT_MS = 20_000;

/**
 * The most vendor calls one attempt makes, whatever the vendor: Virtuagym's token,
 * a create, a renewed token and the create again after a 401, and a lookup (two
 * pages) after an unknown outcome, is 6; PerfectGym's validate, lookup and create,
 * the CRM's search, create and comment are fewer. Two more for margin.
 */
const MAX_VENDOR_CALLS_PER_ATTEMPT = 8;
/** D1 writes and the queue send around the vendor calls. */
const LEASE_MARGIN_MS = 15_000;

/**
 * How long an attempt's lease lasts: longer than the longest attempt the form's
 * vendor can make (a pacing wait, then every call running into the form's timeout),
 * so the sweeper never hands a live attempt to a second worker. The consumer also
 * reads the vendor's rules under its lease: one call more.
 */
export function attemptLeaseMs(form: FormConfig, mode: AttemptMode): number {
  const calls = MAX_VENDOR_CALLS_PER_ATTEMPT + (mode === 'queued' ? 1 : 0);
  return (mode === 'inline' ? INLINE_PACE_WAIT_MS : QUEUED_PACE_WAIT_MS) + calls * form.connection.timeoutMs + LEASE_MARGIN_MS;
}

const sleep = (ms: number) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

function errorCodeOf(outcome: Outcome): string | null {
  switch (outcome.kind) {
    case 'transient':
    case 'unknown':
    case 'undetermined':
      return outcome.reason;
    case 'misconfigured':
      return outcome.code;
    case 'rejected':
      return outcome.vendorCode ?? 'rejected';
    default:
      return null;
  }
}

/**
 * One attempt at a claimed job: wait for a pacing slot, deliver through the
 * form's adapter, and record the outcome under the job's lease. A transient
 * failure (and a credential problem, which an operator may fix within the
 * budget) goes back to the queue with backoff; so does a create whose answer
 * was lost (`unknown`), and every later attempt is told to reconcile before it
 * creates. A refusal on a field is told to the visitor inline; any other refusal,
 * and a create the vendor cannot tell landed (`undetermined`), is kept for an operator.
 */
export async function attemptDelivery(job: DeliveryJob, lease: Lease, mode: AttemptMode, deps: AttemptDeps): Promise<AttemptResult> {
  const { env, form, ledger, policy } = deps;
  const pacing = vendorOf(form).pacing;
  const pacer = pacing && vendorPacer(env.VENDOR_PACER, pacing.key, pacing.perMinute);

  const requeue = async (delaySeconds: number, reason: string, errorCode: string | null, attempted: boolean, unknown = false): Promise<AttemptResult> => {
    const recorded = await ledger.requeue(lease, Date.now() + delaySeconds * 1000, errorCode, attempted, unknown);
    if (!recorded) return { kind: 'superseded' };
    try {
      await enqueueDelivery(env.DELIVERIES, lease, delaySeconds);
    } catch (error) {
      // The consumer's message is retried by the queue; a visitor's job is safe in
      // the ledger, and the sweeper sends it again once it is overdue.
      if (mode === 'queued') throw error;
      deps.log('error', 'enqueue_failed', { submissionId: job.id, error: (error as Error).message });
    }
    return { kind: 'queued', delaySeconds, reason };
  };

  const hold = async (status: 'held' | 'unknown', errorCode: string, attempted: boolean): Promise<AttemptResult> => {
    const recorded = await ledger.settle(lease, { status, errorCode }, attempted);
    if (!recorded) return { kind: 'superseded' };
    await deps.onDeadLetter(errorCode, status === 'held' ? 'vendor_rejected' : 'outcome_undetermined');
    return { kind: 'held', status, errorCode };
  };

  let outcome: Outcome;
  let attempted = false;
  const rules = deps.rules;
  if ('deliver' in rules) {
    const reserved = pacer && (deps.slot ? await deps.slot : await reservePaceSlot(env, form, mode));
    if (reserved) {
      const slot = reserved.decision;
      if (!slot.ok) {
        const delaySeconds = pacedDelaySeconds(slot.retryInMs);
        // A connection paced for longer than the budget spends it like any other wait.
        if (pastBudget(policy, deps.retryFrom, delaySeconds)) {
          const recorded = await ledger.settle(lease, { status: 'failed', errorCode: null, reason: 'budget_exhausted' }, false);
          if (!recorded) return { kind: 'superseded' };
          await deps.onDeadLetter(null, 'budget_exhausted');
          return { kind: 'failed', reason: 'budget_exhausted', errorCode: null };
        }
        return requeue(delaySeconds, 'paced', null, false);
      }
      await sleep(slot.waitMs - (Date.now() - reserved.at));
    }
    outcome = await deliverJob(job, rules, { marketing: form.consent.marketing, afterUnknown: lease.afterUnknown, receivedAt: job.receivedAt });
    attempted = true;
  } else {
    // Reading the vendor's rules failed: that was a vendor call too, and backs off like one.
    outcome = rules;
    attempted = true;
  }

  switch (outcome.kind) {
    case 'delivered':
    case 'duplicate': {
      const settlement =
        outcome.kind === 'delivered'
          ? { status: outcome.kind, vendorId: outcome.vendorId, vendorRefs: outcome.refs }
          : { status: outcome.kind, vendorId: outcome.vendorId, vendorRefs: outcome.kept ? { keptIn: outcome.kept } : undefined };
      const recorded = await ledger.settle(lease, settlement, attempted);
      return recorded ? { kind: 'settled', outcome } : { kind: 'superseded' };
    }
    case 'rejected': {
      const errorCode = errorCodeOf(outcome) ?? 'rejected';
      // Only the visitor, still on the form, can fix a field; anything else is the operator's to fix.
      const fixable = mode === 'inline' && 'deliver' in rules && fixableFields(outcome, formSpecFor(form, rules.vendorForm)).length > 0;
      if (fixable) {
        const recorded = await ledger.settle(lease, { status: 'rejected', errorCode }, attempted);
        return recorded ? { kind: 'settled', outcome } : { kind: 'superseded' };
      }
      return hold('held', errorCode, attempted);
    }
    case 'undetermined':
      return hold('unknown', outcome.reason, attempted);
    case 'unknown':
    case 'transient':
    case 'misconfigured': {
      const errorCode = errorCodeOf(outcome);
      if (outcome.kind === 'transient' && outcome.reason !== 'rate_limited') deps.onVendorFailure(errorCode);
      const retryAfter = outcome.kind === 'transient' || outcome.kind === 'unknown' ? outcome.retryAfter : undefined;
      if (pacer && outcome.kind === 'transient' && outcome.reason === 'rate_limited') {
        // The vendor's budget is spent (maybe by another integration): everyone on this connection waits.
        await pacer.pause(cappedRetryAfter(retryAfter ?? 60) * 1000);
      }
      const delaySeconds = retryDelaySeconds(policy, deps.attemptsBefore + (attempted ? 1 : 0), retryAfter);
      if (Date.now() + delaySeconds * 1000 > deps.retryFrom + policy.budgetMs) {
        const settlement = { status: 'failed', errorCode, reason: 'budget_exhausted', outcomeUnknown: outcome.kind === 'unknown' } as const;
        const recorded = await ledger.settle(lease, settlement, attempted);
        if (!recorded) return { kind: 'superseded' };
        await deps.onDeadLetter(errorCode, 'budget_exhausted');
        return { kind: 'failed', reason: 'budget_exhausted', errorCode };
      }
      return requeue(delaySeconds, outcome.kind === 'misconfigured' ? outcome.code : outcome.reason, errorCode, attempted, outcome.kind === 'unknown');
    }
  }
}
