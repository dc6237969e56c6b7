import { createExecutionContext, createMessageBatch, getQueueResult, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../shared/api-error';
import worker from '../tests/worker/test-worker';
import { resetBindings } from './test-migrations';
import { adminRequest, deliveryOf, eventually, perfectGymLead, postLead, request, sim } from './test-support';

const FORM = 'demo-perfectgym';
const TENANT = 'demo-gym';

beforeEach(async () => {
  await resetBindings();
  await sim.reset();
});

const json = { 'Content-Type': 'application/json' };
const erase = (body: unknown, form = FORM) => adminRequest(`/forms/${form}/erase`, { method: 'POST', headers: json, body: JSON.stringify(body) });
const exportOf = (email: string, form = FORM) => adminRequest(`/forms/${form}/export?email=${encodeURIComponent(email)}`);
const rowCount = async () => (await env.DB.prepare('SELECT COUNT(*) AS n FROM deliveries').first<{ n: number }>())!.n;
const codeOf = async (response: Response) => ((await response.json()) as ApiErrorBody).error.code;

async function leadsFor(email: string): Promise<number> {
  const leads = (await sim.leads(TENANT)) as { request: { leadCustomer: { email?: string } } }[];
  return leads.filter((l) => l.request.leadCustomer.email === email).length;
}

async function accept(key: string, lead = perfectGymLead()) {
  const response = await postLead(FORM, lead, { 'Idempotency-Key': key });
  expect(response.status).toBeLessThan(300);
  return lead;
}

/** The queue consumer handed a job's message, as Cloudflare Queues would after erasure. */
async function consume(id: string) {
  const batch = createMessageBatch('leadgate-deliveries', [{ id: 'm1', timestamp: new Date(), attempts: 1, body: { formId: FORM, id } }]);
  const ctx = createExecutionContext();
  await worker.queue(batch as MessageBatch<never>, env as unknown as Env, ctx);
  return getQueueResult(batch, ctx);
}

/** Nothing left to deliver or read of an erased submission. */
async function gone(id: string, email: string) {
  expect((await adminRequest(`/forms/${FORM}/deliveries/${id}`)).status).toBe(404);
  expect(((await (await exportOf(email)).json()) as { submissions: unknown[] }).submissions).toEqual([]);
  expect(await env.DB.prepare('SELECT 1 FROM deliveries WHERE id = ?').bind(id).first()).toBeNull();
  // A message still in the queue is dropped (acked, no attempt), and the sweeper brings nothing back.
  expect((await consume(id)).explicitAcks).toEqual(['m1']);
  const ctx = createExecutionContext();
  await worker.scheduled({ scheduledTime: Date.now(), cron: '* * * * *', noRetry() {} } as ScheduledController, env as unknown as Env, ctx);
  await waitOnExecutionContext(ctx);
  expect(await env.DB.prepare('SELECT 1 FROM deliveries WHERE id = ?').bind(id).first()).toBeNull();
  expect(await leadsFor(email)).toBe(0);
}

describe('erasure', () => {
  it('erases every record of an e-mail, delivered or not, and none of another person', async () => {
    const lead = await accept('erase-mail-0001');
    await accept('erase-mail-0002', { ...perfectGymLead(), email: lead.email.toUpperCase() });
    const other = await accept('erase-other-0001');
    const response = await erase({ email: ` ${lead.email} ` });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { erased: number; submissionIds: string[] };
    expect(body.erased).toBe(2);
    expect(body.submissionIds.sort()).toEqual(['erase-mail-0001', 'erase-mail-0002']);
    expect((await adminRequest(`/forms/${FORM}/deliveries/erase-mail-0001`)).status).toBe(404);
    expect(((await (await exportOf(lead.email)).json()) as { submissions: unknown[] }).submissions).toEqual([]);
    expect((await deliveryOf(FORM, 'erase-other-0001')).lead).toMatchObject({ email: other.email });
  });

  it('erases a lead still queued: the consumer drops it, nothing reaches the vendor', async () => {
    await sim.fault({ tenant: TENANT, endpoint: 'validate', mode: 'fail', status: 503, count: 1 });
    const lead = await accept('erase-queued-0001');
    expect((await deliveryOf(FORM, 'erase-queued-0001')).status).toBe('queued');
    const response = await erase({ submissionId: 'erase-queued-0001' });
    expect(await response.json()).toEqual({ erased: 1, submissionIds: ['erase-queued-0001'] });
    await gone('erase-queued-0001', lead.email);
  });

  it('erases a held lead and a dead letter: nothing to replay, deliver or read', async () => {
    await sim.fault({ tenant: TENANT, endpoint: 'validate', mode: 'fail', status: 400, count: 1 });
    const held = await accept('erase-held-0001');
    expect((await deliveryOf(FORM, 'erase-held-0001')).status).toBe('held');
    await sim.fault({ tenant: TENANT, endpoint: 'validate', mode: 'fail', status: 502 });
    const dead = await accept('erase-dead-0001');
    const batch = createMessageBatch('leadgate-deliveries', [{ id: 'm1', timestamp: new Date(), attempts: 1, body: { formId: FORM, id: 'erase-dead-0001' } }]);
    const ctx = createExecutionContext();
    await worker.queue(batch as MessageBatch<never>, { ...env, DELIVERY_BUDGET_HOURS: '0.0001' } as unknown as Env, ctx);
    await getQueueResult(batch, ctx);
    await eventually(async () => expect((await deliveryOf(FORM, 'erase-dead-0001')).status).toBe('failed'));
    await sim.reset();

    expect(((await (await erase({ email: held.email })).json()) as { erased: number }).erased).toBe(1);
    expect(((await (await erase({ submissionId: 'erase-dead-0001' })).json()) as { erased: number }).erased).toBe(1);
    expect((await adminRequest(`/forms/${FORM}/dead-letters/replay`, { method: 'POST' })).status).toBe(202);
    await gone('erase-held-0001', held.email);
    await gone('erase-dead-0001', dead.email);
  });

  it('refuses a late resend of an erased submission with 410 SUBMISSION_ERASED and stores nothing', async () => {
    const lead = await accept('erase-resend-0001');
    await erase({ submissionId: 'erase-resend-0001' });
    await sim.reset();
    const again = await postLead(FORM, lead, { 'Idempotency-Key': 'erase-resend-0001' });
    expect(again.status).toBe(410);
    expect(await codeOf(again)).toBe('SUBMISSION_ERASED');
    expect(await rowCount()).toBe(0);
    expect(await leadsFor(lead.email)).toBe(0);
  });
});

describe('export', () => {
  it('returns every record of the e-mail with its lead, none of another person, never cached', async () => {
    const lead = await accept('export-0001-abcd');
    await accept('export-other-0001');
    const response = await exportOf(lead.email.toUpperCase());
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const body = (await response.json()) as { submissions: { id: string; status: string; lead: { email: string } }[] };
    expect(body.submissions).toHaveLength(1);
    expect(body.submissions[0]).toMatchObject({ id: 'export-0001-abcd', status: 'delivered', lead: { email: lead.email } });
    expect(body.submissions[0]).toHaveProperty('vendorId');
    expect(body.submissions[0]).toHaveProperty('createdAt');
  });
});

describe('audit', () => {
  it('records every erase and export: who, what, which form, how many, and no e-mail', async () => {
    const lead = await accept('audit-0001-abcde');
    await exportOf(lead.email);
    await erase({ email: lead.email });
    await erase({ submissionId: 'audit-0002-abcde' });
    const response = await adminRequest('/audit');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(lead.email);
    expect(text.toLowerCase()).not.toContain('@example.com');
    const { entries } = JSON.parse(text) as { entries: { actor: string; action: string; formId: string; target: string; count: number }[] };
    expect(entries.map((e) => [e.action, e.count])).toEqual([
      ['erase', 0],
      ['erase', 1],
      ['export', 1],
    ]);
    expect(entries[0]).toMatchObject({ actor: 'admin', formId: FORM, target: 'submission:audit-0002-abcde' });
    expect(entries[1]!.target).toMatch(/^subject:[0-9a-f]{64}$/);
    const stored = JSON.stringify((await env.DB.prepare('SELECT * FROM admin_audit').all()).results);
    expect(stored).not.toContain(lead.email);
    expect((await request('/v1/admin/audit')).status).toBe(401);
  });
});

describe('bad input', () => {
  it('refuses malformed, ambiguous, oversized and unauthorised requests with closed 4xx errors, and changes nothing', async () => {
    const lead = await accept('bad-input-0001');
    const cases: [Response, number, string][] = [
      [await erase({}), 400, 'INVALID_REQUEST'],
      [await erase({ email: lead.email, submissionId: 'bad-input-0001' }), 400, 'INVALID_REQUEST'],
      [await erase({ email: 'not-an-address' }), 400, 'INVALID_REQUEST'],
      [await erase({ submissionId: '../../x' }), 400, 'INVALID_REQUEST'],
      [await erase({ submissionId: 42 }), 400, 'INVALID_REQUEST'],
      [await erase({ email: `${'a'.repeat(2000)}@example.com` }), 413, 'PAYLOAD_TOO_LARGE'],
      [await adminRequest(`/forms/${FORM}/erase`, { method: 'POST', headers: json, body: '{' }), 400, 'INVALID_JSON'],
      [await adminRequest(`/forms/${FORM}/erase`, { method: 'POST', body: 'email=x' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [await erase({ email: lead.email }, 'no-such-form'), 404, 'FORM_NOT_FOUND'],
      [await exportOf(lead.email, 'no-such-form'), 404, 'FORM_NOT_FOUND'],
      [await exportOf('nope'), 400, 'INVALID_REQUEST'],
      [await adminRequest(`/forms/${FORM}/export`), 400, 'INVALID_REQUEST'],
      [await adminRequest('/audit?limit=x'), 400, 'INVALID_REQUEST'],
      [
        await request(`/v1/admin/forms/${FORM}/erase`, {
          method: 'POST',
          headers: { ...json, Authorization: 'Bearer wrong-token-wrong-token' },
          body: JSON.stringify({ email: lead.email }),
        }),
        401,
        'ADMIN_UNAUTHORIZED',
      ],
      [await request(`/v1/admin/forms/${FORM}/export?email=${encodeURIComponent(lead.email)}`), 401, 'ADMIN_UNAUTHORIZED'],
    ];
    for (const [response, status, code] of cases) expect([response.status, await codeOf(response)]).toEqual([status, code]);
    expect(await rowCount()).toBe(1);
    // Nothing refused was audited (read before `show` below, which is itself an audited read).
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM admin_audit').first<{ n: number }>())!.n).toBe(0);
    expect((await deliveryOf(FORM, 'bad-input-0001')).lead).toMatchObject({ email: lead.email });
  });
});
