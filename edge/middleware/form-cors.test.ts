import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../shared/api-error';
import { resetBindings } from '../test-migrations';
import { humanProof, perfectGymLead, request, sim } from '../test-support';

const FORM = 'demo-perfectgym';

beforeEach(async () => {
  await resetBindings();
  await sim.reset();
});

async function submit(headers: Record<string, string>): Promise<Response> {
  return request(`/v1/forms/${FORM}/leads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ lead: perfectGymLead(), proof: await humanProof(FORM) }),
  });
}

async function refused(response: Response): Promise<void> {
  expect(response.status).toBe(403);
  expect(((await response.json()) as ApiErrorBody).error.code).toBe('ORIGIN_NOT_ALLOWED');
}

describe('allowed origins', () => {
  it('answers a preflight from a listed origin, and not from any other', async () => {
    const preflight = (origin: string) =>
      request(`/v1/forms/${FORM}/leads`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,idempotency-key' },
      });
    expect((await preflight('http://localhost:8800')).headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:8800');
    expect((await preflight('https://evil.example')).headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('takes a submission from a listed origin', async () => {
    expect((await submit({ Origin: 'http://localhost:8800' })).status).toBe(201);
  });

  it('refuses one from another origin, or from a listed host on another scheme or port', async () => {
    await refused(await submit({ Origin: 'https://evil.example' }));
    await refused(await submit({ Origin: 'https://localhost:8800' }));
    await refused(await submit({ Origin: 'http://localhost:8801' }));
    await refused(await submit({ Origin: 'http://localhost:8800.evil.example' }));
  });

  it('falls back to the Referer when there is no Origin (or only "null")', async () => {
    expect((await submit({ Referer: 'http://localhost:8800/trial?utm_source=x' })).status).toBe(201);
    await refused(await submit({ Referer: 'https://evil.example/page' }));
    await refused(await submit({ Origin: 'null', Referer: 'https://evil.example/page' }));
    expect((await submit({ Origin: 'null', Referer: 'http://localhost:8800/' })).status).toBe(201);
  });

  it('refuses a submission that names no origin at all', async () => {
    await refused(await submit({}));
    await refused(await submit({ Referer: 'not a url' }));
  });

  it("takes one from the Worker's own origin: the iframe embed page submits from there", async () => {
    expect((await submit({ Origin: 'https://leadgate.test' })).status).toBe(201);
  });
});
