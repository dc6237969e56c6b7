import { readdirSync, readFileSync } from 'node:fs';

/** One line of `/proc/<pid>/stat`, the fields a CPU count needs. */
export interface ProcStat {
  readonly pid: number;
  readonly comm: string;
  readonly processGroup: number;
  /** User plus system time, in clock ticks. */
  readonly cpuTicks: number;
}

/** Reads `/proc/<pid>/stat`; the command name is in parentheses and may itself hold spaces and parentheses. */
export function parseProcStat(line: string): ProcStat | undefined {
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  // After the name: state, ppid, pgrp, session, tty_nr, tpgid, flags, minflt, cminflt, majflt, cmajflt, utime, stime.
  const rest = line.slice(close + 2).split(' ');
  const pid = Number(line.slice(0, open).trim());
  const processGroup = Number(rest[2]);
  const cpuTicks = Number(rest[11]) + Number(rest[12]);
  if (![pid, processGroup, cpuTicks].every(Number.isFinite)) return undefined;
  return { pid, comm: line.slice(open + 1, close), processGroup, cpuTicks };
}

/**
 * CPU ms used so far by the processes of `wrangler dev`: the workerd that runs the
 * Worker (with its KV, D1 and Durable Objects), the workerd of wrangler's dev proxy
 * (it takes the requests on the port and relays the Worker's DevTools events), and
 * wrangler's own Node process (with npx). Under the `miniflare` runtime there is one
 * workerd, the Worker's (it takes the requests on the port itself), `devProxyMs` is 0,
 * and `wranglerMs` is the Miniflare host's Node (with npx and tsx).
 */
export interface WorkerCpu {
  readonly workerMs: number;
  readonly devProxyMs: number;
  readonly wranglerMs: number;
}

const TICK_MS = 10; // Linux's USER_HZ is 100 wherever this runs

function readStats(): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = parseProcStat(readFileSync(`/proc/${name}/stat`, 'utf8'));
      if (stat) stats.push(stat);
    } catch {
      // gone since the listing
    }
  }
  return stats;
}

/** How the bench runs the Worker: `wrangler dev`, or the same Worker in Miniflare without wrangler's proxy and inspector. */
export type WorkerRuntime = 'wrangler-dev' | 'miniflare';

/** The script tests/stack/miniflare-worker.ts runs the Miniflare host with (named here so the reader needs no import of the stack). */
const MINIFLARE_HOST_SCRIPT = 'tests/stack/miniflare-host.ts';

/** Whether a process's arguments are those of the runtime's host serving `port` (`wrangler dev --port`, or the Miniflare host's `--port`). */
export function isWorkerHost(args: readonly string[], port: number, runtime: WorkerRuntime): boolean {
  const portAt = args.indexOf('--port');
  if (portAt < 0 || args[portAt + 1] !== String(port)) return false;
  return runtime === 'miniflare'
    ? args.some((arg) => arg.endsWith(MINIFLARE_HOST_SCRIPT))
    : args.some((arg) => arg.endsWith('wrangler-dist/cli.js')) && args.includes('dev');
}

/**
 * A reader of the CPU time of the runtime serving `port` (its process group: npx,
 * wrangler's or the Miniflare host's Node, workerd), or undefined where there is no /proc.
 */
export function workerCpuReader(port: number, runtime: WorkerRuntime = 'wrangler-dev'): (() => WorkerCpu) | undefined {
  let group: number | undefined;
  try {
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      let args: string[];
      try {
        args = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      } catch {
        continue;
      }
      if (isWorkerHost(args, port, runtime)) {
        group = parseProcStat(readFileSync(`/proc/${name}/stat`, 'utf8'))?.processGroup;
        break;
      }
    }
  } catch {
    return undefined;
  }
  if (group === undefined) return undefined;
  const proxyEntry = `entry=127.0.0.1:${port}`;
  const isDevProxy = new Map<number, boolean>();
  const devProxy = (pid: number) => {
    if (runtime === 'miniflare') return false; // its one workerd listens on the port itself
    if (!isDevProxy.has(pid)) {
      let args = '';
      try {
        args = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        // gone
      }
      isDevProxy.set(pid, args.includes(proxyEntry));
    }
    return isDevProxy.get(pid)!;
  };
  return () => {
    const members = readStats().filter((stat) => stat.processGroup === group);
    const ms = (kind: (stat: ProcStat) => boolean) => members.filter(kind).reduce((sum, stat) => sum + stat.cpuTicks, 0) * TICK_MS;
    return {
      workerMs: ms((stat) => stat.comm === 'workerd' && !devProxy(stat.pid)),
      devProxyMs: ms((stat) => stat.comm === 'workerd' && devProxy(stat.pid)),
      wranglerMs: ms((stat) => stat.comm !== 'workerd'),
    };
  };
}

/** CPU ms this process (the load generator and the in-process simulators) has used so far. */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
