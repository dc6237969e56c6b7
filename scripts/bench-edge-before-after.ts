// `npx tsx scripts/bench-edge-before-after.ts <before.json> <after.json>`: two `npm run bench -- --only edge`
// reports, run back to back in one session (the first on the old commit, the second on the new one), as one
// results file with the Worker's CPU per lead and the throughput ratio side by side. See BENCHMARKS.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { CpuPerRequest, EdgeRun } from './bench-edge-overhead';
import type { EdgeOverheadReport, PerfReport } from './bench-report';

const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : Math.round(((sorted[middle - 1]! + sorted[middle]!) / 2) * 100) / 100;
};

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

function summary(report: PerfReport) {
  const edge = report.edgeOverhead as EdgeOverheadReport | undefined;
  if (!edge || !('byConcurrency' in edge)) throw new Error(`${report.startedAt}: no edge overhead measured`);
  return {
    commit: report.revision?.commit ?? null,
    dirty: report.revision?.dirty ?? null,
    startedAt: report.startedAt,
    byConcurrency: edge.byConcurrency.map((at) => {
      const runs = edge.runs.filter((run) => run.concurrency === at.concurrency);
      const real = cpuOf(runs.filter((run) => run.route === 'real'));
      const passthrough = cpuOf(runs.filter((run) => run.route === 'passthrough'));
      return {
        concurrency: at.concurrency,
        throughputRatio: at.throughputRatio,
        roundRatios: at.roundRatios,
        requestsPerSecond: { real: at.routes.real.requestsPerSecond, passthrough: at.routes.passthrough.requestsPerSecond },
        p50Ms: { real: at.routes.real.p50Ms, passthrough: at.routes.passthrough.p50Ms },
        cpuMsPerRequest: { real, passthrough },
        workerCpuVsPassthrough: real.worker !== null && passthrough.worker ? Math.round((real.worker / passthrough.worker) * 100) / 100 : null,
      };
    }),
  };
}

const [beforeFile, afterFile] = process.argv.slice(2);
if (!beforeFile || !afterFile) {
  console.error('usage: tsx scripts/bench-edge-before-after.ts <before.json> <after.json>');
  process.exit(2);
}
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as PerfReport;
const before = read(beforeFile);
const after = read(afterFile);
const combined = {
  benchmark: 'edge-before-after',
  files: { before: basename(beforeFile), after: basename(afterFile) },
  machine: after.machine,
  options: after.options,
  before: summary(before),
  after: summary(after),
};
const out = join(dirname(afterFile), `edge-before-after-${basename(afterFile).replace(/^perf-/, '')}`);
writeFileSync(out, `${JSON.stringify(combined, null, 2)}\n`);
console.log(JSON.stringify({ before: combined.before.byConcurrency, after: combined.after.byConcurrency }, null, 2));
console.log(`\nwritten: ${out}`);
