import * as v from 'valibot';
import { SUBSCRIBABLE_ALERT_EVENTS } from '../../shared/admin-alerts';
import { SecretNameSchema } from './config-schemas';

/**
 * Whether a webhook URL may receive alerts: https only, so the signed body and its
 * ids never cross the network in the clear; plain http only to this machine, for the
 * local receiver of the demo and the tests. (Vendor URLs allow any http, because some
 * self-hosted vendors have no TLS; an alert receiver always can.)
 */
export function isWebhookUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost'));
}

export const WEBHOOK_URL_MESSAGE = 'must be an https:// URL (http:// only for 127.0.0.1 or localhost), without user or password';

export const WebhookUrlSchema = v.pipe(v.string('must be a string'), v.check(isWebhookUrl, WEBHOOK_URL_MESSAGE));

/**
 * A form's alerts: where to send them, and which. The signing secret is a Worker
 * secret named here (`wrangler secret put NAME`), never its value.
 */
export const AlertsConfigSchema = v.strictObject({
  webhook: v.strictObject({
    url: WebhookUrlSchema,
    /** The NAME of the Worker secret holding the HMAC key the receiver checks signatures with. */
    signingSecret: SecretNameSchema,
  }),
  /** Which events go to this webhook; absent sends all of them. */
  events: v.optional(
    v.pipe(
      v.array(v.picklist(SUBSCRIBABLE_ALERT_EVENTS, `must be ${SUBSCRIBABLE_ALERT_EVENTS.join(', ')}`), 'must be a list of events'),
      v.minLength(1, 'must list at least one event (leave "events" out for all of them)'),
    ),
  ),
});
export type AlertsConfig = v.InferOutput<typeof AlertsConfigSchema>;
