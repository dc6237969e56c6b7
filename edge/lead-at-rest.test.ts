import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { TEST_FORMS } from '../tests/worker/test-forms';
import { deliveryLedger } from './delivery/delivery-ledger';
import { leadHash } from './delivery/lead-hash';
import { sweepDeliveries } from './delivery/sweep-deliveries';
import { parseFormsFile } from './forms/parse-forms-file';
import { HASH_KEY_SECRET } from './privacy/keyed-hash';
import { LeadUnreadableError } from './privacy/lead-cipher';
import { resetBindings } from './test-migrations';
import { adminRequest, deliveryOf, perfectGymLead, postLead, request, sim } from './test-support';

const FORM = 'demo-perfectgym';
/** A form with its own retention: 2 days after delivery, 3 for dead letters and held leads. */
const SHORT_FORM = 'test-retention';
const DAY = 86_400_000;
const secrets = env as unknown as Record<string, string>;

beforeEach(async () => {
  await resetBindings();
  await sim.reset();
});

const row = (formId: string, id: string) =>
  env.DB.prepare('SELECT lead_json, lead_hash FROM deliveries WHERE form_id = ? AND id = ?')
    .bind(formId, id)
    .first<{ lead_json: string | null; lead_hash: string | null }>();

async function delivered(formId: string, key: string, lead = perfectGymLead()) {
  const response = await postLead(formId, lead, { 'Idempotency-Key': key });
  expect(response.status).toBe(201);
  return lead;
}

describe('a lead at rest', () => {
  it('is stored encrypted under the current key: no name or e-mail address in D1, and its key id', async () => {
    const lead = await delivered(FORM, 'rest-0001-abcdef');
    const stored = (await row(FORM, 'rest-0001-abcdef'))?.lead_json ?? '';
    const kid = secrets.LEADGATE_DATA_KEYS!.split(',')[0]!.split(':')[0]!;
    expect(stored.startsWith(`lg1.${kid}.`)).toBe(true);
    for (const value of [lead.email, lead.firstName, lead.lastName, lead.phone]) expect(stored).not.toContain(value);
    // The operator still reads it, decrypted.
    expect((await deliveryOf(FORM, 'rest-0001-abcdef')).lead).toMatchObject({ email: lead.email, firstName: 'Max' });
  });

  it('does not decrypt once copied to another row: a clear error, and nothing of the lead in the answer', async () => {
    const lead = await delivered(FORM, 'rest-0002-abcdef');
    await delivered(FORM, 'rest-0003-abcdef');
    const moved = (await row(FORM, 'rest-0002-abcdef'))?.lead_json;
    await env.DB.prepare('UPDATE deliveries SET lead_json = ? WHERE form_id = ? AND id = ?').bind(moved, FORM, 'rest-0003-abcdef').run();

    await expect(deliveryLedger(env).find(FORM, 'rest-0003-abcdef')).rejects.toThrow(LeadUnreadableError);
    await expect(deliveryLedger(env).find(FORM, 'rest-0003-abcdef')).rejects.toThrow(/rest-0003-abcdef cannot be decrypted: it was sealed for another row/);
    const response = await adminRequest(`/forms/${FORM}/deliveries/rest-0003-abcdef`);
    const text = await response.text();
    expect([response.status, JSON.parse(text).error.code]).toEqual([500, 'INTERNAL_ERROR']);
    expect(text).not.toContain(lead.email);
    // Its own row still reads.
    expect((await deliveryOf(FORM, 'rest-0002-abcdef')).lead).toMatchObject({ email: lead.email });
  });

  it('still reads a plain-JSON lead stored before encryption', async () => {
    const lead = await delivered(FORM, 'rest-0004-abcdef');
    await env.DB.prepare('UPDATE deliveries SET lead_json = ? WHERE form_id = ? AND id = ?').bind(JSON.stringify(lead), FORM, 'rest-0004-abcdef').run();
    expect((await deliveryOf(FORM, 'rest-0004-abcdef')).lead).toMatchObject({ email: lead.email });
  });

  it('is recognised on a reused key by a keyed hash: not a plain SHA-256, and another key gives another hash', async () => {
    const lead = await delivered(FORM, 'rest-0005-abcdef');
    const stored = (await row(FORM, 'rest-0005-abcdef'))?.lead_hash;
    const json = new TextEncoder().encode(JSON.stringify(lead));
    const plain = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', json)), (b) => b.toString(16).padStart(2, '0')).join('');
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toBe(plain);
    expect(stored).toBe(await leadHash(secrets[HASH_KEY_SECRET]!, lead));
    expect(await leadHash('another key of at least thirty-two bytes', lead)).not.toBe(stored);
    // The key still does its job: the same key with another lead is refused.
    const other = await postLead(FORM, perfectGymLead(), { 'Idempotency-Key': 'rest-0005-abcdef' });
    expect([other.status, ((await other.json()) as { error: { code: string } }).error.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
  });

  it('answers a repeat of a key whose old unkeyed hash the migration dropped as it was first answered', async () => {
    const lead = await delivered(FORM, 'rest-0006-abcdef');
    await env.DB.prepare('UPDATE deliveries SET lead_hash = NULL WHERE id = ?').bind('rest-0006-abcdef').run();
    const again = await postLead(FORM, lead, { 'Idempotency-Key': 'rest-0006-abcdef' });
    expect([again.status, await again.json()]).toEqual([201, { status: 'delivered', submissionId: 'rest-0006-abcdef' }]);
    expect(await sim.leads('demo-gym')).toHaveLength(1);
  });
});

describe('key rotation', () => {
  const key = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));

  it('reads leads under the old key once a new key is first, and re-encrypts them all under it', async () => {
    const k1 = `k1:${key()}`;
    const k2 = `k2:${key()}`;
    const old = deliveryLedger({ DB: env.DB, LEADGATE_DATA_KEYS: k1 });
    const lead = perfectGymLead();
    for (const id of ['rot-0001-abcdef', 'rot-0002-abcdef']) {
      await old.claimNew({ id, formId: FORM, lead, receivedAt: Date.now() }, { lead: 'h' }, 60_000);
    }
    // Plain JSON from before encryption is re-encrypted too.
    await env.DB.prepare('UPDATE deliveries SET lead_json = ? WHERE id = ?').bind(JSON.stringify(lead), 'rot-0002-abcdef').run();
    const rotated = deliveryLedger({ DB: env.DB, LEADGATE_DATA_KEYS: `${k2},${k1}` });
    expect((await rotated.find(FORM, 'rot-0001-abcdef'))?.lead).toMatchObject({ email: lead.email });

    expect(await rotated.reencrypt(1)).toEqual({ reencrypted: 1, unreadable: 0, remaining: 1 });
    expect(await rotated.reencrypt(500)).toEqual({ reencrypted: 1, unreadable: 0, remaining: 0 });
    const { results } = await env.DB.prepare('SELECT lead_json FROM deliveries').all<{ lead_json: string }>();
    expect(results.map((r) => r.lead_json.split('.')[1])).toEqual(['k2', 'k2']);
    // Without k1 they still read: the old key can go.
    const only = deliveryLedger({ DB: env.DB, LEADGATE_DATA_KEYS: k2 });
    expect((await only.find(FORM, 'rot-0001-abcdef'))?.lead).toMatchObject({ email: lead.email });
    expect((await only.find(FORM, 'rot-0002-abcdef'))?.lead).toMatchObject({ email: lead.email });
  });

  it('answers the admin route with its counts and writes an audit entry', async () => {
    await delivered(FORM, 'rot-0003-abcdef');
    const response = await adminRequest('/keys/re-encrypt', { method: 'POST' });
    expect([response.status, await response.json()]).toEqual([200, { reencrypted: 0, unreadable: 0, remaining: 0 }]);
    const audit = await env.DB.prepare('SELECT actor, action, count FROM admin_audit').all();
    expect(audit.results).toEqual([{ actor: 'admin', action: 're_encrypt', count: 0 }]);
    expect((await request('/v1/admin/keys/re-encrypt', { method: 'POST' })).status).toBe(401);
  });
});

describe('retention', () => {
  const rows = async (formId: string) =>
    (await env.DB.prepare('SELECT id FROM deliveries WHERE form_id = ?').bind(formId).all<{ id: string }>()).results.map((r) => r.id);
  const stats = async (formId: string) =>
    (await (await adminRequest(`/forms/${formId}/stats`)).json()) as { counts: Record<string, number>; archived: Record<string, number> };

  it('deletes each form’s rows after its own period, and keeps only their counts in the stats', async () => {
    await delivered(SHORT_FORM, 'keep-0001-short');
    await delivered(FORM, 'keep-0001-default');
    const now = Date.now();
    expect((await sweepDeliveries(env, now + DAY + 60_000, TEST_FORMS)).deleted).toBe(0);

    // Two days on: the form's own period (2) has passed, the default (7) has not.
    expect((await sweepDeliveries(env, now + 2 * DAY + 60_000, TEST_FORMS)).deleted).toBe(1);
    expect(await rows(SHORT_FORM)).toEqual([]);
    expect(await rows(FORM)).toEqual(['keep-0001-default']);
    const counted = await stats(SHORT_FORM);
    expect([counted.counts.delivered, counted.archived.delivered]).toEqual([1, 1]);
    const kept = await env.DB.prepare('SELECT * FROM delivery_counts WHERE form_id = ?').bind(SHORT_FORM).all();
    expect(kept.results).toEqual([{ form_id: SHORT_FORM, day: new Date(now).toISOString().slice(0, 10), status: 'delivered', count: 1 }]);

    expect((await sweepDeliveries(env, now + 7 * DAY + 60_000, TEST_FORMS)).deleted).toBe(1);
    expect(await rows(FORM)).toEqual([]);
    expect((await stats(FORM)).counts.delivered).toBe(1);
  });

  it.each([
    [{ deliveredDays: 0 }, 'retention.deliveredDays: must be at least 1 day'],
    [{ deadLetterDays: 1.5 }, 'retention.deadLetterDays: must be whole days'],
    [{ deliveredDays: '7' }, 'retention.deliveredDays: must be a number of days'],
    [{ forever: true }, 'retention.forever'],
  ])('refuses a form config with retention %j', (retention, message) => {
    const form = {
      id: 'city-gym',
      vendor: 'perfectgym-next',
      connection: { baseUrl: 'https://city.open-api.perfectgym.com/v1', apiKeySecret: 'CITY_GYM_API_KEY' },
      allowedOrigins: ['https://www.city-gym.example'],
      defaultLocale: 'de',
      consent: { privacyPolicyUrl: 'https://www.city-gym.example/privacy' },
      retention,
    };
    expect(() => parseFormsFile({ forms: [form] })).toThrow(message);
  });
});
