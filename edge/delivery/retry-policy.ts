import { positiveVar } from './positive-var';

/** How an accepted lead is retried: backoff, its cap and the whole budget. */
export interface RetryPolicy {
  readonly baseSeconds: number;
  readonly maxSeconds: number;
  readonly budgetMs: number;
}

/**
 * Cloudflare Queues delay a message by at most 12 hours ("delaySeconds (when
 * sending or retrying): 12 hours", https://developers.cloudflare.com/queues/platform/limits/);
 * a longer delay makes `send` throw. No job is ever planned further out.
 */
export const MAX_QUEUE_DELAY_SECONDS = 43_200;

/**
 * The longest a vendor's Retry-After (and the pause of its connection) is
 * honoured: a vendor that asks for a day is asked again in an hour, and the
 * queue is never asked for a delay it refuses.
 */
export const MAX_RETRY_AFTER_SECONDS = 3600;

/** A vendor's Retry-After, capped at MAX_RETRY_AFTER_SECONDS. */
export const cappedRetryAfter = (retryAfter: number): number => Math.min(Math.max(0, retryAfter), MAX_RETRY_AFTER_SECONDS);

/**
 * Seconds until a job the pacer turned away comes back: when its slot is due,
 * spread over a few seconds so deferred jobs do not return as one burst, and
 * never past what the queue accepts.
 */
export function pacedDelaySeconds(retryInMs: number, random = Math.random): number {
  return Math.min(MAX_RETRY_AFTER_SECONDS, Math.ceil(retryInMs / 1000) + Math.floor(random() * 3));
}

/** Whether a next attempt in `delaySeconds` would fall past the job's retry budget. */
export const pastBudget = (policy: RetryPolicy, retryFrom: number, delaySeconds: number, now = Date.now()): boolean =>
  now + delaySeconds * 1000 > retryFrom + policy.budgetMs;

/** The policy from the Worker's vars (wrangler.toml `[vars]`), with the documented defaults. */
export function retryPolicy(env: Partial<Record<'DELIVERY_RETRY_BASE_SECONDS' | 'DELIVERY_RETRY_MAX_SECONDS' | 'DELIVERY_BUDGET_HOURS', string>>): RetryPolicy {
  const baseSeconds = positiveVar(env.DELIVERY_RETRY_BASE_SECONDS, 10);
  return {
    baseSeconds,
    maxSeconds: Math.min(MAX_QUEUE_DELAY_SECONDS, Math.max(baseSeconds, positiveVar(env.DELIVERY_RETRY_MAX_SECONDS, 3600))),
    budgetMs: positiveVar(env.DELIVERY_BUDGET_HOURS, 24) * 3_600_000,
  };
}

/**
 * Seconds until the next attempt after `attempts` failed ones: exponential
 * backoff with "equal jitter" (half fixed, half random), so a burst of failures
 * does not come back as a burst. A vendor's Retry-After is a floor, capped at
MAX_RETRY_AFTER_SECONDS.
 */
export function retryDelaySeconds(policy: RetryPolicy, attempts: number, retryAfter: number | undefined, random = Math.random): number {
  const exponential = Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** Math.max(0, attempts - 1));
  const jittered = exponential / 2 + random() * (exponential / 2);
  const floor = retryAfter === undefined ? 0 : cappedRetryAfter(retryAfter);
  return Math.max(1, Math.ceil(Math.max(jittered, floor)));
}
