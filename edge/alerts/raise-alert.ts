import type { AlertEvent, AlertEventType } from '../../shared/admin-alerts';
import type { FormConfig } from '../forms/form-config';
import { type AlertMessage, enqueueAlerts } from './alert-queue';
import { alertWebhooks } from './alert-webhooks';

/** What an event says beyond its id, type, time and form: ids, codes and counts only. */
export type AlertFacts = Pick<AlertEvent, 'deliveryId' | 'status' | 'errorCode' | 'reason' | 'counts'>;

export const newEventId = () => `evt_${crypto.randomUUID().replaceAll('-', '')}`;

/**
 * Puts one event into the queue for every webhook it goes to (see `alertWebhooks`),
 * and answers its id and how many webhooks that is (0: nobody listens, nothing sent).
 * Throws when the queue refuses the messages; callers on a lead's path catch and log
 * that, so an alert never fails a delivery.
 */
export async function raiseAlert(
  env: Env,
  formId: string,
  form: FormConfig | undefined,
  type: AlertEventType,
  facts: AlertFacts = {},
  now = Date.now(),
): Promise<{ readonly eventId: string; readonly webhooks: number }> {
  const webhooks = alertWebhooks(env, form, type);
  const event: AlertEvent = { id: newEventId(), type, time: new Date(now).toISOString(), formId, vendor: form?.vendor ?? null, ...facts };
  const messages = webhooks.map((webhook): AlertMessage => ({ kind: 'alert', event, webhook, attempt: 1 }));
  await enqueueAlerts(env.DELIVERIES, messages);
  return { eventId: event.id, webhooks: messages.length };
}
