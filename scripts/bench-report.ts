import type { ConfigCacheRun } from './bench-config-cache';
import { type CriticalPathLoad, EMBED_MODES, type EmbedMode, loaderUrl, THROTTLE } from './bench-critical-path';
import type { MachineInfo } from './bench-delivery-report';
import { type CpuPerRequest, EDGE_ROUTES, type EdgeRoute, type EdgeRun } from './bench-edge-overhead';
import type { PerfBenchOptions } from './bench-options';
import { countRoundTrips, countRoundTripsUntilVisible, type RoundTrips, requestLabel } from './bench-round-trips';
import { median, round } from './bench-stats';

/** The targets the issue sets. */
export const TARGETS = {
  /** Sequential round trips after the loader until the form is interactive. */
  roundTripsAfterLoader: 1,
  /** Issue 19: sequential round trips after the loader (the snippet, for the iframe) until the form is on screen. */
  roundTripsUntilVisible: 1,
  /** Issue 19: from the app chunk's arrival to `leadgate:ready`, at most. */
  appToReadyMs: 150,
  /** Issue 19: the host page's cumulative layout shift, at most (script embed in a data-target of given height). */
  layoutShift: { script: 0, iframe: 0.01 },
  /** The lead route's throughput as a share of the bare passthrough's. */
  throughputRatio: 0.8,
  /** Vendor config calls per cache TTL. */
  configCallsPerTtl: 1,
} as const;

/** A benchmark that could not measure: it threw, or what it measured failed. */
export interface BrokenBenchmark {
  readonly broken: string;
}

/** A benchmark's raw result, or the error that stopped it. */
export type Measured<T> = { readonly result: T } | { readonly error: string };

/** The commit the measured code came from; `dirty` when the widget, the Worker or their config had uncommitted changes. */
export interface Revision {
  readonly commit: string;
  readonly dirty: boolean;
}

export interface PerfReportInput {
  readonly startedAt: Date;
  readonly machine: MachineInfo;
  readonly revision: Revision | null;
  readonly options: PerfBenchOptions;
  readonly workerUrl: string;
  readonly critical?: Measured<{ readonly formId: string; readonly loads: readonly CriticalPathLoad[] }>;
  readonly edge?: Measured<{ readonly formId: string; readonly runs: readonly EdgeRun[] }>;
  readonly config?: Measured<readonly ConfigCacheRun[]>;
  /** Times `wrangler dev` rebuilt and reloaded the Worker while the benchmarks ran: a file under it changed. */
  readonly workerReloads: number;
}

/** Median, fastest and slowest of a measure over the loads that had it. */
export interface Spread {
  readonly median: number | null;
  readonly min: number | null;
  readonly max: number | null;
}

export interface CriticalModeReport {
  readonly loads: number;
  /** Issue 19: from the loader having arrived to the form on screen (the probe's first animation frame with it); `seenIn` loads had it. */
  readonly loaderToVisibleMs: Spread & { readonly seenIn: number };
  /** Issue 19: from the app chunk's `responseEnd` to `leadgate:ready`; met when the median is within the target. */
  readonly appToReadyMs: Spread & { readonly target: number; readonly met: boolean };
  /** Issue 19: round trips after the loader until visible (`countRoundTripsUntilVisible`), and its requests as most loads had them. */
  readonly roundTripsUntilVisible: {
    readonly median: number | null;
    readonly perLoad: readonly number[];
    readonly target: number;
    readonly met: boolean;
    readonly steps: { readonly labels: readonly (readonly string[])[]; readonly seenIn: number };
  };
  /** Issue 19: bytes on the wire (headers included) of the loader and the requests until visible, per load. */
  readonly bytesUntilVisible: { readonly median: number | null; readonly perLoad: readonly number[] };
  /** Issue 19: the host page's layout shift per load (sum of its entries); met when every load is within the target. */
  readonly layoutShift: Spread & {
    readonly perLoad: readonly number[];
    readonly target: number;
    readonly met: boolean;
    /** The worst load's entries with what moved. */
    readonly worst: CriticalPathLoad['layoutShifts'];
  };
  /** From the loader having arrived (it can run) to `leadgate:ready`. */
  readonly loaderToReadyMs: { readonly median: number | null; readonly min: number | null; readonly max: number | null };
  /** From the page's navigation start to `leadgate:ready`. */
  readonly navigationToReadyMs: { readonly median: number | null };
  readonly roundTrips: { readonly median: number | null; readonly perLoad: readonly number[]; readonly target: number; readonly met: boolean };
  /** The requests per step after the loader, as most loads had them. */
  readonly steps: { readonly labels: readonly (readonly string[])[]; readonly seenIn: number };
  /** Script bytes on the wire (compressed as served, headers included) per load. */
  readonly scriptBytes: {
    readonly median: number | null;
    readonly perLoad: readonly number[];
    readonly files: readonly { readonly label: string; readonly bytes: number; readonly encoding: string | null }[];
  };
  readonly problems: readonly string[];
}

export interface CriticalPathReport {
  readonly formId: string;
  readonly network: { readonly roundTripMs: number; readonly downloadMbps: number; readonly uploadMbps: number; readonly cache: 'disabled' };
  readonly modes: Readonly<Record<EmbedMode, CriticalModeReport>>;
  /** Every load's timeline, to count again. */
  readonly loads: readonly CriticalPathLoad[];
}

export interface RouteSummary {
  /** Medians over the rounds. */
  readonly requestsPerSecond: number | null;
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  /** Totals over the rounds. */
  readonly completed: number;
  readonly errors: number;
  /** Medians over the rounds of each run's CPU ms per request; null where /proc could not be read. */
  readonly cpuMsPerRequest: { readonly [Process in keyof CpuPerRequest]: number | null } | null;
}

export interface EdgeConcurrencyReport {
  readonly concurrency: number;
  readonly routes: Readonly<Record<EdgeRoute, RouteSummary>>;
  /** Median real-route req/s over median passthrough req/s. */
  readonly throughputRatio: number | null;
  /** Per round, the same ratio, to show its spread. */
  readonly roundRatios: readonly (number | null)[];
  readonly addedP50Ms: number | null;
  readonly addedP99Ms: number | null;
  readonly met: boolean;
}

export interface EdgeOverheadReport {
  readonly formId: string;
  readonly vendorDelayMs: number;
  readonly byConcurrency: readonly EdgeConcurrencyReport[];
  readonly runs: readonly EdgeRun[];
}

export interface ConfigCachingReport extends ConfigCacheRun {
  readonly requestsPerSecond: number;
  /** Windows of one TTL the run touched (at least one). */
  readonly ttlWindows: number;
  readonly callsPerTtlWindow: number;
  readonly failed: number;
  readonly met: boolean;
}

/** The JSON written to bench/results/ and summarised on the terminal. */
export interface PerfReport {
  readonly benchmark: 'perf';
  readonly startedAt: string;
  readonly machine: MachineInfo;
  readonly revision: Revision | null;
  readonly options: PerfBenchOptions;
  readonly criticalPath?: CriticalPathReport | BrokenBenchmark;
  readonly edgeOverhead?: EdgeOverheadReport | BrokenBenchmark;
  readonly configCaching?: readonly ConfigCachingReport[] | BrokenBenchmark;
  readonly workerReloads: number;
  /** Why the run failed; empty when every benchmark measured. */
  readonly broken: readonly string[];
}

const isBroken = <T extends object>(value: T | BrokenBenchmark | undefined): value is BrokenBenchmark =>
  value !== undefined && !Array.isArray(value) && 'broken' in value;

const spread = (values: readonly number[], digits = 0): Spread => ({
  median: round(median(values), digits),
  min: round(values.length ? Math.min(...values) : null, digits),
  max: round(values.length ? Math.max(...values) : null, digits),
});

/** The steps as most loads had them, by request label; how many loads had them. */
function commonSteps(trips: readonly RoundTrips[], workerOrigin: string): { labels: string[][]; seenIn: number } {
  const counts = new Map<string, number>();
  for (const trip of trips) {
    const signature = JSON.stringify(trip.steps.map((step) => step.map((request) => requestLabel(request, workerOrigin)).sort()));
    counts.set(signature, (counts.get(signature) ?? 0) + 1);
  }
  const [common, seenIn] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['[]', 0];
  return { labels: JSON.parse(common) as string[][], seenIn };
}

function criticalMode(mode: EmbedMode, loads: readonly CriticalPathLoad[], workerOrigin: string): CriticalModeReport {
  const visible = loads.flatMap((load) => (load.visibleMs === null ? [] : [{ load, visibleMs: load.visibleMs }]));
  const untilVisible = visible.map(({ load, visibleMs }) => countRoundTripsUntilVisible(load.loaderEndMs, load.requests, visibleMs));
  const visibleDepth = median(untilVisible.map((trips) => trips.depth));
  const appToReady = spread(loads.flatMap((load) => (load.appEndMs === null ? [] : [load.readyMs - load.appEndMs])));
  const shifts = loads.map((load) => load.layoutShifts.reduce((sum, shift) => sum + shift.value, 0));
  const worstShift = Math.max(-1, ...shifts);
  const shiftTarget = TARGETS.layoutShift[mode];
  const bytesOf = (load: CriticalPathLoad, url: string) => load.transfers.find((transfer) => transfer.url === url)?.bytes ?? 0;
  const untilVisibleBytes = visible.map(
    ({ load }, index) =>
      bytesOf(load, loaderUrl(workerOrigin)) + untilVisible[index]!.steps.flat().reduce((sum, request) => sum + bytesOf(load, request.url), 0),
  );
  const issue19 = {
    bytesUntilVisible: { median: round(median(untilVisibleBytes)), perLoad: untilVisibleBytes },
    loaderToVisibleMs: { ...spread(visible.map(({ load, visibleMs }) => visibleMs - load.loaderEndMs)), seenIn: visible.length },
    appToReadyMs: { ...appToReady, target: TARGETS.appToReadyMs, met: appToReady.median !== null && appToReady.median <= TARGETS.appToReadyMs },
    roundTripsUntilVisible: {
      median: visibleDepth,
      perLoad: untilVisible.map((trips) => trips.depth),
      target: TARGETS.roundTripsUntilVisible,
      met: visibleDepth !== null && visible.length === loads.length && visibleDepth <= TARGETS.roundTripsUntilVisible,
      steps: commonSteps(untilVisible, workerOrigin),
    },
    layoutShift: {
      ...spread(shifts, 4),
      perLoad: shifts.map((value) => round(value, 4) ?? 0),
      target: shiftTarget,
      met: shifts.length > 0 && worstShift <= shiftTarget,
      worst: loads[shifts.indexOf(worstShift)]?.layoutShifts ?? [],
    },
  };
  const perLoad = loads.map((load) => {
    // The loader itself started before it arrived, so it is not on the path it starts.
    const trips = countRoundTrips(load.loaderEndMs, load.requests, load.readyMs);
    return {
      load,
      trips,
      signature: JSON.stringify(trips.steps.map((step) => step.map((request) => requestLabel(request, workerOrigin)).sort())),
      scriptBytes: load.scripts.reduce((sum, script) => sum + script.bytes, 0),
    };
  });
  const counts = new Map<string, number>();
  for (const { signature } of perLoad) counts.set(signature, (counts.get(signature) ?? 0) + 1);
  const [common, seenIn] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['[]', 0];
  const typical = perLoad.find((entry) => entry.signature === common);
  const toReady = loads.map((load) => load.readyMs - load.loaderEndMs);
  const depths = perLoad.map((entry) => entry.trips.depth);
  const medianDepth = median(depths);
  return {
    loads: loads.length,
    ...issue19,
    loaderToReadyMs: {
      median: round(median(toReady)),
      min: round(toReady.length ? Math.min(...toReady) : null),
      max: round(toReady.length ? Math.max(...toReady) : null),
    },
    navigationToReadyMs: { median: round(median(loads.map((load) => load.readyMs))) },
    roundTrips: {
      median: medianDepth,
      perLoad: depths,
      target: TARGETS.roundTripsAfterLoader,
      met: medianDepth !== null && medianDepth <= TARGETS.roundTripsAfterLoader,
    },
    steps: { labels: JSON.parse(common) as string[][], seenIn },
    scriptBytes: {
      median: round(median(perLoad.map((entry) => entry.scriptBytes))),
      perLoad: perLoad.map((entry) => entry.scriptBytes),
      files: (typical?.load.scripts ?? []).map((script) => ({
        label: requestLabel({ url: script.url, startMs: 0, endMs: 0, from: 'page' }, workerOrigin),
        bytes: script.bytes,
        encoding: script.encoding,
      })),
    },
    problems: [...new Set(loads.flatMap((load) => load.problems))],
  };
}

function criticalPathReport(formId: string, loads: readonly CriticalPathLoad[], workerOrigin: string): CriticalPathReport {
  const modes = Object.fromEntries(
    EMBED_MODES.map((mode) => [
      mode,
      criticalMode(
        mode,
        loads.filter((load) => load.mode === mode),
        workerOrigin,
      ),
    ]),
  ) as Record<EmbedMode, CriticalModeReport>;
  return {
    formId,
    network: {
      roundTripMs: THROTTLE.latency,
      downloadMbps: (THROTTLE.downloadThroughput * 8) / 1e6,
      uploadMbps: (THROTTLE.uploadThroughput * 8) / 1e6,
      cache: 'disabled',
    },
    modes,
    loads,
  };
}

function routeSummary(runs: readonly EdgeRun[]): RouteSummary {
  const cpu = runs.flatMap((run) => (run.cpuMsPerRequest ? [run.cpuMsPerRequest] : []));
  const cpuMedian = (key: keyof CpuPerRequest) => round(median(cpu.map((entry) => entry[key])), 2);
  return {
    requestsPerSecond: round(median(runs.map((run) => run.requestsPerSecond)), 1),
    p50Ms: round(median(runs.flatMap((run) => (run.latencyMs.p50 === null ? [] : [run.latencyMs.p50]))), 1),
    p99Ms: round(median(runs.flatMap((run) => (run.latencyMs.p99 === null ? [] : [run.latencyMs.p99]))), 1),
    completed: runs.reduce((sum, run) => sum + run.completed, 0),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    cpuMsPerRequest:
      cpu.length === 0
        ? null
        : { worker: cpuMedian('worker'), devProxy: cpuMedian('devProxy'), wrangler: cpuMedian('wrangler'), benchProcess: cpuMedian('benchProcess') },
  };
}

const ratioOf = (real: number | null | undefined, passthrough: number | null | undefined) =>
  real == null || passthrough == null || passthrough === 0 ? null : round(real / passthrough, 3);
const differenceOf = (real: number | null, passthrough: number | null) => (real === null || passthrough === null ? null : round(real - passthrough, 1));

function edgeOverheadReport(formId: string, vendorDelayMs: number, runs: readonly EdgeRun[]): EdgeOverheadReport {
  const concurrencies = [...new Set(runs.map((run) => run.concurrency))];
  const byConcurrency = concurrencies.map((concurrency): EdgeConcurrencyReport => {
    const at = runs.filter((run) => run.concurrency === concurrency);
    const routes = Object.fromEntries(EDGE_ROUTES.map((route) => [route, routeSummary(at.filter((run) => run.route === route))])) as Record<
      EdgeRoute,
      RouteSummary
    >;
    const rounds = [...new Set(at.map((run) => run.round))];
    const throughputRatio = ratioOf(routes.real.requestsPerSecond, routes.passthrough.requestsPerSecond);
    return {
      concurrency,
      routes,
      throughputRatio,
      roundRatios: rounds.map((r) =>
        ratioOf(
          at.find((run) => run.round === r && run.route === 'real')?.requestsPerSecond,
          at.find((run) => run.round === r && run.route === 'passthrough')?.requestsPerSecond,
        ),
      ),
      addedP50Ms: differenceOf(routes.real.p50Ms, routes.passthrough.p50Ms),
      addedP99Ms: differenceOf(routes.real.p99Ms, routes.passthrough.p99Ms),
      met: throughputRatio !== null && throughputRatio >= TARGETS.throughputRatio,
    };
  });
  return { formId, vendorDelayMs, byConcurrency, runs };
}

function configCachingReport(run: ConfigCacheRun): ConfigCachingReport {
  const ttlWindows = Math.max(1, Math.ceil(run.elapsedMs / (run.ttlSeconds * 1000)));
  const failed = Object.entries(run.answers).reduce((sum, [answer, count]) => sum + (answer === '200' ? 0 : count), 0);
  return {
    ...run,
    requestsPerSecond: round((run.requests * 1000) / run.elapsedMs, 1) ?? 0,
    ttlWindows,
    callsPerTtlWindow: round(run.vendorConfigCalls / ttlWindows, 2) ?? 0,
    failed,
    met: run.vendorConfigCalls <= ttlWindows * TARGETS.configCallsPerTtl,
  };
}

/** The report of one run, with each benchmark's medians, ratios and targets; `broken` says why the run failed. */
export function buildPerfReport(input: PerfReportInput): PerfReport {
  const workerOrigin = new URL(input.workerUrl).origin;
  const broken: string[] = [];
  const section = <T, R>(
    name: string,
    measured: Measured<T> | undefined,
    build: (result: T) => R,
    problems: (report: R) => string[],
  ): R | BrokenBenchmark | undefined => {
    if (measured === undefined) return undefined;
    if ('error' in measured) {
      broken.push(`${name}: ${measured.error}`);
      return { broken: measured.error };
    }
    const report = build(measured.result);
    broken.push(...problems(report).map((problem) => `${name}: ${problem}`));
    return report;
  };
  const criticalPath = section(
    'critical path',
    input.critical,
    ({ formId, loads }) => criticalPathReport(formId, loads, workerOrigin),
    (report) =>
      EMBED_MODES.flatMap((mode) => [
        ...(report.modes[mode].loads === 0 ? [`no ${mode} loads`] : []),
        ...report.modes[mode].problems.map((problem) => `${mode} embed: ${problem}`),
      ]),
  );
  const edgeOverhead = section(
    'edge overhead',
    input.edge,
    ({ formId, runs }) => edgeOverheadReport(formId, input.options.vendorDelayMs, runs),
    (report) =>
      report.byConcurrency.flatMap(({ concurrency, routes }) =>
        EDGE_ROUTES.flatMap((route) => [
          ...(routes[route].errors > 0 ? [`${routes[route].errors} failed ${route} requests at ${concurrency} in flight`] : []),
          ...(routes[route].completed === 0 ? [`no ${route} request completed at ${concurrency} in flight`] : []),
        ]),
      ),
  );
  const configCaching = section(
    'config caching',
    input.config,
    (runs) => runs.map(configCachingReport),
    (reports) =>
      reports.flatMap((report) => (report.failed > 0 ? [`${report.formId}: ${report.failed} of ${report.requests} spec requests did not answer 200`] : [])),
  );
  if (input.workerReloads > 0) {
    broken.push(`wrangler dev reloaded the Worker ${input.workerReloads} time(s) during the run, as files under it changed: the numbers mix two builds`);
  }
  return {
    benchmark: 'perf',
    startedAt: input.startedAt.toISOString(),
    machine: input.machine,
    revision: input.revision,
    options: input.options,
    ...(criticalPath ? { criticalPath } : {}),
    ...(edgeOverhead ? { edgeOverhead } : {}),
    ...(configCaching ? { configCaching } : {}),
    workerReloads: input.workerReloads,
    broken,
  };
}

const ms = (value: number | null) => (value === null ? '-' : `${value.toLocaleString('en-US')} ms`);
const kb = (bytes: number | null) => (bytes === null ? '-' : `${(bytes / 1024).toFixed(1)} KB`);
const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
const metOrMissed = (met: boolean) => (met ? 'met' : 'MISSED');
const number = (value: number | null, digits = 1) => (value === null ? '-' : value.toFixed(digits));

/** Rows of cells, each column padded to its widest cell. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function formatCritical(report: CriticalPathReport): string[] {
  const { network, modes } = report;
  const cells = (read: (mode: CriticalModeReport) => string) => EMBED_MODES.map((mode) => read(modes[mode]));
  return [
    `Critical path: ${report.formId}, ${modes.script.loads} first visits per embed mode; ${network.roundTripMs} ms round trip, ${network.downloadMbps} Mbps down, cache off`,
    table([
      ['', ...EMBED_MODES],
      ['loader arrived → form visible (median)', ...cells((m) => `${ms(m.loaderToVisibleMs.median)} (seen in ${m.loaderToVisibleMs.seenIn})`)],
      ['  fastest – slowest', ...cells((m) => `${m.loaderToVisibleMs.min?.toLocaleString('en-US') ?? '-'} – ${ms(m.loaderToVisibleMs.max)}`)],
      [
        `round trips until visible (target ${TARGETS.roundTripsUntilVisible})`,
        ...cells((m) => `${m.roundTripsUntilVisible.median ?? '-'}: ${metOrMissed(m.roundTripsUntilVisible.met)}`),
      ],
      ['bytes of the loader and the requests until visible (median)', ...cells((m) => kb(m.bytesUntilVisible.median))],
      ['loader arrived → ready (median)', ...cells((m) => ms(m.loaderToReadyMs.median))],
      ['  fastest – slowest', ...cells((m) => `${m.loaderToReadyMs.min?.toLocaleString('en-US') ?? '-'} – ${ms(m.loaderToReadyMs.max)}`)],
      ['navigation → ready (median)', ...cells((m) => ms(m.navigationToReadyMs.median))],
      [
        `app chunk arrived → ready (median, target ≤ ${TARGETS.appToReadyMs} ms)`,
        ...cells((m) => `${ms(m.appToReadyMs.median)} (${m.appToReadyMs.min ?? '-'} – ${m.appToReadyMs.max ?? '-'}): ${metOrMissed(m.appToReadyMs.met)}`),
      ],
      [
        `layout shift, worst load (target ${EMBED_MODES.map((mode) => `${mode} ${TARGETS.layoutShift[mode]}`).join(', ')})`,
        ...cells((m) => `${number(m.layoutShift.max, 4)} (median ${number(m.layoutShift.median, 4)}): ${metOrMissed(m.layoutShift.met)}`),
      ],
      [
        `round trips after the loader (target ${TARGETS.roundTripsAfterLoader})`,
        ...cells((m) => `${m.roundTrips.median ?? '-'}: ${metOrMissed(m.roundTrips.met)}`),
      ],
      ['JS transferred (median)', ...cells((m) => kb(m.scriptBytes.median))],
    ]),
    ...EMBED_MODES.flatMap((mode) => [
      `${mode} embed, requests per round trip after the loader until visible (as in ${modes[mode].roundTripsUntilVisible.steps.seenIn} of ${modes[mode].loads} loads):`,
      ...modes[mode].roundTripsUntilVisible.steps.labels.map((step, index) => `  ${index + 1}. ${step.join(', ')}`),
      ...modes[mode].layoutShift.worst.map(
        (shift) =>
          `  layout shift ${shift.value.toFixed(4)} at ${Math.round(shift.startMs)} ms: ${shift.sources.map((source) => `${source.node} (${source.before} → ${source.after})`).join('; ')}`,
      ),
      `${mode} embed, requests per round trip after the loader until ready (as in ${modes[mode].steps.seenIn} of ${modes[mode].loads} loads):`,
      ...modes[mode].steps.labels.map((step, index) => `  ${index + 1}. ${step.join(', ')}`),
      `  JS: ${modes[mode].scriptBytes.files.map((file) => `${file.label} ${kb(file.bytes)}${file.encoding ? ` ${file.encoding}` : ''}`).join(', ')}`,
    ]),
  ];
}

function formatEdge(report: EdgeOverheadReport, options: PerfBenchOptions): string[] {
  // Older reports have no runtime: they all ran under wrangler dev.
  const hostNode = options.runtime === 'miniflare' ? 'Miniflare host' : 'wrangler';
  const rows: string[][] = [['in flight', 'route', 'req/s', 'p50', 'p99', 'errors', `CPU ms/request: Worker, dev proxy, ${hostNode}, bench`]];
  for (const entry of report.byConcurrency) {
    for (const route of EDGE_ROUTES) {
      const summary = entry.routes[route];
      const cpu = summary.cpuMsPerRequest;
      rows.push([
        String(entry.concurrency),
        route,
        number(summary.requestsPerSecond),
        ms(summary.p50Ms),
        ms(summary.p99Ms),
        String(summary.errors),
        cpu ? [cpu.worker, cpu.devProxy, cpu.wrangler, cpu.benchProcess].map((value) => number(value)).join(', ') : '-',
      ]);
    }
  }
  return [
    `Edge overhead (${options.runtime === 'miniflare' ? 'Miniflare, no wrangler dev proxy' : 'wrangler dev'}): POST /v1/forms/${report.formId}/leads beside a bare passthrough; the vendor answers each call after ${report.vendorDelayMs} ms; ` +
      `${options.rounds} round(s) of ${options.seconds} s per run (after ${options.warmupSeconds} s warm-up), medians`,
    table(rows),
    ...report.byConcurrency.map(
      (entry) =>
        `${entry.concurrency} in flight: throughput ratio ${number(entry.throughputRatio, 2)} (rounds ${entry.roundRatios.map((r) => number(r, 2)).join(', ')}; ` +
        `target ≥ ${TARGETS.throughputRatio}: ${metOrMissed(entry.met)}), added p50 ${ms(entry.addedP50Ms)}, p99 ${ms(entry.addedP99Ms)}`,
    ),
  ];
}

function formatConfig(reports: readonly ConfigCachingReport[]): string[] {
  const requests = reports[0]?.requests.toLocaleString('en-US') ?? '0';
  return [
    `Config caching: ${requests} GET /v1/forms/:formId per form, ${reports[0]?.concurrency ?? '-'} in flight, after one warming request`,
    table([
      ['', ...reports.map((report) => report.formId)],
      ['cache TTL', ...reports.map((report) => `${report.ttlSeconds} s`)],
      ['elapsed', ...reports.map((report) => `${(report.elapsedMs / 1000).toFixed(1)} s (${number(report.requestsPerSecond)} req/s)`)],
      ['latency p50, p99', ...reports.map((report) => `${ms(report.latencyMs.p50)}, ${ms(report.latencyMs.p99)}`)],
      ['not 200', ...reports.map((report) => String(report.failed))],
      ['vendor config calls', ...reports.map((report) => `${report.vendorConfigCalls} in ${report.ttlWindows} TTL window(s)`)],
      [`per TTL (target ≤ ${TARGETS.configCallsPerTtl})`, ...reports.map((report) => `${report.callsPerTtlWindow}: ${metOrMissed(report.met)}`)],
    ]),
  ];
}

/** The report as the terminal shows it. */
export function formatPerfReport(report: PerfReport, file?: string): string {
  const { machine } = report;
  const section = <T extends object>(title: string, value: T | BrokenBenchmark | undefined, format: (value: T) => string[]) =>
    value === undefined ? [] : isBroken(value) ? [`${title}: BROKEN: ${value.broken}`, ''] : [...format(value), ''];
  return [
    `Performance benchmarks, ${report.startedAt}`,
    `Machine: ${machine.cpuModel} x ${machine.cpus}, ${gib(machine.totalMemoryBytes)}, Node ${machine.node}, ${machine.platform}`,
    `Code: ${report.revision ? `${report.revision.commit.slice(0, 12)}${report.revision.dirty ? ' with uncommitted changes' : ''}` : 'unknown'}`,
    '',
    ...section('Critical path', report.criticalPath, formatCritical),
    ...section('Edge overhead', report.edgeOverhead, (value) => formatEdge(value, report.options)),
    ...section('Config caching', report.configCaching, formatConfig),
    report.broken.length === 0 ? 'Every benchmark measured.' : `BROKEN: ${report.broken.join('; ')}`,
    ...(file ? [`Report: ${file}`] : []),
    '',
  ].join('\n');
}

/** `perf-2026-05-01T12-00-00Z.json`: the ISO time, with `-` for `:` so every file system takes it. */
export function perfReportFileName(startedAt: Date): string {
  return `perf-${startedAt.toISOString().slice(0, 19).replace(/:/g, '-')}Z.json`;
}
