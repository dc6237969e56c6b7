import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, inject, it } from 'vitest';
import { PORTS } from './ports';
import { postDemoLead } from './post-demo-lead';
import { createdLeadEmails, simulatorClient } from './simulator-client';
import { TEST_WORKER_VARS } from './test-worker-vars';
import { startWorker, type WorkerProcess } from './worker-process';

const sim = simulatorClient(inject('simulators')['perfectgym-next']);
const TENANT = 'demo-gym';
const persistTo = mkdtempSync(join(tmpdir(), 'leadgate-restart-'));
let worker: WorkerProcess | undefined;

afterAll(async () => {
  await worker?.stop();
  await sim.reset();
  rmSync(persistTo, { recursive: true, force: true });
});

// Retries 5 s apart: the jobs are still waiting in the queue when the Worker stops.
const vars = { ...TEST_WORKER_VARS, DELIVERY_RETRY_BASE_SECONDS: '5', DELIVERY_RETRY_MAX_SECONDS: '5' };

const createdEmails = () => createdLeadEmails(sim, TENANT);

it('loses no accepted lead when the Worker restarts while its jobs wait in the queue', async () => {
  await sim.reset();
  worker = await startWorker({ port: PORTS.restartWorker, env: 'test', persistTo, vars });
  await sim.fault({ tenant: TENANT, endpoint: 'validate', mode: 'down' });
  const emails = [1, 2, 3].map((n) => `restart.${Date.now()}.${n}@example.com`);
  for (const [n, email] of emails.entries()) {
    const response = await postDemoLead(worker.url, email, `restart-${Date.now()}-${n}`);
    expect(response.status).toBe(202);
  }

  // Local queues live in the workerd process: its messages die with it. The ledger (D1) does not.
  await worker.stop();
  await sim.clearFaults();
  worker = await startWorker({ port: PORTS.restartWorker, env: 'test', persistTo, vars });
  const restarted = worker;
  expect(await createdEmails()).toEqual([]);

  // The cron's sweep (fired by Cloudflare every minute; by hand in wrangler dev) finds the orphaned jobs.
  await expect
    .poll(
      async () => {
        await restarted.runScheduled();
        return (await createdEmails()).sort();
      },
      { timeout: 60_000, interval: 2000 },
    )
    .toEqual([...emails].sort());
  await new Promise((resolve) => setTimeout(resolve, 3000)); // a late surplus message would create a second lead now
  expect((await createdEmails()).sort()).toEqual([...emails].sort());
});
