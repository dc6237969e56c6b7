// Quick at first, for a connection that drops for a moment; then calm, for a gym system down for a while.
const STEPS_MS = [5_000, 15_000, 45_000];
const STEADY_MS = 120_000;
// A page stays open for minutes, not hours; and setTimeout fires at once for delays past about 24.8 days.
const MAX_WAIT_MS = 60 * 60_000;

/**
 * How long to wait before resending a saved lead, after `tries` automatic
 * resends have already failed: 5 s, 15 s, 45 s, then every 2 minutes, or the
 * Worker's Retry-After (in seconds) when that asks for longer.
 */
export function retryDelay(tries: number, retryAfter?: number): number {
  const planned = STEPS_MS[tries] ?? STEADY_MS;
  return Math.max(planned, Math.min((retryAfter ?? 0) * 1000, MAX_WAIT_MS));
}
