import type { AlertEvent } from '../../shared/admin-alerts';
import type { AlertWebhook } from './alert-webhooks';

/**
 * An alert on its way to one webhook. It travels in the delivery queue (a message
 * kind of its own beside the delivery jobs), so it needs no queue of its own in
 * wrangler.toml; its retries are new messages with a delay, like a delivery's.
 * It holds ids and codes only, like the event itself; the signing secret is named, never carried.
 */
export interface AlertMessage {
  readonly kind: 'alert';
  readonly event: AlertEvent;
  readonly webhook: AlertWebhook;
  /** This message's attempt, from 1. */
  readonly attempt: number;
}

export function isAlertMessage(body: unknown): body is AlertMessage {
  const message = body as Partial<AlertMessage> | null;
  return message?.kind === 'alert' && typeof message.event?.id === 'string' && typeof message.webhook?.url === 'string' && typeof message.attempt === 'number';
}

/** Hands alerts to the queue for an attempt in `delaySeconds`. */
export async function enqueueAlerts(queue: Queue<AlertMessage>, messages: readonly AlertMessage[], delaySeconds = 0): Promise<void> {
  if (messages.length === 0) return;
  await queue.sendBatch(messages.map((body) => ({ body, delaySeconds: Math.max(0, Math.ceil(delaySeconds)) })));
}
