/** What one request got: its HTTP status, or no answer. */
export type LoadAnswer = number | 'timeout' | 'network';

/** One request of a load run; times are `now()` readings. */
export interface LoadSample {
  readonly startMs: number;
  readonly endMs: number;
  readonly answer: LoadAnswer;
}

export interface ClosedLoopOptions {
  /** Requests kept in flight: each worker sends its next request when its last one is answered. */
  readonly concurrency: number;
  /** One request; `index` counts from 0 across all workers and is never repeated. */
  readonly send: (index: number) => Promise<LoadAnswer>;
  readonly now?: () => number;
}

/** A run for a time: `samples` holds every request, warm-up included. */
export interface TimedRun {
  readonly samples: readonly LoadSample[];
  /** The measured window, after the warm-up. */
  readonly windowStartMs: number;
  readonly windowEndMs: number;
}

/** A run of a fixed number of requests. */
export interface CountedRun {
  readonly samples: readonly LoadSample[];
  readonly elapsedMs: number;
}

const isSuccess = (answer: LoadAnswer) => typeof answer === 'number' && answer >= 200 && answer <= 299;

async function closedLoop(options: ClosedLoopOptions, more: (index: number) => boolean): Promise<LoadSample[]> {
  const now = options.now ?? (() => performance.now());
  const samples: LoadSample[] = [];
  let next = 0;
  const worker = async () => {
    for (let index = next++; more(index); index = next++) {
      const startMs = now();
      let answer: LoadAnswer;
      try {
        answer = await options.send(index);
      } catch {
        answer = 'network';
      }
      samples.push({ startMs, endMs: now(), answer });
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return samples;
}

/**
 * A closed-loop load for `warmupMs + measureMs`: `concurrency` workers, each
 * sending as soon as its last answer came. Unlike an open loop, a slower
 * server gets fewer requests, so throughput is what the server sustains.
 */
export async function runForDuration(options: ClosedLoopOptions & { readonly warmupMs: number; readonly measureMs: number }): Promise<TimedRun> {
  const now = options.now ?? (() => performance.now());
  const windowStartMs = now() + options.warmupMs;
  const windowEndMs = windowStartMs + options.measureMs;
  const samples = await closedLoop(options, () => now() < windowEndMs);
  return { samples, windowStartMs, windowEndMs };
}

/** A closed-loop load of exactly `count` requests. */
export async function runCount(options: ClosedLoopOptions & { readonly count: number }): Promise<CountedRun> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const samples = await closedLoop(options, (index) => index < options.count);
  return { samples, elapsedMs: now() - started };
}

/** What a report quotes of a timed run's measured window. */
export interface WindowStats {
  /** Answers that arrived within the window. */
  readonly completed: number;
  readonly requestsPerSecond: number;
  /** Latencies of the requests that started and ended within the window. */
  readonly latenciesMs: readonly number[];
  /** Answers within the window by status (`201`, `503`, `timeout`, …). */
  readonly answers: Readonly<Record<string, number>>;
  /** Answers within the window that were not 2xx. */
  readonly errors: number;
}

export function windowStats(run: TimedRun): WindowStats {
  const { windowStartMs: from, windowEndMs: to } = run;
  const completedIn = run.samples.filter((sample) => sample.endMs >= from && sample.endMs <= to);
  const answers: Record<string, number> = {};
  for (const { answer } of completedIn) answers[String(answer)] = (answers[String(answer)] ?? 0) + 1;
  return {
    completed: completedIn.length,
    requestsPerSecond: (completedIn.length * 1000) / (to - from),
    latenciesMs: completedIn.filter((sample) => sample.startMs >= from).map((sample) => sample.endMs - sample.startMs),
    answers,
    errors: completedIn.filter((sample) => !isSuccess(sample.answer)).length,
  };
}
