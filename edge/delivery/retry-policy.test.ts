import { describe, expect, it } from 'vitest';
import { retryDelaySeconds, retryPolicy } from './retry-policy';

const policy = retryPolicy({ DELIVERY_RETRY_BASE_SECONDS: '10', DELIVERY_RETRY_MAX_SECONDS: '3600', DELIVERY_BUDGET_HOURS: '24' });

describe('retryDelaySeconds', () => {
  it('doubles per attempt, between half and all of the step', () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(policy, n, undefined, () => 0))).toEqual([5, 10, 20, 40]);
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(policy, n, undefined, () => 1))).toEqual([10, 20, 40, 80]);
  });

  it('stops growing at the cap', () => {
    expect(retryDelaySeconds(policy, 30, undefined, () => 1)).toBe(3600);
    expect(retryDelaySeconds(policy, 30, undefined, () => 0)).toBe(1800);
  });

  it("waits at least the vendor's Retry-After", () => {
    expect(retryDelaySeconds(policy, 1, 120, () => 0)).toBe(120);
    expect(retryDelaySeconds(policy, 1, 2, () => 1)).toBe(10);
  });

  it('spreads a burst of failures over the step', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelaySeconds(policy, 3, undefined)));
    expect(delays.size).toBeGreaterThan(5);
    for (const delay of delays) expect(delay).toBeGreaterThanOrEqual(10);
  });
});

describe('retryPolicy', () => {
  it('has the documented defaults when the vars are missing or nonsense', () => {
    expect(retryPolicy({})).toEqual({ baseSeconds: 10, maxSeconds: 3600, budgetMs: 24 * 3_600_000 });
    expect(retryPolicy({ DELIVERY_RETRY_BASE_SECONDS: 'soon', DELIVERY_BUDGET_HOURS: '-1' })).toEqual({
      baseSeconds: 10,
      maxSeconds: 3600,
      budgetMs: 24 * 3_600_000,
    });
  });

  it('never plans a delay longer than a queue message can wait', () => {
    expect(retryPolicy({ DELIVERY_RETRY_MAX_SECONDS: '999999' }).maxSeconds).toBe(43_200);
  });
});
