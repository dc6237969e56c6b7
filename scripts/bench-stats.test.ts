import { describe, expect, it } from 'vitest';
import { median, percentile, round, summarizeLatencies } from './bench-stats';

describe('median', () => {
  it('is the middle value of an odd count, in any order', () => {
    expect(median([30, 10, 20])).toBe(20);
  });

  it('is the mean of the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('is null for no values', () => {
    expect(median([])).toBeNull();
  });
});

describe('percentile', () => {
  it('is the nearest rank: p99 of 100 values is the 99th smallest', () => {
    const values = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 100)).toBe(100);
  });
});

describe('summarizeLatencies', () => {
  it('quotes p50, p99 and max to a tenth of a millisecond', () => {
    expect(summarizeLatencies([1.04, 2.26, 3.35])).toEqual({ p50: 2.3, p99: 3.4, max: 3.4 });
  });

  it('is all null for no latencies', () => {
    expect(summarizeLatencies([])).toEqual({ p50: null, p99: null, max: null });
  });
});

describe('round', () => {
  it('rounds to the given decimals and leaves null alone', () => {
    expect(round(0.8149, 3)).toBe(0.815);
    expect(round(12.5)).toBe(13);
    expect(round(null, 2)).toBeNull();
  });
});
