import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, inject, it } from 'vitest';
import { faultVendors } from './fault-vendors';
import { PORTS } from './ports';
import { postFormLead } from './post-demo-lead';
import { TEST_WORKER_VARS } from './test-worker-vars';
import { startWorker, type WorkerProcess } from './worker-process';

// The shared fault suite's Worker restart, for every vendor form (edge/fault-suite.test.ts has the other cases).
const vendors = faultVendors(inject('simulators'));
const persistTo = mkdtempSync(join(tmpdir(), 'leadgate-restart-'));
let worker: WorkerProcess | undefined;

const resetAll = () => Promise.all(vendors.map((v) => v.sim.reset()));

afterAll(async () => {
  await worker?.stop();
  await resetAll();
  rmSync(persistTo, { recursive: true, force: true });
});

// Retries 5 s apart: the jobs are still waiting in the queue when the Worker stops.
const vars = { ...TEST_WORKER_VARS, DELIVERY_RETRY_BASE_SECONDS: '5', DELIVERY_RETRY_MAX_SECONDS: '5' };

/** How many leads each vendor holds for the email its form was sent, by form. */
const leadCounts = async (sent: readonly { form: string; email: string }[]) =>
  Object.fromEntries(await Promise.all(sent.map(async ({ form, email }) => [form, await vendors.find((v) => v.form === form)!.leadsFor(email)] as const)));

it('loses no accepted lead, and sends none twice, when the Worker restarts while its jobs wait in the queue: every vendor form', async () => {
  await resetAll();
  worker = await startWorker({ port: PORTS.restartWorker, env: 'test', persistTo, vars });
  for (const v of vendors) await v.sim.fault({ tenant: v.tenant, endpoint: v.create, mode: 'down' });
  const sent: { form: string; email: string }[] = [];
  for (const v of vendors) {
    const lead = v.lead();
    const response = await postFormLead(worker.url, v.form, lead, `restart-${Date.now()}-${v.form}`);
    expect([v.form, response.status]).toEqual([v.form, 202]);
    sent.push({ form: v.form, email: lead.email });
  }
  const once = Object.fromEntries(sent.map(({ form }) => [form, 1]));

  // Local queues live in the workerd process: its messages die with it. The ledger (D1) does not.
  await worker.stop();
  for (const v of vendors) await v.sim.clearFaults();
  worker = await startWorker({ port: PORTS.restartWorker, env: 'test', persistTo, vars });
  const restarted = worker;
  expect(Object.values(await leadCounts(sent))).toEqual(sent.map(() => 0));

  // The cron's sweep (fired by Cloudflare every minute; by hand in wrangler dev) finds the orphaned jobs.
  await expect
    .poll(
      async () => {
        await restarted.runScheduled();
        return leadCounts(sent);
      },
      { timeout: 60_000, interval: 2000 },
    )
    .toEqual(once);
  await new Promise((resolve) => setTimeout(resolve, 3000)); // a late surplus message would create a second lead now
  expect(await leadCounts(sent)).toEqual(once);
});
