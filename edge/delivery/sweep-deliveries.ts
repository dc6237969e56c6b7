import { forgetSpentChallenges } from '../bot-check/used-challenges';
import { log } from '../logger';
import { deliveryLedger } from './delivery-ledger';
import { enqueueDeliveries } from './delivery-queue';
import { positiveVar } from './positive-var';

const DAY_MS = 86_400_000;
/** Per run; the next minute's run takes the rest. */
const SWEEP_LIMIT = 1000;

/**
 * The cron's work, every minute: jobs whose attempt or queue message was lost
 * (a Worker restarted mid-attempt, a queue that dropped a message) go back into
 * the queue, and personal data past its retention is deleted.
 */
export async function sweepDeliveries(env: Env, now = Date.now()): Promise<{ requeued: number; purged: number }> {
  const ledger = deliveryLedger(env.DB);
  const graceMs = positiveVar(env.DELIVERY_SWEEP_GRACE_SECONDS, 120) * 1000;
  const refs = await ledger.sweep(graceMs, SWEEP_LIMIT, now);
  await enqueueDeliveries(env.DELIVERIES, refs);
  const purged = await ledger.purge(positiveVar(env.LEAD_RETENTION_DAYS, 7) * DAY_MS, positiveVar(env.DEAD_LETTER_RETENTION_DAYS, 30) * DAY_MS, now);
  await forgetSpentChallenges(env.DB, now);
  if (refs.length > 0 || purged > 0) log(refs.length > 0 ? 'warn' : 'info', 'sweep', undefined, { requeued: refs.length, purged });
  return { requeued: refs.length, purged };
}
