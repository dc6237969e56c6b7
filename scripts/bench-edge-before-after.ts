// `npx tsx scripts/bench-edge-before-after.ts <before.json> <after.json> [<before-profiled.json> <after-profiled.json>]`:
// two `npm run bench -- --only edge` reports, run back to back in one session (the first on the old commit, the
// second on the new one), as one results file with the Worker's CPU per lead and the throughput ratio side by side.
// The optional second pair, run with `--worker-profile`, adds the CPU sampled inside the Worker's isolate; a report
// of the first pair that was itself profiled gives it too. See BENCHMARKS.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { CpuPerRequest, EdgeRun, WorkerProfilePerRequest } from './bench-edge-overhead';
import type { EdgeOverheadReport, PerfReport } from './bench-report';
import { median as middleOf, round } from './bench-stats';

// The middle value; the mean of two middle values to 2 decimals (a single middle value stays as measured).
const median = (values: readonly number[]): number | null => (values.length % 2 === 1 ? middleOf(values) : round(middleOf(values), 2));

/** `a / b` to 2 decimals, or null when either is missing (or b is 0). */
const ratio = (a: number | null | undefined, b: number | null | undefined): number | null => (a != null && b ? round(a / b, 2) : null);

/** The report's edge overhead; it must have one. */
function edgeOf(report: PerfReport): Extract<EdgeOverheadReport, { byConcurrency: unknown }> {
  const edge = report.edgeOverhead as EdgeOverheadReport | undefined;
  if (!edge || !('byConcurrency' in edge)) throw new Error(`${report.startedAt}: no edge overhead measured`);
  return edge;
}

/** Median CPU ms per request, by process, over the runs of one route at one concurrency. */
function cpuOf(runs: readonly EdgeRun[]): Record<keyof CpuPerRequest | 'total', number | null> {
  const cpu = runs.flatMap((run) => (run.cpuMsPerRequest ? [run.cpuMsPerRequest] : []));
  const of = (pick: (c: CpuPerRequest) => number) => median(cpu.map(pick));
  return {
    worker: of((c) => c.worker),
    devProxy: of((c) => c.devProxy),
    wrangler: of((c) => c.wrangler),
    benchProcess: of((c) => c.benchProcess),
    total: of((c) => c.worker + c.devProxy + c.wrangler + c.benchProcess),
  };
}

/** Medians of the in-isolate profile over the runs of one route at one concurrency, with the modules that weigh most. */
function isolateOf(runs: readonly EdgeRun[]) {
  const profiles = runs.flatMap((run) => (run.workerProfile ? [run.workerProfile] : []));
  if (profiles.length === 0) return null;
  const of = (pick: (p: WorkerProfilePerRequest) => number) => median(profiles.map(pick));
  const modules = new Map<string, number[]>();
  for (const p of profiles) for (const { module, selfMs } of p.byModule) modules.set(module, [...(modules.get(module) ?? []), selfMs]);
  const inclusive = new Map<string, number[]>();
  for (const p of profiles) for (const { module, ms } of p.inclusiveByModule ?? []) inclusive.set(module, [...(inclusive.get(module) ?? []), ms]);
  const medians = (byKey: Map<string, number[]>) =>
    [...byKey]
      .map(([module, values]) => ({ module, ms: median([...values, ...Array(profiles.length - values.length).fill(0)]) ?? 0 }))
      .sort((a, b) => b.ms - a.ms);
  return {
    isolateMs: of((p) => p.isolateMs),
    gcMs: of((p) => p.gcMs),
    programMs: of((p) => p.programMs),
    isolateSamplesPerRequest: of((p) => p.isolateSamplesPerRequest),
    selfByModule: medians(modules).slice(0, 15),
    inclusiveByModule: medians(inclusive).slice(0, 15),
  };
}

function summary(report: PerfReport, profiledReport?: PerfReport) {
  const edge = edgeOf(report);
  return {
    commit: report.revision?.commit ?? null,
    dirty: report.revision?.dirty ?? null,
    startedAt: report.startedAt,
    byConcurrency: edge.byConcurrency.map((at) => {
      const runs = edge.runs.filter((run) => run.concurrency === at.concurrency);
      const real = cpuOf(runs.filter((run) => run.route === 'real'));
      const passthrough = cpuOf(runs.filter((run) => run.route === 'passthrough'));
      const profileRuns = (profiledReport ? edgeOf(profiledReport) : edge).runs.filter((run) => run.concurrency === at.concurrency);
      const isolate = {
        real: isolateOf(profileRuns.filter((run) => run.route === 'real')),
        passthrough: isolateOf(profileRuns.filter((run) => run.route === 'passthrough')),
      };
      return {
        concurrency: at.concurrency,
        throughputRatio: at.throughputRatio,
        roundRatios: at.roundRatios,
        requestsPerSecond: { real: at.routes.real.requestsPerSecond, passthrough: at.routes.passthrough.requestsPerSecond },
        p50Ms: { real: at.routes.real.p50Ms, passthrough: at.routes.passthrough.p50Ms },
        cpuMsPerRequest: { real, passthrough },
        workerCpuVsPassthrough: ratio(real.worker, passthrough.worker),
        isolate,
        isolateCpuVsPassthrough: ratio(isolate.real?.isolateMs, isolate.passthrough?.isolateMs),
        // By sample count (x the 1 ms interval): the estimate that holds under workerd, see ProfileSummary['samples'].
        isolateSamplesVsPassthrough: ratio(isolate.real?.isolateSamplesPerRequest, isolate.passthrough?.isolateSamplesPerRequest),
        ...(profiledReport ? { isolateFrom: profiledReport.startedAt } : {}),
      };
    }),
  };
}

const [beforeFile, afterFile, beforeProfiledFile, afterProfiledFile] = process.argv.slice(2);
if (!beforeFile || !afterFile) {
  console.error('usage: tsx scripts/bench-edge-before-after.ts <before.json> <after.json> [<before-profiled.json> <after-profiled.json>]');
  process.exit(2);
}
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as PerfReport;
const before = read(beforeFile);
const after = read(afterFile);
const beforeProfiled = beforeProfiledFile ? read(beforeProfiledFile) : undefined;
const afterProfiled = afterProfiledFile ? read(afterProfiledFile) : undefined;
const combined = {
  benchmark: 'edge-before-after',
  files: {
    before: basename(beforeFile),
    after: basename(afterFile),
    ...(beforeProfiledFile && afterProfiledFile ? { beforeProfiled: basename(beforeProfiledFile), afterProfiled: basename(afterProfiledFile) } : {}),
  },
  machine: after.machine,
  options: after.options,
  before: summary(before, beforeProfiled),
  after: summary(after, afterProfiled),
};
const out = join(dirname(afterFile), `edge-before-after-${basename(afterFile).replace(/^perf-/, '')}`);
writeFileSync(out, `${JSON.stringify(combined, null, 2)}\n`);
console.log(JSON.stringify({ before: combined.before.byConcurrency, after: combined.after.byConcurrency }, null, 2));
console.log(`\nwritten: ${out}`);
