import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export const wranglerEnv = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', FORCE_COLOR: '0' };

/** The local D1 schema, as `wrangler d1 migrations apply --local` keeps it up to date. */
export function applyMigrations(persistTo: string | undefined, env: string | undefined): void {
  const args = ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', ...(env ? ['--env', env] : []), ...(persistTo ? ['--persist-to', persistTo] : [])];
  try {
    execFileSync('npx', args, { cwd: root, env: { ...wranglerEnv, CI: 'true' }, stdio: 'pipe' });
  } catch (error) {
    const output = (error as { stdout?: Buffer; stderr?: Buffer }).stdout?.toString() ?? '';
    throw new Error(`wrangler d1 migrations apply failed:\n${output}${(error as { stderr?: Buffer }).stderr?.toString() ?? ''}`);
  }
}

export interface WorkerProcess {
  readonly url: string;
  /** Everything wrangler printed, for tests that read the Worker's logs. */
  output(): string;
  /** Runs the Worker's cron (`scheduled`) once, as Cloudflare does every minute. */
  runScheduled(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs the real Worker in workerd through `wrangler dev`, as `npm start` does,
 * and resolves once it answers. `persistTo` keeps local KV/D1 state apart.
 */
export async function startWorker(options: {
  port: number;
  persistTo?: string;
  inheritOutput?: boolean;
  /**
   * wrangler.toml's environment: `demo` for `npm start`'s Worker (edge/demo-worker.ts, the demo pages), `test` for the
   * tests' and benches' (tests/worker/test-worker.ts); none for the production Worker itself (the operator's forms.json).
   */
  env?: 'demo' | 'test';
  /** Overrides of wrangler.toml `[vars]`, e.g. a faster retry policy for tests. */
  vars?: Readonly<Record<string, string>>;
  /** The port of wrangler's DevTools inspector (`--inspector-port`), for a bench that profiles the Worker; wrangler's choice otherwise. */
  inspectorPort?: number;
}): Promise<WorkerProcess> {
  applyMigrations(options.persistTo, options.env);
  // --test-scheduled: wrangler dev fires no cron; /__scheduled runs the Worker's scheduled handler on demand.
  const args = ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', String(options.port), '--test-scheduled', '--show-interactive-dev-session=false'];
  if (options.env) args.push('--env', options.env);
  if (options.persistTo) args.push('--persist-to', options.persistTo);
  if (options.inspectorPort !== undefined) args.push('--inspector-port', String(options.inspectorPort));
  for (const [name, value] of Object.entries(options.vars ?? {})) args.push('--var', `${name}:${value}`);
  const child: ChildProcess = spawn('npx', args, {
    cwd: root,
    env: wranglerEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (options.inheritOutput) process.stdout.write(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const url = `http://127.0.0.1:${options.port}`;
  const stop = () => stopProcessGroup(child);

  const runScheduled = async () => {
    const response = await fetch(`${url}/__scheduled`);
    if (!response.ok) throw new Error(`the scheduled handler failed: ${response.status} ${await response.text()}`);
  };

  await whenServing(url, child, 'wrangler dev', () => output, stop);
  return { url, output: () => output, runScheduled, stop };
}

/** Stops `child`'s whole process group (npx, its tool, workerd): SIGTERM, then SIGKILL after 5 s. */
export async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
}

/**
 * Resolves once the Worker at `url` serves `/widget.js` (within 90 s); if `child` (`what`) exits
 * first, or the time runs out, stops it and throws with its output.
 */
export async function whenServing(url: string, child: ChildProcess, what: string, output: () => string, stop: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`${what} exited with ${child.exitCode}:\n${output()}`);
    }
    try {
      const response = await fetch(`${url}/widget.js`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await stop();
  throw new Error(`${what} did not answer on ${url} within 90 s:\n${output()}`);
}
