import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningSimulators, startSimulators } from '../tests/simulators/start-simulators';
import { startMiniflareWorker } from '../tests/stack/miniflare-worker';
import { assertStackPortsFree, PORTS } from '../tests/stack/ports';
import { startWorker, type WorkerProcess } from '../tests/stack/worker-process';
import type { WorkerRuntime } from './bench-process-cpu';

/** The stack a benchmark measures: the vendor simulators and the Worker in `wrangler dev` (or Miniflare alone), with fresh local state. */
/** The benches run the test Worker (wrangler.toml's env "test"): the demo's forms and the tests' and benches' own. */
export const BENCH_FORMS_FILES = ['demo-forms.json', 'tests/test-forms.json'] as const;

export interface BenchStack {
  /** Starts it on the fixed ports, after checking that every one of them (and `alsoFree`) is free. */
  start(options: {
    readonly secrets: Readonly<Record<string, string>>;
    readonly vars: Readonly<Record<string, string>>;
    readonly alsoFree?: readonly { readonly port: number; readonly what: string }[];
    readonly inspectorPort?: number;
    /** `wrangler dev` unless told otherwise; either way the Worker answers on the same port. */
    readonly runtime?: WorkerRuntime;
  }): Promise<{ readonly worker: WorkerProcess; readonly simulators: RunningSimulators }>;
  /** The Worker's output so far, for a failure message. */
  workerOutput(): Promise<string | undefined>;
  /** Stops what was started, once, however the run ends; a Worker still starting is stopped once up. */
  stop(): Promise<void>;
}

export function benchStack(say: (message: string) => void): BenchStack {
  let simulators: RunningSimulators | undefined;
  let worker: Promise<WorkerProcess> | undefined;
  let persistTo: string | undefined;
  let stopping: Promise<void> | undefined;
  return {
    async start({ secrets, vars, alsoFree = [], inspectorPort, runtime = 'wrangler-dev' }) {
      await assertStackPortsFree(alsoFree);
      simulators = await startSimulators({ secrets });
      persistTo = mkdtempSync(join(tmpdir(), 'leadgate-bench-'));
      say(`starting the Worker (${runtime === 'miniflare' ? 'Miniflare, without wrangler dev' : 'wrangler dev'})`);
      const inspector = inspectorPort === undefined ? {} : { inspectorPort };
      worker =
        runtime === 'miniflare'
          ? startMiniflareWorker({ port: PORTS.worker, env: 'test', persistTo, vars, ...inspector })
          : startWorker({ port: PORTS.worker, env: 'test', persistTo, vars, ...inspector });
      return { worker: await worker, simulators };
    },
    async workerOutput() {
      return (await worker?.catch(() => undefined))?.output();
    },
    stop() {
      stopping ??= (async () => {
        await (await worker?.catch(() => undefined))?.stop();
        await simulators?.close();
        if (persistTo) rmSync(persistTo, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}
