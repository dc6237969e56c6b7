import { BENCH_FORMS, type BenchForm } from '../tests/stack/fault-vendors';
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
  /** The form the leads are sent to: the demo's PerfectGym form or a fault-suite form of any vendor. */
  readonly form: BenchForm;
  /**
   * Percent of creates whose answer is lost: the simulator stores the lead and answers only after
   * the form's timeout (a `hang` fault with that `rate`).
   */
  readonly lostAnswersPct: number;
}

export const DEFAULT_BENCH_OPTIONS: BenchOptions = {
  count: 2000,
  seconds: 60,
  drainTimeoutSeconds: 900,
  maxInFlight: 256,
  form: 'demo-perfectgym',
  lostAnswersPct: 0,
};

export const BENCH_USAGE = `Usage: npm run bench:delivery -- [options]

Sends a burst of leads to a form (demo-perfectgym unless --form says otherwise)
through a fresh local stack (vendor simulators and the Worker in wrangler dev),
waits for every delivery to settle, and checks that each accepted lead reached
the vendor exactly once.

Options:
  --count <n>            Submissions to send (default ${DEFAULT_BENCH_OPTIONS.count})
  --seconds <s>          Spread them evenly over this many seconds (default ${DEFAULT_BENCH_OPTIONS.seconds})
  --drain-timeout <s>    Give up waiting for the queue after this many seconds (default ${DEFAULT_BENCH_OPTIONS.drainTimeoutSeconds})
  --max-in-flight <n>    Requests open at once; a send due beyond it is skipped and counted (default ${DEFAULT_BENCH_OPTIONS.maxInFlight})
  --form <id>            The form to send to (default ${DEFAULT_BENCH_OPTIONS.form}); one of
                         ${BENCH_FORMS.join(', ')}
  --lost-answers <pct>   Percent of creates the vendor stores but answers only after the form's
                         timeout, so the Worker never sees the answer (default ${DEFAULT_BENCH_OPTIONS.lostAnswersPct})
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
    form: { type: 'string' },
    'lost-answers': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  return {
    count: values.count === undefined ? DEFAULT_BENCH_OPTIONS.count : wholeNumber('--count', values.count, 1),
    seconds: values.seconds === undefined ? DEFAULT_BENCH_OPTIONS.seconds : seconds('--seconds', values.seconds, false),
    drainTimeoutSeconds:
      values['drain-timeout'] === undefined ? DEFAULT_BENCH_OPTIONS.drainTimeoutSeconds : seconds('--drain-timeout', values['drain-timeout'], false),
    maxInFlight: values['max-in-flight'] === undefined ? DEFAULT_BENCH_OPTIONS.maxInFlight : wholeNumber('--max-in-flight', values['max-in-flight'], 1),
    form: values.form === undefined ? DEFAULT_BENCH_OPTIONS.form : benchForm(values.form),
    lostAnswersPct: values['lost-answers'] === undefined ? DEFAULT_BENCH_OPTIONS.lostAnswersPct : percent('--lost-answers', values['lost-answers']),
  };
}

function benchForm(value: string): BenchForm {
  const found = BENCH_FORMS.find((form) => form === value);
  if (!found) throw new Error(`--form "${value}" must be one of ${BENCH_FORMS.join(', ')}`);
  return found;
}

function percent(flag: string, value: string): number {
  const number = /^\d+(?:\.\d+)?$/.test(value) ? Number(value) : -1;
  if (number >= 0 && number <= 100) return number;
  throw new Error(`${flag} "${value}" must be a percentage from 0 to 100`);
}
