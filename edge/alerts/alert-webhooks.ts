import type { AlertEventType } from '../../shared/admin-alerts';
import { isWebhookUrl } from '../config/alerts-config';
import type { FormConfig } from '../forms/form-config';
import { log } from '../logger';
import { MissingSecretError, workerSecret } from '../worker-secret';

/** The Worker-wide webhook: a var for its URL, a secret for its signing key. Every form's events go there. */
export const WORKER_WEBHOOK_URL_VAR = 'ALERT_WEBHOOK_URL';
export const WORKER_WEBHOOK_SECRET = 'ALERT_WEBHOOK_SECRET';

/**
 * One place an alert goes: its URL and the NAME of the Worker secret that signs
 * for it (the value is read when the call is made, and never travels in a message).
 * `scope` is what logs name instead of the URL, which may hold a token (Slack's do).
 */
export interface AlertWebhook {
  readonly scope: 'form' | 'worker';
  readonly url: string;
  readonly signingSecret: string;
}

function hasSecret(env: Env, name: string): boolean {
  try {
    workerSecret(env, name);
    return true;
  } catch (error) {
    if (error instanceof MissingSecretError) return false;
    throw error;
  }
}

/** The Worker-wide webhook from ALERT_WEBHOOK_URL, if set and allowed. */
function workerWebhook(env: Env): AlertWebhook | undefined {
  const url: unknown = Reflect.get(env, WORKER_WEBHOOK_URL_VAR);
  if (typeof url !== 'string' || url === '') return undefined;
  if (!isWebhookUrl(url)) {
    log('error', 'alert_webhook_url_invalid', undefined, { scope: 'worker', var: WORKER_WEBHOOK_URL_VAR });
    return undefined;
  }
  return { scope: 'worker', url, signingSecret: WORKER_WEBHOOK_SECRET };
}

/**
 * The webhooks an event of `type` about `form` goes to: the form's own (when its
 * `alerts.events` include the type; `test` always), and the Worker-wide one. A
 * webhook whose signing secret the Worker lacks is left out and logged: an alert
 * is never sent unsigned. `form` is absent for a job whose form was removed.
 */
export function alertWebhooks(env: Env, form: FormConfig | undefined, type: AlertEventType): AlertWebhook[] {
  const webhooks: AlertWebhook[] = [];
  const alerts = form?.alerts;
  if (alerts && (type === 'test' || !alerts.events || alerts.events.includes(type))) {
    webhooks.push({ scope: 'form', url: alerts.webhook.url, signingSecret: alerts.webhook.signingSecret });
  }
  const wide = workerWebhook(env);
  if (wide) webhooks.push(wide);
  return webhooks.filter((webhook) => {
    if (hasSecret(env, webhook.signingSecret)) return true;
    log('error', 'alert_secret_missing', undefined, { formId: form?.id, scope: webhook.scope, secret: webhook.signingSecret });
    return false;
  });
}
