import type { JobRef } from './delivery-ledger';

/**
 * What the delivery queue and the dead-letter queue carry: which job, never
 * the lead itself. `failed` marks a job Leadgate itself gave up on (already
 * `failed` in the ledger); without it, a dead letter is one the delivery queue
 * moved there after its consumer kept crashing.
 */
export interface DeliveryMessage extends JobRef {
  readonly failed?: true;
}

/** Names of the queues in wrangler.toml, as a consumer's `batch.queue` tells them apart. */
export const DELIVERY_QUEUE = 'leadgate-deliveries';
export const DEAD_LETTER_QUEUE = 'leadgate-dead-letters';

/** Hands a job to the delivery queue for an attempt in `delaySeconds`. */
export async function enqueueDelivery(queue: Queue<DeliveryMessage>, ref: JobRef, delaySeconds: number): Promise<void> {
  await queue.send({ formId: ref.formId, id: ref.id }, { delaySeconds: Math.max(0, Math.ceil(delaySeconds)) });
}

/** A queue's `sendBatch` takes at most 100 messages. */
const SEND_BATCH = 100;

/** Hands jobs to the delivery queue for an attempt now, in batches the queue accepts. */
export async function enqueueDeliveries(queue: Queue<DeliveryMessage>, refs: readonly JobRef[]): Promise<void> {
  for (let i = 0; i < refs.length; i += SEND_BATCH) {
    await queue.sendBatch(refs.slice(i, i + SEND_BATCH).map((ref) => ({ body: { formId: ref.formId, id: ref.id } })));
  }
}

/** Tells the dead-letter queue of a job the ledger already holds as failed: its consumer raises the operator alert. */
export async function reportDeadLetter(queue: Queue<DeliveryMessage>, ref: JobRef): Promise<void> {
  await queue.send({ formId: ref.formId, id: ref.id, failed: true });
}

/** Tells the dead-letter queue of jobs whose earlier report (or alert) never went out, in batches it accepts. */
export async function reportDeadLetters(queue: Queue<DeliveryMessage>, refs: readonly JobRef[]): Promise<void> {
  for (let i = 0; i < refs.length; i += SEND_BATCH) {
    await queue.sendBatch(refs.slice(i, i + SEND_BATCH).map((ref) => ({ body: { formId: ref.formId, id: ref.id, failed: true as const } })));
  }
}
