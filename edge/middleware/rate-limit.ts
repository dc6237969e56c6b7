import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';
import { clientIp, clientKey } from '../client-ip';
import { positiveVar } from '../delivery/positive-var';
import { durableObjectByName } from '../durable-object-by-name';
import { LeadgateError } from '../errors';
import { log } from '../logger';

/** Defaults when neither the form nor the Worker's vars say otherwise. */
export const DEFAULT_LIMITS = { perClient: 10, perForm: 120, perTokenPerHour: 10 } as const;

/** The form's limiter: one `SUBMISSION_LIMITER` Durable Object per form. */
export const formLimiter = (env: Env, formId: string) => durableObjectByName(env.SUBMISSION_LIMITER, formId);

/**
 * Counts a form's requests per client IP (an IPv6 client by its /64); past the
 * limit, 429 RATE_LIMITED with `Retry-After`. Limit: the form's
 * `rateLimit.perClient`, else the var RATE_LIMIT_PER_CLIENT, else 10 per minute.
 * Only the client's own budget: the whole form's is spent later, by
 * spendFormBudget, for leads that are well-formed and passed the bot check, so
 * junk from many addresses cannot put the form into 429 for everyone.
 */
export const rateLimit = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const form = c.get('form');
    const perClient = form.rateLimit.perClient ?? positiveVar(c.env.RATE_LIMIT_PER_CLIENT, DEFAULT_LIMITS.perClient);
    const decision = await formLimiter(c.env, form.id).takeClient(clientKey(clientIp(c)), perClient);
    if (!decision.ok) {
      log('warn', 'rate_limited', c, { scope: decision.scope, retryAfter: decision.retryAfterSeconds });
      throw new LeadgateError('RATE_LIMITED', { retryAfter: decision.retryAfterSeconds });
    }
    await next();
  });
