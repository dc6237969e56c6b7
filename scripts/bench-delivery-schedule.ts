/** When each of `count` sends is due, in ms after the start, spread evenly over `seconds`. */
export function sendSchedule(count: number, seconds: number): number[] {
  const interval = (seconds * 1000) / count;
  return Array.from({ length: count }, (_, index) => index * interval);
}

/** What happened to the schedule; times are `now()` readings. */
export interface ScheduleRun {
  /** Sends fired. */
  readonly sent: number;
  /** Indexes not sent: when they were due, `maxInFlight` requests were still open. */
  readonly skipped: readonly number[];
  readonly firstSentAt: number | null;
  readonly lastSentAt: number | null;
  /** How late the latest send fired against its due time (timer and event-loop lag). */
  readonly maxLagMs: number;
}

export interface FireOnScheduleOptions {
  /** Due times in ms after the start, ascending (see sendSchedule). */
  readonly offsets: readonly number[];
  readonly maxInFlight: number;
  /** One send; it should not reject (a rejection is ignored). */
  readonly send: (index: number) => Promise<unknown>;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const ignore = () => undefined;

/**
 * Fires each send at its due time and never waits for an answer before the
 * next one: an open-loop load, so a slow Worker cannot slow the offered load
 * down. Resolves once every fired send has settled.
 */
export async function fireOnSchedule(options: FireOnScheduleOptions): Promise<ScheduleRun> {
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const inFlight = new Set<Promise<unknown>>();
  const skipped: number[] = [];
  let sent = 0;
  let firstSentAt: number | null = null;
  let lastSentAt: number | null = null;
  let maxLagMs = 0;
  const start = now();
  for (const [index, offset] of options.offsets.entries()) {
    const due = start + offset;
    const wait = due - now();
    if (wait > 0) await sleep(wait);
    const at = now();
    maxLagMs = Math.max(maxLagMs, at - due);
    if (inFlight.size >= options.maxInFlight) {
      skipped.push(index);
      continue;
    }
    const request: Promise<unknown> = options
      .send(index)
      .then(ignore, ignore)
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
    sent += 1;
    firstSentAt ??= at;
    lastSentAt = at;
  }
  await Promise.all(inFlight);
  return { sent, skipped, firstSentAt, lastSentAt, maxLagMs };
}
