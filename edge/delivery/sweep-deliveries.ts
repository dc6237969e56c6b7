import { log } from '../logger';
import { deliveryLedger } from './delivery-ledger';

const DAY_MS = 86_400_000;
/** A queue `sendBatch` takes at most 100 messages. */
const SEND_BATCH = 100;
/** Per run; the next minute's run takes the rest. */
const SWEEP_LIMIT = 1000;

function positiveNumber(value: string | undefined, fallback: number): number {
  const number = Number(value);
  return Number.isFinite(number) && number > 0 ? number : fallback;
}

/**
 * The cron's work, every minute: jobs whose attempt or queue message was lost
 * (a Worker restarted mid-attempt, a queue that dropped a message) go back into
 * the queue, and personal data past its retention is deleted.
 */
export async function sweepDeliveries(env: Env, now = Date.now()): Promise<{ requeued: number; purged: number }> {
  const ledger = deliveryLedger(env.DB);
  const graceMs = positiveNumber(env.DELIVERY_SWEEP_GRACE_SECONDS, 120) * 1000;
  const refs = await ledger.sweep(graceMs, SWEEP_LIMIT, now);
  for (let i = 0; i < refs.length; i += SEND_BATCH) {
    await env.DELIVERIES.sendBatch(refs.slice(i, i + SEND_BATCH).map((ref) => ({ body: { formId: ref.formId, id: ref.id } })));
  }
  const purged = await ledger.purge(positiveNumber(env.LEAD_RETENTION_DAYS, 7) * DAY_MS, positiveNumber(env.DEAD_LETTER_RETENTION_DAYS, 30) * DAY_MS, now);
  if (refs.length > 0 || purged > 0) log(refs.length > 0 ? 'warn' : 'info', 'sweep', undefined, { requeued: refs.length, purged });
  return { requeued: refs.length, purged };
}
