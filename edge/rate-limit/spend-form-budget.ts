import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import { positiveVar } from '../delivery/positive-var';
import { LeadgateError } from '../errors';
import { log } from '../logger';
import { DEFAULT_LIMITS, formLimiter } from '../middleware/rate-limit';

const encoder = new TextEncoder();

/** The limiter's key for a form token: a hash, so the Durable Object never holds a usable token. */
async function tokenKey(formToken: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(formToken)));
  return Array.from(digest.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Spends one lead of the form's whole-form budget (per minute) and of its form
 * token's (per hour); past either, 429 RATE_LIMITED with `Retry-After`. Call it
 * only for a NEW lead that is well-formed, valid and past the bot check: junk
 * must not spend the form's budget. `formToken` undefined: the form's budget only.
 * For a form with Turnstile "under-load", this is also where its rate switches Turnstile on.
 */
export async function spendFormBudget(c: Context<AppEnv>, formToken: string | undefined): Promise<void> {
  const form = c.get('form');
  const underLoad = form.botCheck.turnstile?.underLoad;
  const budget = {
    perForm: form.rateLimit.perForm ?? positiveVar(c.env.RATE_LIMIT_PER_FORM, DEFAULT_LIMITS.perForm),
    perTokenPerHour: form.rateLimit.perTokenPerHour ?? DEFAULT_LIMITS.perTokenPerHour,
    ...(underLoad ? { underLoad } : {}),
  };
  const decision = await formLimiter(c.env, form.id).spendForm(formToken ? await tokenKey(formToken) : undefined, budget);
  if (!decision.ok) {
    log('warn', 'rate_limited', c, { scope: decision.scope, retryAfter: decision.retryAfterSeconds });
    throw new LeadgateError('RATE_LIMITED', { retryAfter: decision.retryAfterSeconds });
  }
  if (decision.turnstileOn) log('warn', 'turnstile_under_load', c, { leadsPerMinute: underLoad?.leadsPerMinute, forMinutes: underLoad?.forMinutes });
}
