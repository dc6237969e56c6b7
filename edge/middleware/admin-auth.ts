import { createMiddleware } from 'hono/factory';
import { adminTokenStore } from '../admin-access/admin-token-store';
import { ACCESS_ASSERTION_HEADER, AccessDenied, accessConfig, verifyAccessAssertion } from '../admin-access/cloudflare-access';
import { lockoutPolicy, loginLockout } from '../admin-access/login-lockout';
import type { AppEnv } from '../app-env';
import { clientIp, clientKey } from '../client-ip';
import { LeadgateError } from '../errors';
import { log } from '../logger';

const encoder = new TextEncoder();

/**
 * Compares digests of the two, in time independent of where they differ, so
 * the token cannot be guessed byte by byte (nor its length learned).
 */
async function sameSecret(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([given, expected].map(async (s) => new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(s)))));
  let difference = 0;
  for (let i = 0; i < a!.length; i++) difference |= a![i]! ^ b![i]!;
  return difference === 0;
}

/**
 * The operator API's guard: `Authorization: Bearer <token>` must be the
 * Worker secret named `secretName` (actor 'admin', every form) or a live
 * scoped token (actor 'token:<id>', its forms in `adminForms`). When the vars
 * ACCESS_TEAM_DOMAIN and ACCESS_AUD are set, a valid Cloudflare Access
 * assertion (`Cf-Access-Jwt-Assertion`) signs in too (actor 'access:<sub>',
 * every form); otherwise that header is ignored. Without that secret the API
 * is off (403), never open. An address with too many wrong tokens or
 * assertions is locked out (429 RATE_LIMITED with Retry-After) before any
 * credential is looked at, the right one included.
 */
export const adminAuth = (options: { secretName: string }) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const expected = (c.env as unknown as Record<string, unknown>)[options.secretName];
    if (typeof expected !== 'string' || expected.length < 16) throw new LeadgateError('ADMIN_DISABLED');
    const lockout = loginLockout(c.env.DB, lockoutPolicy(c.env));
    const client = clientKey(clientIp(c));
    const lockedFor = await lockout.lockedFor(client);
    if (lockedFor > 0) throw new LeadgateError('RATE_LIMITED', { retryAfter: lockedFor });
    const header = c.req.header('Authorization');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (match && (await sameSecret(match[1]!, expected))) {
      c.set('adminActor', 'admin');
      c.set('adminForms', null);
      return next();
    }
    const scoped = match && match[1]!.length <= 200 ? await adminTokenStore(c.env).verify(match[1]!) : undefined;
    if (scoped) {
      c.set('adminActor', `token:${scoped.id}`);
      c.set('adminForms', scoped.forms);
      return next();
    }
    const access = accessConfig(c.env);
    const assertion = access ? c.req.header(ACCESS_ASSERTION_HEADER) : undefined;
    let refused: AccessDenied | undefined;
    if (access && assertion !== undefined) {
      const actor = await verifyAccessAssertion(assertion, access).catch((error: unknown) => {
        if (error instanceof AccessDenied) return error;
        throw error;
      });
      if (typeof actor === 'string') {
        c.set('adminActor', actor);
        c.set('adminForms', null);
        return next();
      }
      refused = actor;
    }
    // A request without any credentials is not a guess; any token or assertion that is wrong is. Keys Cloudflare
    // could not hand out are not the caller's fault, so that refusal does not count.
    if (header !== undefined || (refused !== undefined && refused.reason !== 'keys-unavailable')) {
      const locked = await lockout.recordFailure(client);
      if (locked > 0) log('warn', 'admin_login_locked', c, { lockSeconds: locked });
    }
    if (refused) log('warn', 'admin_access_refused', c, { reason: refused.reason });
    throw new LeadgateError('ADMIN_UNAUTHORIZED', refused ? { message: refused.message } : {});
  });
