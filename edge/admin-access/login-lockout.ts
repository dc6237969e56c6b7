/** How failed admin logins lock an address out; Worker vars can change each. */
export interface LockoutPolicy {
  /** Failed logins within the window that lock the address. */
  readonly maxFailures: number;
  readonly windowMs: number;
  /** How long a locked address stays locked. */
  readonly lockMs: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 10, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

function positive(value: unknown, fallback: number): number {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : Number.NaN;
  return n > 0 ? n : fallback;
}

/** The policy from the Worker vars ADMIN_LOGIN_MAX_FAILURES, ADMIN_LOGIN_WINDOW_SECONDS, ADMIN_LOCKOUT_SECONDS. */
export function lockoutPolicy(env: Env): LockoutPolicy {
  const vars = env as unknown as Record<string, unknown>;
  return {
    maxFailures: positive(vars.ADMIN_LOGIN_MAX_FAILURES, DEFAULT_LOCKOUT.maxFailures),
    windowMs: positive(vars.ADMIN_LOGIN_WINDOW_SECONDS, DEFAULT_LOCKOUT.windowMs / 1000) * 1000,
    lockMs: positive(vars.ADMIN_LOCKOUT_SECONDS, DEFAULT_LOCKOUT.lockMs / 1000) * 1000,
  };
}

/**
 * Failed admin logins per client address (D1 `admin_login_failures`), so a
 * token cannot be guessed at speed: `maxFailures` wrong tokens within the
 * window lock the address for `lockMs`. A lock is checked before the token,
 * so even the right token does not open a locked address, and a success
 * never clears a lock (it would tell a guesser which token was right).
 */
export function loginLockout(db: D1Database, policy: LockoutPolicy = DEFAULT_LOCKOUT) {
  return {
    /** Seconds the address is still locked for, or 0. */
    async lockedFor(clientKey: string, now = Date.now()): Promise<number> {
      const row = await db
        .prepare('SELECT locked_until FROM admin_login_failures WHERE client_key = ?1')
        .bind(clientKey)
        .first<{ locked_until: number | null }>();
      const until = row?.locked_until ?? 0;
      return until > now ? Math.ceil((until - now) / 1000) : 0;
    },

    /** Counts one failed login; returns the seconds of lock it started, or 0. */
    async recordFailure(clientKey: string, now = Date.now()): Promise<number> {
      // One statement, so concurrent failures are all counted: a new window when the old one (or a lock) is over.
      const row = await db
        .prepare(
          `INSERT INTO admin_login_failures (client_key, window_start, failures, locked_until) VALUES (?1, ?2, 1, NULL)
           ON CONFLICT (client_key) DO UPDATE SET
             window_start = CASE WHEN window_start <= ?2 - ?3 THEN ?2 ELSE window_start END,
             failures = CASE WHEN window_start <= ?2 - ?3 THEN 1 ELSE failures + 1 END,
             locked_until = CASE WHEN locked_until > ?2 THEN locked_until ELSE NULL END
           RETURNING failures, locked_until`,
        )
        .bind(clientKey, now, policy.windowMs)
        .first<{ failures: number; locked_until: number | null }>();
      if (!row || row.failures < policy.maxFailures || (row.locked_until ?? 0) > now) return 0;
      const until = now + policy.lockMs;
      // The failures start again after the lock: a new lock needs a new run of wrong tokens.
      await db
        .prepare('UPDATE admin_login_failures SET locked_until = ?2, failures = 0, window_start = ?3 WHERE client_key = ?1')
        .bind(clientKey, until, now)
        .run();
      return Math.ceil(policy.lockMs / 1000);
    },
  };
}
