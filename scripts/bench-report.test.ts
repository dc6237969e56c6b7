import { describe, expect, it } from 'vitest';
import type { ConfigCacheRun } from './bench-config-cache';
import type { CriticalPathLoad, EmbedMode } from './bench-critical-path';
import type { EdgeRoute, EdgeRun } from './bench-edge-overhead';
import { DEFAULT_PERF_OPTIONS } from './bench-options';
import {
  buildPerfReport,
  type ConfigCachingReport,
  type CriticalPathReport,
  type EdgeOverheadReport,
  formatPerfReport,
  type PerfReportInput,
  perfReportFileName,
  table,
} from './bench-report';

const W = 'http://127.0.0.1:8787';
const machine = { platform: 'linux 6.1.0 x64', cpuModel: 'Test CPU', cpus: 2, totalMemoryBytes: 8 * 1024 ** 3, node: 'v20.20.2' };
const startedAt = new Date('2026-05-01T12:00:00.000Z');

function load(mode: EmbedMode, readyMs: number, extraStep = false): CriticalPathLoad {
  const page = (path: string, startMs: number, endMs: number) => ({ url: `${W}${path}`, startMs, endMs, from: 'page' as const });
  return {
    mode,
    loaderEndMs: 350,
    readyMs,
    // The spec with its paint arrived at 540; the app chunk at 660.
    visibleMs: 560,
    appEndMs: 660,
    layoutShifts: mode === 'iframe' ? [{ startMs: 600, value: 0.012, sources: [{ node: 'P Below', before: '8,81 1264x19', after: '-' }] }] : [],
    requests: [
      page('/widget.js', 180, 350),
      page('/v1/forms/demo?locale=de', 360, 540),
      page('/widget-app.js', 362, 660),
      ...(extraStep ? [page('/widget-chunk.js', 670, 700)] : []),
    ],
    scripts: [
      { url: `${W}/widget.js`, bytes: 2500, encoding: 'gzip' },
      { url: `${W}/widget-app.js`, bytes: 22_000, encoding: 'gzip' },
    ],
    transfers: [
      { url: `${W}/widget.js`, bytes: 2500, encoding: 'gzip' },
      { url: `${W}/v1/forms/demo?locale=de`, bytes: 5000, encoding: 'gzip' },
      { url: `${W}/widget-app.js`, bytes: 22_000, encoding: 'gzip' },
    ],
    problems: [],
  };
}

function edgeRun(round: number, route: EdgeRoute, concurrency: number, requestsPerSecond: number, p50: number): EdgeRun {
  return {
    round,
    route,
    concurrency,
    completed: requestsPerSecond * 10,
    requestsPerSecond,
    latencyMs: { p50, p99: p50 * 2, max: p50 * 3 },
    answers: { '201': requestsPerSecond * 10 },
    errors: 0,
    cpuMsPerRequest: { worker: route === 'real' ? 8 : 3, devProxy: 1, wrangler: 4, benchProcess: 2 },
  };
}

const configRun: ConfigCacheRun = {
  formId: 'demo-perfectgym',
  requests: 10_000,
  concurrency: 32,
  elapsedMs: 20_000,
  answers: { '200': 10_000 },
  latencyMs: { p50: 50, p99: 120, max: 300 },
  vendorConfigCalls: 0,
  ttlSeconds: 300,
};

/** A run that crossed three expiries of a 10 s TTL, with one refresh each. */
const shortTtlRun: ConfigCacheRun = { ...configRun, formId: 'bench-perfectgym', elapsedMs: 33_000, ttlSeconds: 10, vendorConfigCalls: 3 };

function input(overrides: Partial<PerfReportInput> = {}): PerfReportInput {
  return {
    startedAt,
    machine,
    revision: { commit: '0123456789abcdef0123456789abcdef01234567', dirty: false },
    options: DEFAULT_PERF_OPTIONS,
    workerUrl: W,
    critical: {
      result: {
        formId: 'demo',
        loads: [load('script', 700), load('script', 760), load('script', 720, true), load('iframe', 1300, true), load('iframe', 1400, true)],
      },
    },
    edge: {
      result: {
        formId: 'bench-perfectgym',
        runs: [
          edgeRun(1, 'passthrough', 16, 100, 150),
          edgeRun(1, 'real', 16, 90, 170),
          edgeRun(2, 'real', 16, 70, 200),
          edgeRun(2, 'passthrough', 16, 110, 140),
          edgeRun(3, 'passthrough', 16, 120, 130),
          edgeRun(3, 'real', 16, 80, 190),
        ],
      },
    },
    config: { result: [configRun, shortTtlRun] },
    workerReloads: 0,
    ...overrides,
  };
}

describe('buildPerfReport: critical path', () => {
  const report = buildPerfReport(input()).criticalPath as CriticalPathReport;

  it('quotes medians from the loader having arrived to the form being ready, per embed mode', () => {
    expect(report.modes.script.loaderToReadyMs).toEqual({ median: 370, min: 350, max: 410 });
    expect(report.modes.iframe.loaderToReadyMs.median).toBe(1000);
    expect(report.modes.script.navigationToReadyMs.median).toBe(720);
  });

  it('counts round trips per load against the target of one', () => {
    expect(report.modes.script.roundTrips).toEqual({ median: 1, perLoad: [1, 1, 2], target: 1, met: true });
    expect(report.modes.iframe.roundTrips).toMatchObject({ median: 2, met: false });
  });

  it('lists the requests per step as most loads had them', () => {
    expect(report.modes.script.steps).toEqual({ labels: [['/v1/forms/demo', '/widget-app.js']], seenIn: 2 });
    expect(report.modes.iframe.steps.labels).toEqual([['/v1/forms/demo', '/widget-app.js'], ['/widget-chunk.js']]);
  });

  it('measures issue 19: visible, round trips and bytes until visible, app chunk to ready, layout shift, each against its target', () => {
    expect(report.modes.script.loaderToVisibleMs).toEqual({ median: 210, min: 210, max: 210, seenIn: 3 });
    expect(report.modes.script.roundTripsUntilVisible).toMatchObject({ median: 1, met: true, steps: { labels: [['/v1/forms/demo']], seenIn: 3 } });
    expect(report.modes.script.bytesUntilVisible.median).toBe(7500);
    expect(report.modes.script.appToReadyMs).toEqual({ median: 60, min: 40, max: 100, target: 150, met: true });
    expect(report.modes.iframe.appToReadyMs).toMatchObject({ median: 690, met: false });
    expect(report.modes.script.layoutShift).toMatchObject({ max: 0, target: 0, met: true });
    expect(report.modes.iframe.layoutShift).toMatchObject({ max: 0.012, target: 0.01, met: false });
    expect(report.modes.iframe.layoutShift.worst[0]?.sources[0]?.node).toBe('P Below');
  });

  it('sums the script bytes of each load', () => {
    expect(report.modes.script.scriptBytes).toMatchObject({ median: 24_500, perLoad: [24_500, 24_500, 24_500] });
    expect(report.modes.script.scriptBytes.files).toEqual([
      { label: '/widget.js', bytes: 2500, encoding: 'gzip' },
      { label: '/widget-app.js', bytes: 22_000, encoding: 'gzip' },
    ]);
  });
});

describe('buildPerfReport: edge overhead', () => {
  const report = buildPerfReport(input()).edgeOverhead as EdgeOverheadReport;
  const [at16] = report.byConcurrency;

  it('takes medians over the rounds per route', () => {
    expect(at16?.routes.passthrough).toMatchObject({ requestsPerSecond: 110, p50Ms: 140, p99Ms: 280, errors: 0 });
    expect(at16?.routes.real).toMatchObject({ requestsPerSecond: 80, p50Ms: 190, cpuMsPerRequest: { worker: 8, devProxy: 1, wrangler: 4, benchProcess: 2 } });
  });

  it('reports the throughput ratio of the medians against 0.8, each round ratio, and the added milliseconds', () => {
    expect(at16).toMatchObject({ concurrency: 16, throughputRatio: 0.727, roundRatios: [0.9, 0.636, 0.667], addedP50Ms: 50, addedP99Ms: 100, met: false });
  });
});

describe('buildPerfReport: config caching', () => {
  const reportOf = (runs: readonly ConfigCacheRun[]) => buildPerfReport(input({ config: { result: runs } })).configCaching as ConfigCachingReport[];

  it('counts vendor config calls per TTL window against one, per form', () => {
    const [warm, short] = reportOf([configRun, shortTtlRun]);
    expect(warm).toMatchObject({ formId: 'demo-perfectgym', requestsPerSecond: 500, ttlWindows: 1, callsPerTtlWindow: 0, failed: 0, met: true });
    expect(short).toMatchObject({ formId: 'bench-perfectgym', ttlWindows: 4, callsPerTtlWindow: 0.75, met: true });
  });

  it('misses the target with more calls than TTL windows', () => {
    const [twice] = reportOf([{ ...configRun, vendorConfigCalls: 2 }]);
    expect(twice).toMatchObject({ callsPerTtlWindow: 2, met: false });
    const [racing] = reportOf([{ ...shortTtlRun, vendorConfigCalls: 6 }]);
    expect(racing).toMatchObject({ callsPerTtlWindow: 1.5, met: false });
  });
});

describe('buildPerfReport: broken runs', () => {
  it('is not broken when every benchmark measured, however many targets were missed', () => {
    expect(buildPerfReport(input()).broken).toEqual([]);
  });

  it('is broken by a benchmark that threw, by failed requests and by page errors', () => {
    const failing = input({
      critical: { result: { formId: 'demo', loads: [{ ...load('script', 700), problems: ['pageerror: boom'] }, load('iframe', 1300)] } },
      edge: { error: 'POST answered 404' },
      config: { result: [{ ...configRun, answers: { '200': 9_998, '503': 2 } }] },
    });
    const report = buildPerfReport(failing);
    expect(report.broken).toEqual([
      'critical path: script embed: pageerror: boom',
      'edge overhead: POST answered 404',
      'config caching: demo-perfectgym: 2 of 10000 spec requests did not answer 200',
    ]);
    expect(report.edgeOverhead).toEqual({ broken: 'POST answered 404' });
  });

  it('is broken when wrangler dev reloaded the Worker mid-run', () => {
    expect(buildPerfReport(input({ workerReloads: 2 })).broken).toEqual([
      'wrangler dev reloaded the Worker 2 time(s) during the run, as files under it changed: the numbers mix two builds',
    ]);
  });

  it('leaves out what was not asked for', () => {
    const report = buildPerfReport({
      startedAt,
      machine,
      revision: null,
      options: DEFAULT_PERF_OPTIONS,
      workerUrl: W,
      config: { result: [configRun] },
      workerReloads: 0,
    });
    expect(Object.keys(report)).toEqual(['benchmark', 'startedAt', 'machine', 'revision', 'options', 'configCaching', 'workerReloads', 'broken']);
  });
});

describe('formatPerfReport', () => {
  const text = formatPerfReport(buildPerfReport(input()), 'bench/results/perf-2026-05-01T12-00-00Z.json');

  it('states each target as met or MISSED', () => {
    expect(text).toMatch(/round trips after the loader \(target 1\) +1: met +2: MISSED/);
    expect(text).toMatch(/app chunk arrived → ready \(median, target ≤ 150 ms\) +60 ms \(40 – 100\): met +690 ms \(640 – 740\): MISSED/);
    expect(text).toMatch(/layout shift, worst load \(target script 0, iframe 0.01\) +0.0000 \(median 0.0000\): met +0.0120 \(median 0.0120\): MISSED/);
    expect(text).toContain('16 in flight: throughput ratio 0.73 (rounds 0.90, 0.64, 0.67; target ≥ 0.8: MISSED), added p50 50 ms, p99 100 ms');
    expect(text).toContain('per TTL (target ≤ 1)  0: met                0.75: met');
  });

  it('names the commit the code came from', () => {
    expect(text).toContain('Code: 0123456789ab\n');
    const dirty = formatPerfReport(buildPerfReport(input({ revision: { commit: 'abcdef', dirty: true } })));
    expect(dirty).toContain('Code: abcdef with uncommitted changes');
  });

  it('lists the requests per round trip and ends with the verdict and the file', () => {
    expect(text).toContain(
      'iframe embed, requests per round trip after the loader until ready (as in 2 of 2 loads):\n  1. /v1/forms/demo, /widget-app.js\n  2. /widget-chunk.js',
    );
    expect(text).toContain(
      'iframe embed, requests per round trip after the loader until visible (as in 2 of 2 loads):\n  1. /v1/forms/demo\n  layout shift 0.0120 at 600 ms: P Below (8,81 1264x19 → -)',
    );
    expect(text.trimEnd().split('\n').slice(-2)).toEqual(['Every benchmark measured.', 'Report: bench/results/perf-2026-05-01T12-00-00Z.json']);
  });

  it('says which benchmark broke and why', () => {
    const broken = formatPerfReport(buildPerfReport(input({ edge: { error: 'wrangler dev exited' } })));
    expect(broken).toContain('Edge overhead: BROKEN: wrangler dev exited');
    expect(broken).toContain('BROKEN: edge overhead: wrangler dev exited');
  });
});

describe('table', () => {
  it('pads each column to its widest cell', () => {
    expect(
      table([
        ['a', 'bb'],
        ['ccc', 'd'],
      ]),
    ).toBe('a    bb\nccc  d');
  });
});

describe('perfReportFileName', () => {
  it('is perf- and the ISO time without colons', () => {
    expect(perfReportFileName(startedAt)).toBe('perf-2026-05-01T12-00-00Z.json');
  });
});
