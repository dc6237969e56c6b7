import { describe, expect, it } from 'vitest';
import { isWorkerHost, parseProcStat } from './bench-process-cpu';

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

describe('isWorkerHost', () => {
  const wrangler = ['node', '/w/node_modules/wrangler/wrangler-dist/cli.js', 'dev', '--ip', '127.0.0.1', '--port', '8787'];
  const miniflare = ['node', '/w/node_modules/tsx/dist/cli.mjs', 'tests/stack/miniflare-host.ts', '--port', '8787', '{}'];

  it('finds wrangler dev by its CLI, the dev command and the port', () => {
    expect(isWorkerHost(wrangler, 8787, 'wrangler-dev')).toBe(true);
    expect(isWorkerHost(wrangler, 8795, 'wrangler-dev')).toBe(false);
    expect(isWorkerHost(wrangler, 8787, 'miniflare')).toBe(false);
  });

  it('finds the Miniflare host by its script and the port', () => {
    expect(isWorkerHost(miniflare, 8787, 'miniflare')).toBe(true);
    expect(isWorkerHost(miniflare, 8795, 'miniflare')).toBe(false);
    expect(isWorkerHost(miniflare, 8787, 'wrangler-dev')).toBe(false);
  });
});
