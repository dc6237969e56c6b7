import { type Context, Hono } from 'hono';
import type { AlertTestResult } from '../../shared/admin-alerts';
import { raiseAlert } from '../alerts/raise-alert';
import type { AppEnv } from '../app-env';
import { LeadgateError } from '../errors';
import { log } from '../logger';
import { recordAdminAction } from '../privacy/audit-log';

/**
 * A `test` event to every webhook of the form (its own and the Worker-wide one), through
 * the queue like any alert: 202 with its id, which the receiver sees in `Leadgate-Event-Id`.
 * 422 ALERTS_NOT_CONFIGURED when no webhook (with its signing secret) would get it.
 */
async function sendTestAlert(c: Context<AppEnv>) {
  const form = c.get('form');
  const { eventId, webhooks } = await raiseAlert(c.env, form.id, form, 'test');
  if (webhooks === 0) throw new LeadgateError('ALERTS_NOT_CONFIGURED');
  await recordAdminAction(c.env.DB, {
    actor: c.get('adminActor'),
    action: 'alert_test',
    formId: form.id,
    target: `event:${eventId}`,
    count: webhooks,
    requestId: c.get('requestId'),
  });
  log('info', 'alert_test_queued', c, { eventId, webhooks });
  return c.json({ queued: true, eventId, webhooks } satisfies AlertTestResult, 202);
}

/** Admin routes about a form's alerts (mounted under `/v1/admin`, after its auth and form context). */
export const adminAlertRoutes = new Hono<AppEnv>();
adminAlertRoutes.post('/forms/:formId/alerts/test', sendTestAlert);
