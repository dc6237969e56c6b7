import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';
import { LeadgateError } from '../errors';

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
 * The operator API's guard: `Authorization: Bearer <token>` must match the
 * Worker secret named `secretName`. Without that secret the API is off (403),
 * never open.
 */
export const adminAuth = (options: { secretName: string }) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const expected = (c.env as unknown as Record<string, unknown>)[options.secretName];
    if (typeof expected !== 'string' || expected.length < 16) throw new LeadgateError('ADMIN_DISABLED');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('Authorization') ?? '');
    if (!match || !(await sameSecret(match[1]!, expected))) throw new LeadgateError('ADMIN_UNAUTHORIZED');
    c.set('adminActor', 'admin');
    await next();
  });
