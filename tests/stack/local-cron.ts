import type { WorkerProcess } from './worker-process';

/**
 * Fires the Worker's every-minute cron (wrangler.toml `[triggers]`: the sweep
 * that finds lost jobs, and retention) against `wrangler dev`, which never
 * fires crons by itself. Returns a function that stops it.
 */
export function startLocalCron(worker: WorkerProcess, onError: (message: string) => void, everyMs = 60_000): () => void {
  const timer = setInterval(() => {
    worker.runScheduled().catch((error: unknown) => onError(`cron: ${error instanceof Error ? error.message : String(error)}`));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
