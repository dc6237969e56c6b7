import { type Context, Hono } from 'hono';
import * as v from 'valibot';
import {
  AdminTokenIdSchema,
  type AdminTokenList,
  CreateAdminTokenRequestSchema,
  type CreatedAdminToken,
  type RevokedAdminToken,
} from '../../shared/admin-tokens';
import { adminTokenStore } from '../admin-access/admin-token-store';
import { globalAdminOnly } from '../admin-access/scoped-token';
import type { AppEnv } from '../app-env';
import { LeadgateError } from '../errors';
import { log } from '../logger';
import { jsonBody } from '../middleware/json-body';
import { validate } from '../middleware/validate';
import { recordAdminAction } from '../privacy/audit-log';

/** A create names at most a few hundred form ids: anything larger is not one. */
const MAX_CREATE_BYTES = 16 * 1024;

type CreateContext = Context<AppEnv, string, { out: { json: v.InferOutput<typeof CreateAdminTokenRequestSchema> } }>;
type TokenContext = Context<AppEnv, string, { out: { param: { id: string } } }>;

/** A token for forms this Worker serves; ids it does not know are refused 400, each named in `fields`. */
async function createToken(c: CreateContext) {
  const { forms, label } = c.req.valid('json');
  const unknown: string[] = [];
  for (const id of new Set(forms)) if (!(await c.var.forms.find(id))) unknown.push(id);
  if (unknown.length > 0) throw new LeadgateError('INVALID_REQUEST', { fields: unknown.map((id) => ({ field: `forms.${id}`, code: 'invalid_option' })) });
  const created = await adminTokenStore(c.env).create(forms, label);
  await recordAdminAction(c.env.DB, {
    actor: c.get('adminActor'),
    action: 'token_create',
    target: `token:${created.id}`,
    count: created.forms.length,
    requestId: c.get('requestId'),
  });
  log('info', 'admin_token_created', c, { tokenId: created.id, forms: created.forms.length });
  return c.json(created satisfies CreatedAdminToken, 201);
}

async function listTokens(c: Context<AppEnv>) {
  return c.json({ tokens: await adminTokenStore(c.env).list() } satisfies AdminTokenList);
}

/** Revokes a token for good; an id that is no token's (or a malformed one) is 404 NOT_FOUND, a second revoke too. */
async function revokeToken(c: TokenContext) {
  const { id } = c.req.valid('param');
  const now = Date.now();
  if (!(await adminTokenStore(c.env).revoke(id, now))) throw new LeadgateError('NOT_FOUND');
  await recordAdminAction(c.env.DB, { actor: c.get('adminActor'), action: 'token_revoke', target: `token:${id}`, requestId: c.get('requestId') }, now);
  log('info', 'admin_token_revoked', c, { tokenId: id });
  return c.json({ id, revokedAt: new Date(now).toISOString() } satisfies RevokedAdminToken);
}

/**
 * `/v1/admin/tokens`: scoped admin tokens, created, listed and revoked with
 * the global token only (admin.ts mounts it behind the admin guard).
 */
export const adminTokenRoutes = new Hono<AppEnv>();

adminTokenRoutes.use('*', globalAdminOnly());
adminTokenRoutes.post('/', jsonBody({ maxBytes: MAX_CREATE_BYTES }), validate('json', CreateAdminTokenRequestSchema, 'INVALID_REQUEST'), createToken);
adminTokenRoutes.get('/', listTokens);
adminTokenRoutes.delete('/:id', validate('param', v.object({ id: AdminTokenIdSchema }), 'NOT_FOUND'), revokeToken);
