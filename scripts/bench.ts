// `npm run bench`: the widget's critical path, the Worker's overhead on a lead and
// its config cache, each against a fresh local stack. See bench-options.ts.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import { COMMON_FORM_ENTRIES } from '../edge/config/common-form-config';
import { PORTS } from '../tests/stack/ports';
import { simulatorClient } from '../tests/stack/simulator-client';
import { CONFIG_TARGETS, runConfigCache } from './bench-config-cache';
import { runCriticalPath } from './bench-critical-path';
import { EDGE_FORM_ID, runEdgeOverhead } from './bench-edge-overhead';
import { machineInfo } from './bench-machine';
import { PERF_BENCH_USAGE, type PerfBenchOptions, parsePerfBenchOptions } from './bench-options';
import { buildPerfReport, formatPerfReport, type Measured, perfReportFileName, type Revision } from './bench-report';
import { BENCH_FORMS_FILES, benchStack } from './bench-stack';
import { connectWorkerProfiler } from './bench-worker-profile';
import { readDevVars } from './dev-vars';

/** The form the critical path loads: the demo's, as a gym would embed it. */
const CRITICAL_FORM_ID = 'demo-perfectgym';
const root = fileURLToPath(new URL('..', import.meta.url));
const resultsDir = join(root, 'bench', 'results');

const say = (message: string) => console.log(`[bench] ${message}`);
const stack = benchStack(say);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    say(`${signal}: stopping the Worker and the simulators`);
    void stack.stop().finally(() => process.exit(130));
  });
}

process.exitCode = await main(process.argv.slice(2));
await stack.stop().catch((error: unknown) => console.error(`bench: stopping the stack failed: ${String(error)}`));
// Keep-alive sockets to the stopped Worker would otherwise hold the process a while.
process.exit();

async function main(argv: readonly string[]): Promise<number> {
  try {
    const options = parsePerfBenchOptions(argv);
    if (options === 'help') {
      console.log(PERF_BENCH_USAGE);
      return 0;
    }
    return await bench(options);
  } catch (error) {
    console.error(`bench: ${messageOf(error)}`);
    const output = (await stack.workerOutput())?.trim();
    if (output) console.error(`\nThe Worker's last output:\n${output.split('\n').slice(-30).join('\n')}`);
    return 1;
  }
}

async function bench(options: PerfBenchOptions): Promise<number> {
  const run = (script: string) => execFileSync('npx', ['tsx', script], { cwd: root, stdio: 'inherit' });
  execFileSync('npx', ['tsx', 'scripts/check-forms.ts', ...BENCH_FORMS_FILES], { cwd: root, stdio: 'inherit' });
  run('scripts/build-widget.ts'); // the Worker serves it, and startWorker waits for /widget.js
  const secrets = readDevVars();
  // check-forms above ran the full check; the bench only needs each target form's rules cache TTL.
  const forms = new Map(
    BENCH_FORMS_FILES.flatMap((file) =>
      (JSON.parse(readFileSync(join(root, file), 'utf8')) as { forms: { id: string; cacheTtlSeconds?: unknown }[] }).forms.map((f) => [f.id, f] as const),
    ),
  );
  const ttlOf = (formId: string) => {
    const form = forms.get(formId);
    return form && v.parse(COMMON_FORM_ENTRIES.cacheTtlSeconds, form.cacheTtlSeconds);
  };
  const wants = (name: PerfBenchOptions['only'][number]) => options.only.includes(name);
  const profile = wants('edge') && options.workerProfile;

  const { worker, simulators } = await stack.start({
    secrets,
    // The load comes from one address, far past the abuse limits (10 a minute per client),
    // which are lifted as for the test suite: this measures the work, not the limits.
    vars: { RATE_LIMIT_PER_CLIENT: '1000000', RATE_LIMIT_PER_FORM: '1000000', BENCH_PASSTHROUGH: '1' },
    alsoFree: [
      ...(wants('critical') ? [{ port: PORTS.hostPages, what: 'bench host pages' }] : []),
      ...(profile ? [{ port: PORTS.workerInspector, what: "the Worker's inspector" }] : []),
    ],
    ...(profile ? { inspectorPort: PORTS.workerInspector } : {}),
    runtime: options.runtime,
  });
  const sim = simulatorClient(simulators.urls['perfectgym-next']);
  const startedAt = new Date();
  const outputBefore = worker.output().length;
  const measure = async <T>(name: string, work: () => Promise<T>): Promise<Measured<T>> => {
    say(`${name}: starting`);
    try {
      return { result: await work() };
    } catch (error) {
      say(`${name}: failed: ${messageOf(error)}`);
      return { error: messageOf(error) };
    }
  };

  const critical = wants('critical')
    ? await measure('critical path', async () => ({
        formId: CRITICAL_FORM_ID,
        loads: await runCriticalPath({ workerUrl: worker.url, formId: CRITICAL_FORM_ID, repeat: options.repeat, say }),
      }))
    : undefined;
  const edge = wants('edge')
    ? await measure('edge overhead', async () => {
        const profiler = profile ? await connectWorkerProfiler(PORTS.workerInspector) : undefined;
        try {
          return {
            formId: EDGE_FORM_ID,
            runs: await runEdgeOverhead({ ...options, workerUrl: worker.url, sim, secrets, say, ...(profiler ? { profiler } : {}) }),
          };
        } finally {
          profiler?.close();
        }
      })
    : undefined;
  const config = wants('config')
    ? await measure('config caching', async () => {
        const runs = [];
        for (const target of CONFIG_TARGETS) {
          const ttlSeconds = ttlOf(target.formId);
          if (ttlSeconds === undefined) throw new Error(`${BENCH_FORMS_FILES.join(' and ')} have no form ${target.formId}`);
          runs.push(
            await runConfigCache({
              ...target,
              workerUrl: worker.url,
              sim,
              requests: options.configRequests,
              concurrency: options.configConcurrency,
              ttlSeconds,
              say,
            }),
          );
        }
        return runs;
      })
    : undefined;

  // wrangler dev rebuilds the Worker when a file under it changes, as in a checkout others are editing.
  const workerReloads =
    worker
      .output()
      .slice(outputBefore)
      .match(/Reloading local server/g)?.length ?? 0;
  const report = buildPerfReport({
    startedAt,
    machine: machineInfo(),
    revision: revision(),
    options,
    workerUrl: worker.url,
    ...(critical ? { critical } : {}),
    ...(edge ? { edge } : {}),
    ...(config ? { config } : {}),
    workerReloads,
  });
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, perfReportFileName(startedAt));
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n${formatPerfReport(report, relative(root, file))}`);
  return report.broken.length === 0 ? 0 : 1;
}

/** The commit the measured code came from, so a later run can be compared with the right one. */
function revision(): Revision | null {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim();
    return {
      commit: git('rev-parse', 'HEAD'),
      dirty: git('status', '--porcelain', '--', 'widget', 'edge', 'shared', ...BENCH_FORMS_FILES, 'tests/worker', 'wrangler.toml') !== '',
    };
  } catch {
    return null; // not a git checkout
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
