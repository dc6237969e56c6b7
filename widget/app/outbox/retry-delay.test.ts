import { describe, expect, it } from 'vitest';
import { retryDelay } from './retry-delay';

describe('retryDelay', () => {
  it('waits 5 s, 15 s, 45 s, then every 2 minutes', () => {
    expect([0, 1, 2, 3, 4, 50].map((tries) => retryDelay(tries))).toEqual([5_000, 15_000, 45_000, 120_000, 120_000, 120_000]);
  });

  it('waits longer when the Worker’s Retry-After asks for it', () => {
    expect(retryDelay(0, 30)).toBe(30_000);
    expect(retryDelay(3, 600)).toBe(600_000);
  });

  it('keeps its own schedule when Retry-After asks for less', () => {
    expect(retryDelay(1, 2)).toBe(15_000);
    expect(retryDelay(3, 0)).toBe(120_000);
  });

  it('never waits longer than an hour, whatever Retry-After says', () => {
    expect(retryDelay(0, 30 * 24 * 3600)).toBe(3_600_000);
  });
});
