import { type Context, Hono } from 'hono';
import type { ReencryptResult } from '../../shared/admin';
import type { AppEnv } from '../app-env';
import { deliveryLedger } from '../delivery/delivery-ledger';
import { log } from '../logger';
import { recordAdminAction } from '../privacy/audit-log';

/** Leads re-encrypted per call: a call stays well inside a request's limits; the CLI calls again while some remain. */
const BATCH = 500;

/** Key rotation: stored leads not under the current data key are sealed under it (README, "Key rotation"). */
async function reencryptLeads(c: Context<AppEnv>) {
  const result = await deliveryLedger(c.env).reencrypt(BATCH);
  await recordAdminAction(c.env.DB, { actor: c.get('adminActor'), action: 're_encrypt', count: result.reencrypted, requestId: c.get('requestId') });
  log('info', 'leads_reencrypted', c, { ...result });
  return c.json(result satisfies ReencryptResult);
}

/** Admin routes about the Worker's keys, for the global admin token (mounted under `/v1/admin`, after its auth). */
export const adminKeyRoutes = new Hono<AppEnv>();
adminKeyRoutes.post('/keys/re-encrypt', reencryptLeads);
