import { describe, expect, it } from 'vitest';
import { DEFAULT_PERF_OPTIONS, parsePerfBenchOptions } from './bench-options';

describe('parsePerfBenchOptions', () => {
  it('defaults to all three benchmarks, 7 loads per mode, 3 rounds at 4, 16 and 64 in flight, 10,000 spec requests', () => {
    expect(parsePerfBenchOptions([])).toEqual({
      only: ['critical', 'edge', 'config'],
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
    });
    expect(parsePerfBenchOptions([])).toEqual(DEFAULT_PERF_OPTIONS);
  });

  it('reads every flag', () => {
    const argv = ['--only', 'edge', '--repeat=3', '--rounds', '5', '--concurrency', '8, 32', '--seconds', '2.5', '--warmup', '0'];
    argv.push('--vendor-delay', '0', '--worker-profile', '--runtime', 'miniflare', '--config-requests', '100', '--config-concurrency', '4');
    expect(parsePerfBenchOptions(argv)).toEqual({
      only: ['edge'],
      repeat: 3,
      rounds: 5,
      concurrency: [8, 32],
      seconds: 2.5,
      warmupSeconds: 0,
      vendorDelayMs: 0,
      workerProfile: true,
      runtime: 'miniflare',
      configRequests: 100,
      configConcurrency: 4,
    });
  });

  it('runs the benchmarks --only names in their own order, each once', () => {
    expect(parsePerfBenchOptions(['--only', 'config,critical,config'])).toMatchObject({ only: ['critical', 'config'] });
  });

  it('answers help for --help', () => {
    expect(parsePerfBenchOptions(['--help'])).toBe('help');
  });

  it('names the flag and the value it refuses', () => {
    expect(() => parsePerfBenchOptions(['--only', 'edge,speed'])).toThrow('--only "edge,speed" must name some of critical, edge, config, comma-separated');
    expect(() => parsePerfBenchOptions(['--repeat', '0'])).toThrow('--repeat "0" must be a whole number of at least 1');
    expect(() => parsePerfBenchOptions(['--concurrency', '16,x'])).toThrow('--concurrency "x" must be a whole number of at least 1');
    expect(() => parsePerfBenchOptions(['--seconds', '0'])).toThrow('--seconds "0" must be a number of seconds above 0');
    expect(() => parsePerfBenchOptions(['--warmup=-1'])).toThrow('--warmup "-1" must be a number of seconds from 0');
    expect(() => parsePerfBenchOptions(['--runtime', 'wrangler'])).toThrow('--runtime "wrangler" must be wrangler-dev or miniflare');
    expect(() => parsePerfBenchOptions(['--burst'])).toThrow('unknown option --burst; see --help');
  });
});
