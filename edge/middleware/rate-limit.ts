import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';
import { clientIp, clientKey } from '../client-ip';
import { positiveVar } from '../delivery/positive-var';
import { LeadgateError } from '../errors';
import { log } from '../logger';

/** Defaults when neither the form nor the Worker's vars say otherwise. */
export const DEFAULT_LIMITS = { perClient: 10, perForm: 120 } as const;

/**
 * Counts a form's submissions per client IP and for the whole form (the
 * `SUBMISSION_LIMITER` Durable Object, one per form); past either limit, 429
 * RATE_LIMITED with `Retry-After`. Limits: the form's `rateLimit`, else the vars
 * RATE_LIMIT_PER_CLIENT and RATE_LIMIT_PER_FORM, else 10 and 120 per minute.
 */
export const rateLimit = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const form = c.get('form');
    const limits = {
      perClient: form.rateLimit.perClient ?? positiveVar(c.env.RATE_LIMIT_PER_CLIENT, DEFAULT_LIMITS.perClient),
      perForm: form.rateLimit.perForm ?? positiveVar(c.env.RATE_LIMIT_PER_FORM, DEFAULT_LIMITS.perForm),
    };
    const limiter = c.env.SUBMISSION_LIMITER.get(c.env.SUBMISSION_LIMITER.idFromName(form.id));
    const decision = await limiter.take(clientKey(clientIp(c)), limits);
    if (!decision.ok) {
      log('warn', 'rate_limited', c, { scope: decision.scope, retryAfter: decision.retryAfterSeconds });
      throw new LeadgateError('RATE_LIMITED', { retryAfter: decision.retryAfterSeconds });
    }
    await next();
  });
