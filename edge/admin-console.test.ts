import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import type { DeliveryList } from '../shared/admin';
import type { AdminOverview, AdminSession, DailyCounts } from '../shared/admin-console';
import type { CreatedAdminToken } from '../shared/admin-tokens';
import { accessSimulatorClient } from '../tests/simulators/access/access-client';
import { resetBindings } from './test-migrations';
import { adminRequest, perfectGymLead, postLead, request, sim } from './test-support';

const FORM = 'demo-perfectgym';
const OTHER = 'demo-magicline-open';
const DAY_MS = 86_400_000;

beforeEach(async () => {
  await resetBindings();
  await sim.reset();
});

async function accept(key: string): Promise<void> {
  const response = await postLead(FORM, perfectGymLead(), { 'Idempotency-Key': key });
  expect(response.status).toBe(201);
}

/** A delivery moved into another status and back in time, as a spent budget and the passing days leave it. */
async function age(id: string, status: string, daysAgo: number): Promise<void> {
  const at = Date.now() - daysAgo * DAY_MS;
  await env.DB.prepare('UPDATE deliveries SET status = ?1, created_at = ?2, finished_at = ?2, updated_at = ?2 WHERE form_id = ?3 AND id = ?4')
    .bind(status, at, FORM, id)
    .run();
}

async function scopedToken(forms: string[]): Promise<string> {
  const response = await adminRequest('/tokens', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ forms, label: 'agency' }),
  });
  return ((await response.json()) as CreatedAdminToken).token;
}

const asToken = (token: string, path: string) => request(`/v1/admin${path}`, { headers: { Authorization: `Bearer ${token}` } });
const dayOf = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY_MS).toISOString().slice(0, 10);

describe('the console session', () => {
  it('names the admin token and every form; a scoped token and its own forms', async () => {
    expect(await (await adminRequest('/session')).json()).toEqual({ actor: 'admin', via: 'token', forms: '*' } satisfies AdminSession);
    const token = await scopedToken([FORM]);
    const session = (await (await asToken(token, '/session')).json()) as AdminSession;
    expect(session).toMatchObject({ via: 'scoped-token', forms: [FORM] });
    expect(session.actor).toMatch(/^token:/);
  });

  it('names Cloudflare Access when its assertion signed the request in, with every form', async () => {
    const { token } = await accessSimulatorClient(inject('simulators').access).token();
    const session = (await (await request('/v1/admin/session', { headers: { 'Cf-Access-Jwt-Assertion': token } })).json()) as AdminSession;
    expect(session).toMatchObject({ via: 'access', forms: '*' });
    expect(session.actor).toMatch(/^access:/);
  });

  it('is 401 without a token', async () => {
    expect((await request('/v1/admin/session')).status).toBe(401);
  });
});

describe('the overview', () => {
  it('counts leads by 24 hours and 30 days, dead letters and held ones, with a light and its reason', async () => {
    await accept('overview-0001-abcdef');
    await accept('overview-0002-abcdef');
    await age('overview-0002-abcdef', 'delivered', 10);
    await accept('overview-0003-abcdef');
    await age('overview-0003-abcdef', 'failed', 0.5);
    await accept('overview-0004-abcdef');
    await age('overview-0004-abcdef', 'held', 3);
    await env.DB.prepare("INSERT INTO delivery_counts (form_id, day, status, count) VALUES (?1, ?2, 'delivered', 5), (?1, ?3, 'delivered', 7)")
      .bind(FORM, dayOf(20), dayOf(40))
      .run();
    const { forms } = (await (await adminRequest('/overview')).json()) as AdminOverview;
    const row = forms.find((f) => f.id === FORM)!;
    expect(row).toEqual({
      id: FORM,
      vendor: 'perfectgym-next',
      leads24h: 2,
      leads30d: 4 + 5,
      held: 1,
      deadLetters: 1,
      unknown: 0,
      light: 'red',
      lightReason: '1 dead letter in the last 24 hours',
    });
    expect(forms.find((f) => f.id === OTHER)).toMatchObject({ leads30d: 0, light: 'grey', lightReason: 'No leads in the last 30 days' });
  });

  it('is amber while a lead waits for an operator, green when every recent lead arrived', async () => {
    await accept('light-0001-abcdef');
    const green = ((await (await adminRequest('/overview')).json()) as AdminOverview).forms.find((f) => f.id === FORM)!;
    expect(green).toMatchObject({ light: 'green', lightReason: '1 lead delivered in the last 24 hours' });
    await accept('light-0002-abcdef');
    await age('light-0002-abcdef', 'unknown', 2);
    const amber = ((await (await adminRequest('/overview')).json()) as AdminOverview).forms.find((f) => f.id === FORM)!;
    expect(amber).toMatchObject({ light: 'amber', unknown: 1, lightReason: '1 lead waiting for an operator' });
  });

  it('shows a scoped token only its own forms', async () => {
    const token = await scopedToken([FORM]);
    const response = await asToken(token, '/overview');
    expect(response.status).toBe(200);
    expect(((await response.json()) as AdminOverview).forms.map((f) => f.id)).toEqual([FORM]);
  });

  it('keeps every other global route closed to a scoped token', async () => {
    const token = await scopedToken([FORM]);
    expect((await asToken(token, '/tokens')).status).toBe(401);
    expect((await asToken(token, '/overview/')).status).not.toBe(200);
  });
});

describe('a form per day', () => {
  it('has every day of the range, today last, counting kept rows and the counts retention left', async () => {
    await accept('daily-0001-abcdef');
    await accept('daily-0002-abcdef');
    await age('daily-0002-abcdef', 'failed', 2);
    await env.DB.prepare("INSERT INTO delivery_counts (form_id, day, status, count) VALUES (?1, ?2, 'duplicate', 3), (?1, ?3, 'delivered', 9)")
      .bind(FORM, dayOf(8), dayOf(40))
      .run();
    const response = await adminRequest(`/forms/${FORM}/daily?days=30`);
    expect(response.status).toBe(200);
    const { days } = (await response.json()) as DailyCounts;
    expect(days).toHaveLength(30);
    expect(days.at(-1)).toMatchObject({ day: dayOf(0), delivered: 1, failed: 0 });
    expect(days.find((d) => d.day === dayOf(2))).toMatchObject({ failed: 1, delivered: 0 });
    expect(days.find((d) => d.day === dayOf(8))).toMatchObject({ duplicate: 3 });
    expect(days.reduce((sum, d) => sum + d.delivered, 0)).toBe(1);
  });

  it('refuses a range outside 1 to 90 days, and another form to a scoped token as if it did not exist', async () => {
    for (const days of ['0', '91', 'x']) expect((await adminRequest(`/forms/${FORM}/daily?days=${days}`)).status).toBe(400);
    const token = await scopedToken([FORM]);
    expect((await asToken(token, `/forms/${FORM}/daily`)).status).toBe(200);
    expect((await asToken(token, `/forms/${OTHER}/daily`)).status).toBe(404);
  });
});

describe('the deliveries list by time', () => {
  it('keeps to submissions in [since, until)', async () => {
    await accept('since-0001-abcdef');
    await accept('since-0002-abcdef');
    await age('since-0002-abcdef', 'delivered', 5);
    const ids = async (query: string) =>
      ((await (await adminRequest(`/forms/${FORM}/deliveries?${query}`)).json()) as DeliveryList).deliveries.map((d) => d.id);
    expect(await ids(`since=${dayOf(1)}`)).toEqual(['since-0001-abcdef']);
    expect(await ids(`until=${encodeURIComponent(new Date(Date.now() - DAY_MS).toISOString())}`)).toEqual(['since-0002-abcdef']);
    expect(await ids(`since=${dayOf(6)}&until=${dayOf(4)}`)).toEqual(['since-0002-abcdef']);
  });

  it('refuses a time that is not ISO 8601', async () => {
    for (const since of ['yesterday', '2026-13-45', '1700000000']) {
      expect((await adminRequest(`/forms/${FORM}/deliveries?since=${since}`)).status).toBe(400);
    }
  });
});
