import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ServedApp, serveApp } from '../serve-app';
import { echoEntry } from './echo-entry';

const TOKEN = 'echo-test-token';
let served: ServedApp;
let url: string;

beforeAll(async () => {
  served = await serveApp((await echoEntry.create({ secrets: { ECHO_DEMO_TOKEN: TOKEN } })).fetch, 0);
  url = served.url;
});
afterAll(() => served.close());
beforeEach(() => fetch(`${url}/__sim/reset`, { method: 'POST' }));

const lead = { reference: 'sub-1', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' };
const post = (body: unknown, token = TOKEN, signal?: AbortSignal) =>
  fetch(`${url}/echo-demo/leads`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
const fault = (spec: Record<string, unknown>) => fetch(`${url}/__sim/faults`, { method: 'POST', body: JSON.stringify(spec) });
const stored = async () => ((await (await fetch(`${url}/__sim/tenants/echo-demo/leads`)).json()) as { leads: { reference: string }[] }).leads;

describe('the echo vendor simulator', () => {
  it('stores a lead and finds it by its reference', async () => {
    const created = await post(lead);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const found = await fetch(`${url}/echo-demo/leads?reference=sub-1`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(((await found.json()) as { leads: { id: string }[] }).leads.map((l) => l.id)).toEqual([id]);
  });

  it('refuses a wrong token, an email it has, and a body it cannot take, naming the field', async () => {
    expect((await post(lead, 'wrong')).status).toBe(401);
    expect((await post(lead)).status).toBe(201);
    expect((await post({ ...lead, reference: 'sub-2' })).status).toBe(409);
    const refused = await post({ ...lead, email: 'not-an-email', website: 'www.x', phone: '1' });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual(['email', 'phone', 'website']);
    expect((await post({ ...lead, firstName: 'x'.repeat(101) })).status).toBe(400);
  });

  it('drop stores the lead, then cuts the connection without an answer', async () => {
    await fault({ mode: 'drop', endpoint: 'create', count: 1 });
    await expect(post(lead)).rejects.toThrow(TypeError);
    expect((await stored()).map((l) => l.reference)).toEqual(['sub-1']);
  });

  it('hang with delayMs stores the lead after the delay, though the client gave up waiting', async () => {
    await fault({ mode: 'hang', endpoint: 'create', delayMs: 300, count: 1 });
    await expect(post(lead, TOKEN, AbortSignal.timeout(100))).rejects.toThrow();
    expect(await stored()).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await stored()).map((l) => l.reference)).toEqual(['sub-1']);
  });

  it('hits only the share of requests a fault’s rate names: none at 0, all at 1', async () => {
    await fault({ mode: 'fail', endpoint: 'create', rate: 0 });
    expect((await post(lead)).status).toBe(201);
    await fetch(`${url}/__sim/faults`, { method: 'DELETE' });
    await fault({ mode: 'fail', endpoint: 'create', rate: 1 });
    expect((await post({ ...lead, reference: 'sub-2', email: 'b@example.com' })).status).toBe(500);
    expect((await fetch(`${url}/__sim/faults`, { method: 'POST', body: JSON.stringify({ mode: 'fail', rate: 2 }) })).status).toBe(400);
  });
});
