import { forgetSpentChallenges } from '../bot-check/used-challenges';
import type { FormConfig } from '../forms/form-config';
import type { FormStore } from '../forms/form-store';
import { log } from '../logger';
import { type DeliveryLedger, deliveryLedger, type JobRef, type RetentionPeriods } from './delivery-ledger';
import { enqueueDeliveries, reportDeadLetters } from './delivery-queue';
import { positiveVar } from './positive-var';
import { MAX_QUEUE_DELAY_SECONDS } from './retry-policy';

const DAY_MS = 86_400_000;
/** Per run; the next minute's run takes the rest. */
const SWEEP_LIMIT = 1000;

/** Hands `refs` to a queue; a queue that refuses them is logged, and the next run finds them again. */
async function handOver(refs: readonly JobRef[], send: (refs: readonly JobRef[]) => Promise<void>, event: string): Promise<number> {
  if (refs.length === 0) return 0;
  try {
    await send(refs);
    return refs.length;
  } catch (error) {
    log('error', event, undefined, { count: refs.length, error: (error as Error).message });
    return 0;
  }
}

/**
 * The cron's work, every minute: jobs whose attempt or queue message was lost
 * (a Worker restarted mid-attempt, a queue that dropped or refused a message,
 * a next attempt planned further out than any queue message waits) go back
 * into the queue; dead letters whose alert never went out are reported again;
 * and records past their retention are deleted, rows and all, even while a queue is down.
 * `forms` gives each form's own retention; a form it does not know (or without one) gets the Worker's.
 */
export async function sweepDeliveries(env: Env, now = Date.now(), forms?: FormStore): Promise<{ requeued: number; reported: number; deleted: number }> {
  const ledger = deliveryLedger(env);
  const graceMs = positiveVar(env.DELIVERY_SWEEP_GRACE_SECONDS, 120) * 1000;
  const { due, unreported } = await ledger.sweep({ graceMs, horizonMs: MAX_QUEUE_DELAY_SECONDS * 1000 + graceMs, limit: SWEEP_LIMIT }, now);
  const requeued = await handOver(due, (refs) => enqueueDeliveries(env.DELIVERIES, refs), 'sweep_enqueue_failed');
  const reported = await handOver(unreported, (refs) => reportDeadLetters(env.DEAD_LETTERS, refs), 'sweep_dead_letter_report_failed');
  const deleted = await expireRecords(env, ledger, forms, now);
  await forgetSpentChallenges(env.DB, now);
  if (due.length > 0 || unreported.length > 0 || deleted > 0) {
    log(due.length > 0 || unreported.length > 0 ? 'warn' : 'info', 'sweep', undefined, { requeued, reported, deleted, found: due.length + unreported.length });
  }
  return { requeued, reported, deleted };
}

/**
 * A form's retention: its own config's days, else the Worker's vars (LEAD_RETENTION_DAYS,
 * DEAD_LETTER_RETENTION_DAYS), else 7 and 30 days. Held and unknown leads wait as long as dead letters.
 */
export function retentionOf(
  env: Pick<Env, 'LEAD_RETENTION_DAYS' | 'DEAD_LETTER_RETENTION_DAYS'>,
  form: Pick<FormConfig, 'retention'> | undefined,
): RetentionPeriods {
  return {
    deliveredMs: (form?.retention.deliveredDays ?? positiveVar(env.LEAD_RETENTION_DAYS, 7)) * DAY_MS,
    deadLetterMs: (form?.retention.deadLetterDays ?? positiveVar(env.DEAD_LETTER_RETENTION_DAYS, 30)) * DAY_MS,
  };
}

/** Deletes every form's records past retention (the shortest period is a day, so only forms with a record ended a day ago are looked at). */
async function expireRecords(env: Env, ledger: DeliveryLedger, forms: FormStore | undefined, now: number): Promise<number> {
  let deleted = 0;
  for (const formId of await ledger.formsEndedBefore(now - DAY_MS)) {
    deleted += await ledger.expire(formId, retentionOf(env, await forms?.find(formId)), now);
  }
  return deleted;
}
