import { percentile } from './bench-delivery-report';

export { percentile };

/** The middle value, or the mean of the two middle values; null when there are none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** `value` rounded to `digits` decimals; null stays null. */
export function round(value: number | null, digits = 0): number | null {
  if (value === null) return null;
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** The latency percentiles a report quotes, in ms to one decimal. */
export interface LatencySummary {
  readonly p50: number | null;
  readonly p99: number | null;
  readonly max: number | null;
}

export function summarizeLatencies(latenciesMs: readonly number[]): LatencySummary {
  return {
    p50: round(percentile(latenciesMs, 50), 1),
    p99: round(percentile(latenciesMs, 99), 1),
    max: round(percentile(latenciesMs, 100), 1),
  };
}
