import { parseBenchFlags, seconds, wholeNumber } from './bench-flags';

/** What one `npm run bench:delivery` run does. */
export interface BenchOptions {
  /** Submissions to send. */
  readonly count: number;
  /** Seconds to spread them over, evenly. */
  readonly seconds: number;
  /** Seconds to wait, after the last answer, for nothing to be pending or queued. */
  readonly drainTimeoutSeconds: number;
  /** Requests allowed in flight at once; a send due while this many wait is skipped and counted. */
  readonly maxInFlight: number;
}

export const DEFAULT_BENCH_OPTIONS: BenchOptions = { count: 2000, seconds: 60, drainTimeoutSeconds: 900, maxInFlight: 256 };

export const BENCH_USAGE = `Usage: npm run bench:delivery -- [options]

Sends a burst of leads to demo-perfectgym through a fresh local stack (vendor
simulators and the Worker in wrangler dev), waits for every delivery to settle,
and checks that each accepted lead reached the vendor exactly once.

Options:
  --count <n>            Submissions to send (default ${DEFAULT_BENCH_OPTIONS.count})
  --seconds <s>          Spread them evenly over this many seconds (default ${DEFAULT_BENCH_OPTIONS.seconds})
  --drain-timeout <s>    Give up waiting for the queue after this many seconds (default ${DEFAULT_BENCH_OPTIONS.drainTimeoutSeconds})
  --max-in-flight <n>    Requests open at once; a send due beyond it is skipped and counted (default ${DEFAULT_BENCH_OPTIONS.maxInFlight})
  --help                 This text

Writes bench/results/delivery-<timestamp>.json; exits 1 when a lead was lost or duplicated.
`;

/** The options of one run, or 'help'; throws an Error naming the flag when one is wrong. */
export function parseBenchOptions(argv: readonly string[]): BenchOptions | 'help' {
  const values = parseBenchFlags(argv, {
    count: { type: 'string' },
    seconds: { type: 'string' },
    'drain-timeout': { type: 'string' },
    'max-in-flight': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  return {
    count: values.count === undefined ? DEFAULT_BENCH_OPTIONS.count : wholeNumber('--count', values.count, 1),
    seconds: values.seconds === undefined ? DEFAULT_BENCH_OPTIONS.seconds : seconds('--seconds', values.seconds, false),
    drainTimeoutSeconds:
      values['drain-timeout'] === undefined ? DEFAULT_BENCH_OPTIONS.drainTimeoutSeconds : seconds('--drain-timeout', values['drain-timeout'], false),
    maxInFlight: values['max-in-flight'] === undefined ? DEFAULT_BENCH_OPTIONS.maxInFlight : wholeNumber('--max-in-flight', values['max-in-flight'], 1),
  };
}
