import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { readDevVars } from '../scripts/dev-vars';
import { startSimulators } from './simulators/start-simulators';
import { assertStackPortsFree, PORTS } from './stack/ports';
import { startStaticServer } from './stack/static-server';
import { TEST_WORKER_VARS } from './stack/test-worker-vars';
import { startWorker } from './stack/worker-process';

const persistTo = fileURLToPath(new URL('../.wrangler/test-state', import.meta.url));

/**
 * The stack every test talks to over real HTTP: the vendor simulators, the
 * Worker in workerd (wrangler dev) and a host-page origin for the browser suite.
 */
export default async function setup(project: TestProject) {
  await assertStackPortsFree([
    { port: PORTS.hostPages, what: 'browser host pages' },
    { port: PORTS.restartWorker, what: 'restart test Worker' },
  ]);
  const simulators = await startSimulators({ secrets: readDevVars() });
  rmSync(persistTo, { recursive: true, force: true });
  const worker = await startWorker({ port: PORTS.worker, env: 'test', persistTo, vars: TEST_WORKER_VARS });
  const host = await startStaticServer({ dir: fileURLToPath(new URL('./browser/pages', import.meta.url)), port: PORTS.hostPages });
  project.provide('simulators', simulators.urls);
  project.provide('workerUrl', worker.url);
  project.provide('hostUrl', host.url);
  return async () => {
    await host.close();
    await worker.stop();
    await simulators.close();
  };
}
