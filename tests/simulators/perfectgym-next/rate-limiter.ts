/** The answer for one request: let it through, or refuse it for `retryAfterSeconds`. */
export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

export interface RateLimiter {
  /** Counts one request against the counter `key`, which allows `limit` per minute, at `now` (ms). */
  hit(key: string, limit: number, now: number): RateDecision;
  reset(): void;
}

const MINUTE = 60_000;

interface Window {
  start: number;
  count: number;
  blockedUntil: number;
}

/**
 * Fixed one-minute windows with a lockout, as documented: "Every endpoint has a separate request
 * counter… After exceeding the limit, every request for the next minute will be denied with a 429".
 * GUESS: the window starts at a counter's first request, and refused requests do not count.
 */
export function createRateLimiter(): RateLimiter {
  const windows = new Map<string, Window>();
  return {
    hit(key, limit, now) {
      let window = windows.get(key);
      if (window && now < window.blockedUntil) {
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.blockedUntil - now) / 1000)) };
      }
      if (!window || now - window.start >= MINUTE || window.blockedUntil !== 0) {
        window = { start: now, count: 0, blockedUntil: 0 };
        windows.set(key, window);
      }
      window.count += 1;
      if (window.count <= limit) return { allowed: true };
      window.blockedUntil = now + MINUTE;
      return { allowed: false, retryAfterSeconds: 60 };
    },
    reset() {
      windows.clear();
    },
  };
}
