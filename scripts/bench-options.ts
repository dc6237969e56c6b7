import { parseBenchFlags, seconds, wholeNumber } from './bench-flags';
import type { WorkerRuntime } from './bench-process-cpu';

/** The three benchmarks of `npm run bench`, in the order they run. */
export const BENCHMARKS = ['critical', 'edge', 'config'] as const;
export type Benchmark = (typeof BENCHMARKS)[number];

/** What one `npm run bench` run does. */
export interface PerfBenchOptions {
  readonly only: readonly Benchmark[];
  /** Critical path: page loads per embed mode (after one warm-up load each). */
  readonly repeat: number;
  /** Edge overhead: rounds of passthrough and real route, alternating. */
  readonly rounds: number;
  /** Edge overhead: requests kept in flight, one run per value and route each round. */
  readonly concurrency: readonly number[];
  /** Edge overhead: measured seconds per run, after the warm-up. */
  readonly seconds: number;
  /** Edge overhead: seconds of each run not measured. */
  readonly warmupSeconds: number;
  /** Edge overhead: how long the vendor simulator takes to answer each call. */
  readonly vendorDelayMs: number;
  /** Edge overhead: profile the Worker's isolate through the inspector during every run (its own CPU per request). */
  readonly workerProfile: boolean;
  /** How the Worker runs: `wrangler dev` (the default, as `npm start`), or Miniflare without wrangler's dev proxy and inspector. */
  readonly runtime: WorkerRuntime;
  /** Config caching: spec requests with a warm cache. */
  readonly configRequests: number;
  readonly configConcurrency: number;
}

export const DEFAULT_PERF_OPTIONS: PerfBenchOptions = {
  only: BENCHMARKS,
  repeat: 7,
  rounds: 3,
  concurrency: [4, 16, 64],
  seconds: 10,
  warmupSeconds: 2,
  vendorDelayMs: 50,
  workerProfile: false,
  runtime: 'wrangler-dev',
  configRequests: 10_000,
  configConcurrency: 32,
};

export const PERF_BENCH_USAGE = `Usage: npm run bench -- [options]

Starts a fresh local stack (vendor simulators, the Worker in wrangler dev, a
host-page origin on 8800) and measures:
  critical  the widget's critical path in Chromium on a throttled network
            (150 ms round trip, 1.6 Mbps down), script and iframe embed
  edge      POST /v1/forms/:formId/leads against a bare passthrough route,
            with the vendor answering after a fixed delay
  config    10,000 form spec requests with a warm cache: vendor config calls

Options:
  --only <list>            Which benchmarks, comma-separated (default ${DEFAULT_PERF_OPTIONS.only.join(',')})
  --repeat <n>             Critical path: page loads per embed mode (default ${DEFAULT_PERF_OPTIONS.repeat})
  --rounds <n>             Edge: rounds of passthrough and real route (default ${DEFAULT_PERF_OPTIONS.rounds})
  --concurrency <list>     Edge: requests in flight, comma-separated (default ${DEFAULT_PERF_OPTIONS.concurrency.join(',')})
  --seconds <s>            Edge: measured seconds per run (default ${DEFAULT_PERF_OPTIONS.seconds})
  --warmup <s>             Edge: unmeasured seconds at the start of each run (default ${DEFAULT_PERF_OPTIONS.warmupSeconds})
  --vendor-delay <ms>      Edge: the vendor's answer time per call (default ${DEFAULT_PERF_OPTIONS.vendorDelayMs})
  --worker-profile         Edge: CPU-profile the Worker's isolate in every run (its own CPU per
                           request and where it goes); the profiler's sampling costs some CPU
  --runtime <name>         How the Worker runs: wrangler-dev (default), or miniflare: the same
                           Worker, bundle and bindings in workerd without wrangler dev's proxy
                           workerd and its Node inspector proxy (neither runs in production)
  --config-requests <n>    Config: spec requests (default ${DEFAULT_PERF_OPTIONS.configRequests})
  --config-concurrency <n> Config: requests in flight (default ${DEFAULT_PERF_OPTIONS.configConcurrency})
  --help                   This text

Writes bench/results/perf-<timestamp>.json. Exits 1 when a benchmark could not
measure (the stack failed, a page never showed the form, a request failed);
a missed target is reported, not an exit status.
`;

/** The options of one run, or 'help'; throws an Error naming the flag when one is wrong. */
export function parsePerfBenchOptions(argv: readonly string[]): PerfBenchOptions | 'help' {
  const values = parseBenchFlags(argv, {
    only: { type: 'string' },
    repeat: { type: 'string' },
    rounds: { type: 'string' },
    concurrency: { type: 'string' },
    seconds: { type: 'string' },
    warmup: { type: 'string' },
    'vendor-delay': { type: 'string' },
    'worker-profile': { type: 'boolean' },
    runtime: { type: 'string' },
    'config-requests': { type: 'string' },
    'config-concurrency': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  const d = DEFAULT_PERF_OPTIONS;
  const or = <T>(value: string | undefined, read: (value: string) => T, fallback: T) => (value === undefined ? fallback : read(value));
  return {
    only: or(values.only, benchmarkList, d.only),
    repeat: or(values.repeat, (v) => wholeNumber('--repeat', v, 1), d.repeat),
    rounds: or(values.rounds, (v) => wholeNumber('--rounds', v, 1), d.rounds),
    concurrency: or(values.concurrency, (v) => v.split(',').map((item) => wholeNumber('--concurrency', item.trim(), 1)), d.concurrency),
    seconds: or(values.seconds, (v) => seconds('--seconds', v, false), d.seconds),
    warmupSeconds: or(values.warmup, (v) => seconds('--warmup', v, true), d.warmupSeconds),
    vendorDelayMs: or(values['vendor-delay'], (v) => wholeNumber('--vendor-delay', v, 0), d.vendorDelayMs),
    workerProfile: values['worker-profile'] === true,
    runtime: or(values.runtime, workerRuntime, d.runtime),
    configRequests: or(values['config-requests'], (v) => wholeNumber('--config-requests', v, 1), d.configRequests),
    configConcurrency: or(values['config-concurrency'], (v) => wholeNumber('--config-concurrency', v, 1), d.configConcurrency),
  };
}

function benchmarkList(value: string): Benchmark[] {
  const names = value.split(',').map((name) => name.trim());
  const unknown = names.find((name) => !(BENCHMARKS as readonly string[]).includes(name));
  if (unknown !== undefined || names.length === 0) {
    throw new Error(`--only "${value}" must name some of ${BENCHMARKS.join(', ')}, comma-separated`);
  }
  // In the order they run, each once.
  return BENCHMARKS.filter((name) => names.includes(name));
}

function workerRuntime(value: string): WorkerRuntime {
  if (value === 'wrangler-dev' || value === 'miniflare') return value;
  throw new Error(`--runtime "${value}" must be wrangler-dev or miniflare`);
}
