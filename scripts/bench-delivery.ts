// `npm run bench:delivery`: a burst of leads through a fresh local stack (the
// vendor simulators and the Worker in wrangler dev), then a check that every
// accepted lead reached the vendor exactly once. See bench-delivery-options.ts.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import { ADMIN_TOKEN_SECRET, type DeliveryStats, DeliveryStatsSchema } from '../shared/admin';
import { benchVendor, type FaultVendor } from '../tests/stack/fault-vendors';
import { startLocalCron } from '../tests/stack/local-cron';
import { postFormLead } from '../tests/stack/post-demo-lead';
import { BENCH_USAGE, type BenchOptions, parseBenchOptions } from './bench-delivery-options';
import { type BenchSubmission, buildReport, formatReport, type PostAnswer, readPostAnswer, reportFileName } from './bench-delivery-report';
import { fireOnSchedule, sendSchedule } from './bench-delivery-schedule';
import { machineInfo } from './bench-machine';
import { BENCH_FORMS_FILES, benchStack } from './bench-stack';
import { readDevVars } from './dev-vars';

const POST_TIMEOUT_MS = 30_000;
const PROGRESS_EVERY_MS = 10_000;
const root = fileURLToPath(new URL('..', import.meta.url));
const resultsDir = join(root, 'bench', 'results');

const say = (message: string) => console.log(`[bench] ${message}`);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const stack = benchStack(say);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    say(`${signal}: stopping the Worker and the simulators`);
    void stack.stop().finally(() => process.exit(130));
  });
}

process.exitCode = await main(process.argv.slice(2));
await stack.stop().catch((error: unknown) => console.error(`bench:delivery: stopping the stack failed: ${String(error)}`));
// Keep-alive sockets to the stopped Worker would otherwise hold the process a while.
process.exit();

async function main(argv: readonly string[]): Promise<number> {
  try {
    const options = parseBenchOptions(argv);
    if (options === 'help') {
      console.log(BENCH_USAGE);
      return 0;
    }
    const secrets = readDevVars();
    const token = secrets[ADMIN_TOKEN_SECRET];
    if (!token) throw new Error(`.dev.vars has no ${ADMIN_TOKEN_SECRET}: run "node scripts/ensure.mjs" to add one.`);
    return await bench(options, secrets, token);
  } catch (error) {
    console.error(`bench:delivery: ${error instanceof Error ? error.message : String(error)}`);
    const output = (await stack.workerOutput())?.trim();
    if (output) console.error(`\nThe Worker's last output:\n${output.split('\n').slice(-30).join('\n')}`);
    return 1;
  }
}

async function bench(options: BenchOptions, secrets: Record<string, string>, token: string): Promise<number> {
  const run = (script: string) => execFileSync('npx', ['tsx', script], { cwd: root, stdio: 'inherit' });
  execFileSync('npx', ['tsx', 'scripts/check-forms.ts', ...BENCH_FORMS_FILES], { cwd: root, stdio: 'inherit' });
  run('scripts/build-widget.ts'); // the Worker serves it, and startWorker waits for /widget.js
  // The burst comes from one address at 33 a second: the abuse limits (10 a minute per client) are
  // lifted, as they are for the test suite, since this measures delivery, not abuse resistance.
  const { worker: started, simulators } = await stack.start({ secrets, vars: { RATE_LIMIT_PER_CLIENT: '100000', RATE_LIMIT_PER_FORM: '100000' } });
  const { url } = started;
  const vendor = benchVendor(simulators.urls, options.form);
  await readStats(url, vendor.form, token); // fails now, not after the burst, when the admin API is off or absent
  if (options.lostAnswersPct > 0) {
    // The vendor stores the lead and answers after the Worker stopped waiting: the answer is lost.
    await vendor.sim.fault({
      tenant: vendor.tenant,
      endpoint: vendor.create,
      mode: 'hang',
      delayMs: vendor.timeoutMs + 500,
      rate: options.lostAnswersPct / 100,
    });
  }

  const startedAt = new Date();
  const stopCron = startLocalCron(started, say);
  const { burst, drain } = await (async () => {
    const lost = options.lostAnswersPct > 0 ? `, ${options.lostAnswersPct} % of creates answered after the timeout` : '';
    say(`sending ${options.count} submissions to ${vendor.form} over ${options.seconds} s${lost}`);
    const burst = await sendBurst(url, vendor, options);
    say(`all answered; waiting for the queue to drain (at most ${options.drainTimeoutSeconds} s)`);
    return { burst, drain: await waitForDrain(url, vendor.form, token, options.drainTimeoutSeconds * 1000) };
  })().finally(stopCron);

  // A create answered late lands after its delay: let the last of them land before counting.
  if (options.lostAnswersPct > 0) await sleep(vendor.timeoutMs + 1000);
  const report = buildReport({
    startedAt,
    formId: vendor.form,
    options,
    machine: machineInfo(),
    submissions: burst.submissions,
    maxSendLagMs: burst.maxLagMs,
    vendorLeads: await vendor.storedLeads(),
    vendorRequests: await vendor.sim.requests(vendor.tenant),
    finalCounts: drain.counts,
    timing: { firstSentAt: burst.firstSentAt, lastSentAt: burst.lastSentAt, drainedAt: drain.drainedAt },
  });
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, reportFileName(startedAt));
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n${formatReport(report, relative(root, file))}`);
  return report.passed ? 0 : 1;
}

async function postLead(workerUrl: string, vendor: FaultVendor, email: string, idempotencyKey: string): Promise<PostAnswer> {
  const started = performance.now();
  try {
    const response = await postFormLead(workerUrl, vendor.form, vendor.lead(email), idempotencyKey, AbortSignal.timeout(POST_TIMEOUT_MS));
    const text = await response.text();
    return readPostAnswer(response.status, text, performance.now() - started);
  } catch (error) {
    const kind = error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'network';
    return { kind, latencyMs: performance.now() - started };
  }
}

async function sendBurst(workerUrl: string, vendor: FaultVendor, options: BenchOptions) {
  const runId = Date.now().toString(36);
  const emails = Array.from({ length: options.count }, (_, index) => `bench.${runId}.${index}@example.com`);
  const answers: PostAnswer[] = emails.map(() => ({ kind: 'not-sent' }));
  let answered = 0;
  let sent = 0;
  const progress = setInterval(() => say(`sent ${sent}/${options.count}, answered ${answered}, ${sent - answered} in flight`), PROGRESS_EVERY_MS);
  try {
    const schedule = await fireOnSchedule({
      offsets: sendSchedule(options.count, options.seconds),
      maxInFlight: options.maxInFlight,
      send: async (index) => {
        sent += 1;
        answers[index] = await postLead(workerUrl, vendor, emails[index] ?? '', `bench-${runId}-${index}`);
        answered += 1;
      },
    });
    const submissions: BenchSubmission[] = emails.map((email, index) => ({ email, answer: answers[index] ?? { kind: 'not-sent' } }));
    return { ...schedule, submissions };
  } finally {
    clearInterval(progress);
  }
}

async function readStats(workerUrl: string, formId: string, token: string): Promise<DeliveryStats> {
  const url = `${workerUrl}/v1/admin/forms/${formId}/stats`;
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(POST_TIMEOUT_MS) });
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  const stats = v.safeParse(DeliveryStatsSchema, JSON.parse(text));
  if (!stats.success) throw new Error(`GET ${url} answered an unexpected body: ${v.summarize(stats.issues)}`);
  return stats.output;
}

/** Polls the stats until nothing is pending or queued; drainedAt is null on timeout. */
async function waitForDrain(workerUrl: string, formId: string, token: string, timeoutMs: number) {
  const deadline = performance.now() + timeoutMs;
  let counts: DeliveryStats['counts'] | null = null;
  let lastProgress = performance.now();
  let problem = '';
  for (;;) {
    try {
      counts = (await readStats(workerUrl, formId, token)).counts;
      problem = '';
      if ((counts.pending ?? 0) + (counts.queued ?? 0) === 0) return { drainedAt: performance.now(), counts };
    } catch (error) {
      // A busy Worker may miss a poll; the deadline still bounds the wait.
      problem = `, last poll failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (performance.now() >= deadline) return { drainedAt: null, counts };
    if (performance.now() - lastProgress >= PROGRESS_EVERY_MS) {
      say(`waiting: ${counts?.queued ?? '?'} queued, ${counts?.pending ?? '?'} pending, ${counts?.failed ?? '?'} failed${problem}`);
      lastProgress = performance.now();
    }
    await sleep(500);
  }
}
