import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MiniflareHostOptions } from './miniflare-host';
import { applyMigrations, stopProcessGroup, type WorkerProcess, whenServing, wranglerEnv } from './worker-process';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The script the Miniflare host runs; scripts/bench-process-cpu.ts finds its process group by this path. */
export const MINIFLARE_HOST_SCRIPT = 'tests/stack/miniflare-host.ts';

/** The Worker as `wrangler deploy` would upload it: wrangler's own esbuild bundle, written to `outdir`. */
function bundleWorker(env: string, outdir: string): string {
  try {
    execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--env', env, '--outdir', outdir], { cwd: root, env: wranglerEnv, stdio: 'pipe' });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`wrangler deploy --dry-run failed:\n${stdout?.toString() ?? ''}${stderr?.toString() ?? ''}`);
  }
  const script = readdirSync(outdir).find((name) => name.endsWith('.js'));
  if (!script) throw new Error(`wrangler deploy --dry-run wrote no script to ${outdir}`);
  return join(outdir, script);
}

/**
 * Runs the same Worker in workerd through Miniflare directly, without `wrangler dev`'s proxy workerd and
 * its Node inspector proxy (neither exists in production): wrangler's bundle, wrangler.toml's bindings as
 * wrangler translates them, the D1 migrations applied. Same interface and readiness check as `startWorker`.
 */
export async function startMiniflareWorker(options: {
  port: number;
  persistTo: string;
  env: 'test';
  vars?: Readonly<Record<string, string>>;
  /** workerd's own inspector port, for a bench that profiles the Worker; none: no inspector. */
  inspectorPort?: number;
}): Promise<WorkerProcess> {
  applyMigrations(options.persistTo, options.env);
  const outdir = mkdtempSync(join(tmpdir(), 'leadgate-bundle-'));
  let scriptPath: string;
  try {
    scriptPath = bundleWorker(options.env, outdir);
  } catch (error) {
    rmSync(outdir, { recursive: true, force: true });
    throw error;
  }
  const hostOptions: MiniflareHostOptions = {
    scriptPath,
    persistTo: options.persistTo,
    env: options.env,
    name: `leadgate-${options.env}`, // GUESS: wrangler's name for the environment's Worker; only the inspector's list shows it
    vars: options.vars ?? {},
    ...(options.inspectorPort === undefined ? {} : { inspectorPort: options.inspectorPort }),
  };
  const child: ChildProcess = spawn('npx', ['tsx', MINIFLARE_HOST_SCRIPT, '--port', String(options.port), JSON.stringify(hostOptions)], {
    cwd: root,
    env: wranglerEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: npx, tsx, Node and workerd, stopped and measured together
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    await stopProcessGroup(child);
    rmSync(outdir, { recursive: true, force: true });
  };
  const runScheduled = async () => {
    const response = await fetch(`${url}/cdn-cgi/handler/scheduled`);
    if (!response.ok) throw new Error(`the scheduled handler failed: ${response.status} ${await response.text()}`);
  };

  await whenServing(url, child, 'the Miniflare host', () => output, stop); // stop() also removes the bundle's folder
  return { url, output: () => output, runScheduled, stop };
}
