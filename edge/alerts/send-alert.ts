import { positiveVar } from '../delivery/positive-var';
import { log } from '../logger';
import { MissingSecretError, workerSecret } from '../worker-secret';
import { type AlertMessage, enqueueAlerts } from './alert-queue';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signWebhook } from './webhook-signature';

/**
 * Calls to one webhook for one event, the first included. GUESS: no document sets this;
 * with the production backoff (30 s doubling, capped at an hour) the last call is about
 * 2 h 20 min after the first, long enough for a receiver's deploy or a short outage.
 */
export const ALERT_MAX_ATTEMPTS = 8;
const RETRY_MAX_SECONDS = 3600;
/** A receiver answers at once (it should queue its own work); a slower one is retried. */
const CALL_TIMEOUT_MS = 10_000;

/** Seconds before attempt `attempt + 1`: ALERT_RETRY_BASE_SECONDS (30 unless set), doubled each time, capped at an hour. */
export function alertRetryDelaySeconds(env: Env, attempt: number): number {
  const base = positiveVar(Reflect.get(env, 'ALERT_RETRY_BASE_SECONDS') as string | undefined, 30);
  return Math.min(base * 2 ** (attempt - 1), RETRY_MAX_SECONDS);
}

/** Why a call did not count as received: the receiver's status, or what cut it short. */
async function call(message: AlertMessage, secret: string): Promise<string | null> {
  const body = JSON.stringify(message.event);
  try {
    const response = await fetch(message.webhook.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Leadgate-Alerts/1',
        [SIGNATURE_HEADER]: await signWebhook(secret, Math.floor(Date.now() / 1000), body),
        [EVENT_ID_HEADER]: message.event.id,
      },
      body,
      // A redirect is not followed: the signed body goes only where the config says.
      redirect: 'manual',
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return response.ok ? null : `status_${response.status}`;
  } catch (error) {
    return (error as Error).name === 'TimeoutError' ? 'timeout' : 'network';
  }
}

/**
 * One attempt at an alert: sign it now (a fresh timestamp each time, as Stripe does) and
 * POST it. A 2xx is received; anything else goes back into the queue with backoff, up to
 * ALERT_MAX_ATTEMPTS, and then the failure is logged (ids and codes: never the URL, which
 * may hold a token, nor the secret). Throws only when the queue refuses the retry, so the
 * message itself is retried.
 */
export async function sendAlert(message: AlertMessage, env: Env): Promise<void> {
  const { event, webhook, attempt } = message;
  const detail = { eventId: event.id, type: event.type, formId: event.formId, scope: webhook.scope, attempt };
  let secret: string;
  try {
    secret = workerSecret(env, webhook.signingSecret);
  } catch (error) {
    if (!(error instanceof MissingSecretError)) throw error;
    log('error', 'alert_failed', undefined, { ...detail, errorCode: 'SECRET_MISSING', secret: webhook.signingSecret });
    return;
  }
  const failure = await call(message, secret);
  if (failure === null) {
    log('info', 'alert_sent', undefined, detail);
    return;
  }
  if (attempt >= ALERT_MAX_ATTEMPTS) {
    log('error', 'alert_failed', undefined, { ...detail, errorCode: failure });
    return;
  }
  const delaySeconds = alertRetryDelaySeconds(env, attempt);
  await enqueueAlerts(env.DELIVERIES, [{ ...message, attempt: attempt + 1 }], delaySeconds);
  log('warn', 'alert_retry', undefined, { ...detail, errorCode: failure, delaySeconds });
}
