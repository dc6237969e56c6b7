import { positiveVar } from './positive-var';

/** How an accepted lead is retried: backoff, its cap and the whole budget. */
export interface RetryPolicy {
  readonly baseSeconds: number;
  readonly maxSeconds: number;
  readonly budgetMs: number;
}

/** Cloudflare Queues delay a message by at most 12 hours. */
const MAX_QUEUE_DELAY_SECONDS = 43_200;

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
 * does not come back as a burst. A vendor's Retry-After is a floor.
 */
export function retryDelaySeconds(policy: RetryPolicy, attempts: number, retryAfter: number | undefined, random = Math.random): number {
  const exponential = Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** Math.max(0, attempts - 1));
  const jittered = exponential / 2 + random() * (exponential / 2);
  const floor = retryAfter === undefined ? 0 : Math.min(retryAfter, MAX_QUEUE_DELAY_SECONDS);
  return Math.max(1, Math.ceil(Math.max(jittered, floor)));
}
