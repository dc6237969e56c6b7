import { describe, expect, it } from 'vitest';
import { DEFAULT_BENCH_OPTIONS, parseBenchOptions } from './bench-delivery-options';

describe('parseBenchOptions', () => {
  it('defaults to 2000 submissions to demo-perfectgym over 60 s, 900 s to drain, 256 in flight and no lost answers', () => {
    expect(parseBenchOptions([])).toEqual({ count: 2000, seconds: 60, drainTimeoutSeconds: 900, maxInFlight: 256, form: 'demo-perfectgym', lostAnswersPct: 0 });
    expect(parseBenchOptions([])).toEqual(DEFAULT_BENCH_OPTIONS);
  });

  it('reads every flag', () => {
    const flags = ['--count', '50', '--seconds=2.5', '--drain-timeout', '30', '--max-in-flight', '8', '--form', 'test-faults-virtuagym', '--lost-answers', '1'];
    expect(parseBenchOptions(flags)).toEqual({
      count: 50,
      seconds: 2.5,
      drainTimeoutSeconds: 30,
      maxInFlight: 8,
      form: 'test-faults-virtuagym',
      lostAnswersPct: 1,
    });
  });

  it('answers help for --help', () => {
    expect(parseBenchOptions(['--help'])).toBe('help');
  });

  it('names the flag and the value it refuses', () => {
    expect(() => parseBenchOptions(['--count', '0'])).toThrow('--count "0" must be a whole number of at least 1');
    expect(() => parseBenchOptions(['--count', '1.5'])).toThrow('--count "1.5" must be a whole number of at least 1');
    expect(() => parseBenchOptions(['--seconds=-1'])).toThrow('--seconds "-1" must be a number of seconds above 0');
    expect(() => parseBenchOptions(['--drain-timeout', 'soon'])).toThrow('--drain-timeout "soon" must be a number of seconds above 0');
    expect(() => parseBenchOptions(['--burst'])).toThrow('unknown option --burst; see --help');
    expect(() => parseBenchOptions(['--form', 'demo-crm'])).toThrow('--form "demo-crm" must be one of demo-perfectgym, test-faults-perfectgym-next');
    expect(() => parseBenchOptions(['--lost-answers', '101'])).toThrow('--lost-answers "101" must be a percentage from 0 to 100');
  });
});
