import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import worker from '../tests/worker/test-worker';
import { VendorPacer } from './delivery/vendor-pacer';
import { SubmissionLimiter } from './rate-limit/submission-limiter';
import { resetBindings } from './test-migrations';
import { humanProof, perfectGymLead, sim } from './test-support';

const FORM = 'demo-perfectgym';

beforeEach(async () => {
  await resetBindings();
  await sim.reset();
});

/** Every D1 round trip (a statement run on its own, or one batch) and every Durable Object call, counted by name. */
function countingEnv() {
  const calls: string[] = [];
  const statement = Object.getPrototypeOf(env.DB.prepare('SELECT 1')) as Record<string, unknown>;
  const database = Object.getPrototypeOf(env.DB) as Record<string, unknown>;
  const restore: (() => void)[] = [];
  const count = (target: Record<string, unknown>, method: string, name: string) => {
    const original = target[method] as (...args: unknown[]) => unknown;
    target[method] = function (this: unknown, ...args: unknown[]) {
      calls.push(name);
      return original.apply(this, args);
    };
    restore.push(() => {
      target[method] = original;
    });
  };
  for (const method of ['first', 'run', 'all', 'raw']) count(statement, method, 'd1');
  count(database, 'batch', 'd1');
  // The Durable Objects run in this isolate: their methods count the calls they take.
  for (const method of ['takeClient', 'spendForm'] as const)
    count(SubmissionLimiter.prototype as unknown as Record<string, unknown>, method, `limiter.${method}`);
  for (const method of ['reserve', 'pause'] as const) count(VendorPacer.prototype as unknown as Record<string, unknown>, method, `pacer.${method}`);
  const counted = { ...env, RATE_LIMIT_PER_CLIENT: '1000', RATE_LIMIT_PER_FORM: '1000' } as unknown as Env;
  return { env: counted, calls, restore: () => restore.forEach((undo) => undo()) };
}

async function submit(bindings: Env, email: string): Promise<Response> {
  const request = new Request(`https://leadgate.test/v1/forms/${FORM}/leads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:8800', 'CF-Connecting-IP': '198.51.100.40' },
    body: JSON.stringify({ lead: perfectGymLead({ email }), proof: await humanProof(FORM) }),
  });
  const ctx = createExecutionContext();
  const response = await worker.fetch(request, bindings, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

describe("a lead's round trips to the bindings", () => {
  it('stores and delivers a new lead in 3 D1 round trips (lookup, claim, settle) and 3 Durable Object calls (client, form budget, pacer)', async () => {
    const counting = countingEnv();
    try {
      // The first lead of the isolate also reads the published forms and the vendor's rules.
      const first = await submit(counting.env, 'first@example.com');
      expect(first.status, await first.text()).toBe(201);
      counting.calls.length = 0;
      const response = await submit(counting.env, 'second@example.com');
      expect(response.status).toBe(201);
      expect(((await response.json()) as { status: string }).status).toBe('delivered');
      const d1 = counting.calls.filter((call) => call === 'd1').length;
      const objects = counting.calls.filter((call) => call !== 'd1').sort();
      expect(d1).toBe(3);
      expect(objects).toEqual(['limiter.spendForm', 'limiter.takeClient', 'pacer.reserve']);
    } finally {
      counting.restore();
    }
  });

  it("counts a body that is not a submission against its sender's limit (the visitor's limit stays first), and nothing more", async () => {
    const counting = countingEnv();
    try {
      for (const body of ['{"lead": ', JSON.stringify({ nonsense: true })]) {
        const request = new Request(`https://leadgate.test/v1/forms/${FORM}/leads`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:8800', 'CF-Connecting-IP': '198.51.100.41' },
          body,
        });
        const ctx = createExecutionContext();
        expect((await worker.fetch(request, counting.env, ctx)).status).toBe(400);
        await waitOnExecutionContext(ctx);
      }
      expect(counting.calls.filter((call) => call !== 'd1')).toEqual(['limiter.takeClient', 'limiter.takeClient']);
    } finally {
      counting.restore();
    }
  });
});
