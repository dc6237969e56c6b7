import { describe, expect, it } from 'vitest';
import { parseProcStat } from './bench-process-cpu';

describe('parseProcStat', () => {
  it('reads the pid, command, process group and user plus system ticks', () => {
    const line = '4636 (workerd) S 4634 4620 22385 0 -1 4194304 96 0 0 0 250 31 0 0 20 0 1 0 1493597 3133440 359';
    expect(parseProcStat(line)).toEqual({ pid: 4636, comm: 'workerd', processGroup: 4620, cpuTicks: 281 });
  });

  it('reads a command name that holds spaces and parentheses', () => {
    const line = '77 (node (main) x) R 1 77 77 0 -1 0 0 0 0 0 5 7 0 0 20 0 1 0 1 1 1';
    expect(parseProcStat(line)).toEqual({ pid: 77, comm: 'node (main) x', processGroup: 77, cpuTicks: 12 });
  });

  it('is undefined for a line that is not a stat line', () => {
    expect(parseProcStat('no such process')).toBeUndefined();
  });
});
