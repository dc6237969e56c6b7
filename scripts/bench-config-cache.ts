import type { SimulatorClient } from '../tests/stack/simulator-client';
import { type LoadAnswer, runCount } from './bench-closed-loop';
import { type LatencySummary, summarizeLatencies } from './bench-stats';

/** A form whose spec is requested, and its vendor tenant, whose config endpoint is counted. */
export interface ConfigCacheTarget {
  readonly formId: string;
  readonly tenant: string;
}

/**
 * The demo form (its TTL, 300 s, outlasts the run: the cache answers every
 * request) and the bench form (10 s: the run crosses several expiries, each
 * answered stale while one refresh runs).
 */
export const CONFIG_TARGETS: readonly ConfigCacheTarget[] = [
  { formId: 'demo-perfectgym', tenant: 'demo-gym' },
  { formId: 'bench-perfectgym', tenant: 'bench-gym' },
];

/** What the config caching run saw. */
export interface ConfigCacheRun {
  readonly formId: string;
  readonly requests: number;
  readonly concurrency: number;
  readonly elapsedMs: number;
  /** Answers by status (`200`, `503`, `timeout`, …). */
  readonly answers: Readonly<Record<string, number>>;
  readonly latencyMs: LatencySummary;
  /** Calls to the vendor's config endpoint during the run, from the simulator's request log. */
  readonly vendorConfigCalls: number;
  /** The form's `cacheTtlSeconds`. */
  readonly ttlSeconds: number;
}

export interface ConfigCacheOptions extends ConfigCacheTarget {
  readonly workerUrl: string;
  readonly sim: SimulatorClient;
  readonly requests: number;
  readonly concurrency: number;
  readonly ttlSeconds: number;
  readonly say: (message: string) => void;
}

/**
 * Warms the Worker's rules cache with one spec request, empties the
 * simulator's request log, then sends `requests` spec requests as the widget
 * does and counts the vendor config calls they caused.
 */
export async function runConfigCache(options: ConfigCacheOptions): Promise<ConfigCacheRun> {
  const url = `${options.workerUrl}/v1/forms/${options.formId}?locale=de`;
  const get = (): Promise<LoadAnswer> =>
    fetch(url, { headers: { Origin: 'http://localhost:8800' }, signal: AbortSignal.timeout(30_000) }).then(
      async (response) => {
        await response.arrayBuffer();
        return response.status;
      },
      (error: unknown) => (error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'network'),
    );
  await options.sim.reset();
  const warm = await get();
  if (warm !== 200) throw new Error(`GET ${url} answered ${warm} while warming the cache`);
  await options.sim.clearRequests();

  options.say(`${options.formId}: ${options.requests} spec requests, ${options.concurrency} in flight, TTL ${options.ttlSeconds} s`);
  const run = await runCount({ concurrency: options.concurrency, count: options.requests, send: get });
  const log = await options.sim.requests(options.tenant);
  const answers: Record<string, number> = {};
  for (const { answer } of run.samples) answers[String(answer)] = (answers[String(answer)] ?? 0) + 1;
  return {
    formId: options.formId,
    requests: options.requests,
    concurrency: options.concurrency,
    elapsedMs: Math.round(run.elapsedMs),
    answers,
    latencyMs: summarizeLatencies(run.samples.map((sample) => sample.endMs - sample.startMs)),
    vendorConfigCalls: log.filter((request) => request.endpoint === 'config').length,
    ttlSeconds: options.ttlSeconds,
  };
}
