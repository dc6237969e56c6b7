import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../shared/api-error';
import testWorker from '../../tests/worker/test-worker';
import { perfectGymLead, request, sim } from '../test-support';

const FORM = 'bench-perfectgym';
const TENANT = 'bench-gym';
const PATH = `/v1/bench/passthrough/forms/${FORM}/leads`;

beforeEach(async () => {
  await sim.reset();
});

function submission(lead = perfectGymLead()): RequestInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:8800', 'Idempotency-Key': `passthrough-${lead.email}` },
    body: JSON.stringify({ lead, proof: {} }),
  };
}

/** The Worker's app with the bench var set as `npm run bench` sets it. */
const withPassthrough = (path: string, init: RequestInit, value = '1') =>
  testWorker.fetch(new Request(`http://localhost${path}`, init), { ...env, BENCH_PASSTHROUGH: value }, createExecutionContext());

describe('the bench passthrough route', () => {
  it('is a 404 NOT_FOUND, like any unknown route, with the default vars', async () => {
    const response = await request(PATH, submission());
    expect(response.status).toBe(404);
    expect(((await response.json()) as ApiErrorBody).error.code).toBe('NOT_FOUND');
    expect(await sim.requests(TENANT)).toEqual([]);
  });

  it('stays off for any value but "1"', async () => {
    const response = await withPassthrough(PATH, submission(), 'true');
    expect(response.status).toBe(404);
    expect(await sim.requests(TENANT)).toEqual([]);
  });

  it('when on, forwards the lead to the form vendor as validate, then create, with the form key', async () => {
    const lead = perfectGymLead();
    const response = await withPassthrough(PATH, submission(lead));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ status: 'delivered', submissionId: `passthrough-${lead.email}` });
    const calls = await sim.requests(TENANT);
    expect(calls.map((call) => [call.method, call.endpoint, call.status])).toEqual([
      ['POST', 'validate', 200],
      ['POST', 'create', 200],
    ]);
    expect(calls[1]?.body).toMatchObject({ leadCustomer: { email: lead.email, firstname: 'Max', telephone: lead.phone } });
  });

  it('when on, still refuses a form that is not a PerfectGym one', async () => {
    const response = await withPassthrough('/v1/bench/passthrough/forms/demo-virtuagym/leads', submission());
    expect(response.status).toBe(404);
    expect(((await response.json()) as ApiErrorBody).error.code).toBe('FORM_NOT_FOUND');
  });
});
