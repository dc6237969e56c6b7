import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import type { FormSpec } from '../../../shared/form-spec';
import type { Lead } from '../../../shared/lead';
import { validateLead } from '../../../shared/lead-schema';
import { virtuagymControl } from '../../../tests/stack/simulator-client';
import { resetBindings } from '../../test-migrations';
import { adapterContract } from '../adapter-contract';
import { brokerTokenSource } from './broker-token-source';
import { VIRTUAGYM_FORM } from './describe-virtuagym-form';
import { MAX_PAGES, PAGE_SIZE } from './find-virtuagym-lead';
import { type VirtuagymOptions, virtuagymAdapter } from './virtuagym-adapter';
import type { VirtuagymAttributionConfig } from './virtuagym-config';

const url = inject('simulators').virtuagym;
const vg = virtuagymControl(url);
const CLUB = 41234;
let n = 0;

// Short, so a lost answer (the simulator answering after it) costs the suite seconds, not tens of them.
const TIMEOUT_MS = 1500;

function adapter(clientSecret: string, extraFields?: VirtuagymOptions['extraFields']) {
  const tokenUrl = `${url}/auth/realms/virtuagym/protocol/openid-connect/token`;
  const tokens = brokerTokenSource(env.VIRTUAGYM_TOKENS, { tokenUrl, clubId: CLUB, clientId: env.VG_DEMO_CLIENT_ID, clientSecret, timeoutMs: TIMEOUT_MS });
  return virtuagymAdapter({ apiBaseUrl: url, clubId: CLUB, defaults: { statusId: 1 }, tokens, timeoutMs: TIMEOUT_MS, ...(extraFields ? { extraFields } : {}) });
}

adapterContract('virtuagym', {
  adapter: () => adapter(env.VG_DEMO_CLIENT_SECRET),
  // Keycloak answers invalid_client: the lead must be held for the operator, not retried.
  misconfiguredAdapter: () => adapter('not-the-secret'),
  validLead: () => ({ firstName: 'Sanne', lastName: 'de Vries', email: `contract.${Date.now()}.${++n}@example.com` }),
  // Neither email nor phone: the vendor's "At least one of fields …" lands on the contact group.
  leadTheVendorRefuses: () => ({ lead: { firstName: 'Sanne', lastName: 'de Vries' }, field: 'contact' }),
  fault: async (fault) => {
    await vg.fault({ tenant: String(CLUB), endpoint: 'create', ...fault });
  },
  // The simulator stores the lead, then answers after the adapter stopped waiting.
  loseNextAnswer: async () => {
    await vg.fault({ tenant: String(CLUB), endpoint: 'create', mode: 'hang', delayMs: TIMEOUT_MS + 1000, count: 1 });
  },
  // The lead list shows each lead's external_id, which carries the submission id.
  afterLostAnswer: 'delivered',
  stored: async () => (await vg.clubLeads(CLUB)).length,
  reset: async () => {
    await resetBindings();
    await vg.reset();
  },
});

describe('virtuagym attribution', () => {
  beforeEach(async () => {
    await resetBindings();
    await vg.reset();
  });

  const SEPARATOR = '— Leadgate attribution —';
  const SOURCES = { instagram: 12, Google: 14 };
  const person = (overrides: Lead = {}): Lead => ({
    firstName: 'Sanne',
    lastName: 'de Vries',
    email: `attribution.${Date.now()}.${++n}@example.com`,
    ...overrides,
  });

  /** `source` is the form's default lead source; null for none. */
  function adapterWith(attribution?: VirtuagymAttributionConfig, source: number | null = 2) {
    const tokenUrl = `${url}/auth/realms/virtuagym/protocol/openid-connect/token`;
    const tokens = brokerTokenSource(env.VIRTUAGYM_TOKENS, {
      tokenUrl,
      clubId: CLUB,
      clientId: env.VG_DEMO_CLIENT_ID,
      clientSecret: env.VG_DEMO_CLIENT_SECRET,
      timeoutMs: 5000,
    });
    const defaults = { statusId: 1, ...(source === null ? {} : { source }) };
    return virtuagymAdapter({ apiBaseUrl: url, clubId: CLUB, defaults, tokens, timeoutMs: 5000, ...(attribution ? { attribution } : {}) });
  }

  /** The body of the one create (or update) the gateway answered. */
  async function sent(endpoint: 'create' | 'update') {
    const answered = (await vg.requests()).filter((r) => r.endpoint === endpoint && r.status === 200);
    expect(answered).toHaveLength(1);
    return answered[0]!.body as Record<string, unknown>;
  }

  async function deliver(lead: Lead, attribution?: VirtuagymAttributionConfig, source?: number | null) {
    const outcome = await adapterWith(attribution, source).deliver(lead, VIRTUAGYM_FORM, {
      submissionId: `attr-${Date.now()}-${++n}`,
      marketing: 'none',
      afterUnknown: false,
      receivedAt: Date.now(),
    });
    expect(outcome).toMatchObject({ kind: 'delivered' });
    return sent('create');
  }

  it('sets the lead source the form maps the utm_source to, ignoring case, and appends the block to the note', async () => {
    const body = await deliver(
      person({ note: 'Mornings suit me', attribution: { utm_source: 'Instagram', utm_medium: 'paid_social', utm_campaign: 'spring-2026', fbclid: 'IwAR0x' } }),
      { campaign: 'utm_campaign', notes: true, sources: SOURCES },
    );
    expect(body.source).toBe(12);
    expect(body.note).toBe(`Mornings suit me\n\n${SEPARATOR}\nSource: Instagram / paid_social\nCampaign: spring-2026\nClick id: fbclid=IwAR0x`);
    expect((await vg.clubLeads(CLUB))[0]).toMatchObject({ source_id: '12' });
  });

  it('matches a map key written in capitals too', async () => {
    expect((await deliver(person({ attribution: { utm_source: 'google' } }), { campaign: 'utm_campaign', notes: true, sources: SOURCES })).source).toBe(14);
  });

  it('falls back to the form’s default source for a utm_source not in the map, and to none without a default', async () => {
    const body = await deliver(person({ attribution: { utm_source: 'tiktok' } }), { campaign: 'utm_campaign', notes: true, sources: SOURCES });
    expect(body.source).toBe(2);
    expect(body.note).toBe(`${SEPARATOR}\nSource: tiktok`);
    await vg.reset();
    const noDefault = await deliver(person({ attribution: { utm_source: 'tiktok' } }), { campaign: 'utm_campaign', notes: true, sources: SOURCES }, null);
    expect(noDefault).not.toHaveProperty('source');
  });

  it('keeps the note within 3500 characters by shortening the block, never the visitor’s message', async () => {
    const message = 'Ik train graag vroeg. '.repeat(150).trim(); // 3299 characters
    const referrer = `https://www.google.com/search?q=${'sportschool+'.repeat(30)}`;
    const body = await deliver(
      person({ note: message, attribution: { utm_source: 'google', utm_campaign: 'spring-2026', referrer, landingPage: 'https://www.gym.example/' } }),
    );
    const note = body.note as string;
    expect(note).toHaveLength(3500);
    expect(note.startsWith(`${message}\n\n${SEPARATOR}\nSource: google\nCampaign: spring-2026\nReferrer: https://www.google.com/search?q=sportschool+`)).toBe(
      true,
    );
    expect(note.endsWith('…')).toBe(true);
    expect(note).not.toContain('Landing page');
  });

  it('sends the visitor’s message alone when the form turns notes off, and still maps the source', async () => {
    const body = await deliver(person({ note: 'Mornings suit me', attribution: { utm_source: 'instagram', utm_campaign: 'spring-2026' } }), {
      campaign: 'utm_campaign',
      notes: false,
      sources: SOURCES,
    });
    expect(body.note).toBe('Mornings suit me');
    expect(body.source).toBe(12);
  });

  it('sends no block and no separator for a lead without attribution', async () => {
    const body = await deliver(person({ note: 'Mornings suit me' }), { campaign: 'utm_campaign', notes: true, sources: SOURCES });
    expect(body.note).toBe('Mornings suit me');
    expect(body.source).toBe(2);
    await vg.reset();
    expect(await deliver(person())).not.toHaveProperty('note');
  });

  it('keeps the block when the second step replaces the note, and sends the whole lead again when it does not', async () => {
    const adapter = adapterWith({ campaign: 'utm_campaign', notes: true, sources: SOURCES });
    const attribution = { utm_source: 'instagram', utm_campaign: 'spring-2026' };
    const first = { lead: person({ note: 'Mornings suit me', attribution }), submissionId: `attr-upd-${++n}` };
    const created = await adapter.deliver(first.lead, VIRTUAGYM_FORM, {
      submissionId: first.submissionId,
      marketing: 'none',
      afterUnknown: false,
      receivedAt: Date.now(),
    });
    const vendorId = (created as { vendorId: string }).vendorId;
    const update = (changes: Lead) => adapter.update!(vendorId, changes, first);
    expect(await update({ note: 'Mornings suit me\n\nGoal: Build muscle', attribution })).toMatchObject({ kind: 'delivered' });
    expect((await sent('update')).note).toBe(`Mornings suit me\n\nGoal: Build muscle\n\n${SEPARATOR}\nSource: instagram\nCampaign: spring-2026`);
    await vg.clearRequests();
    expect(await update({ gender: 'female' })).toMatchObject({ kind: 'delivered' });
    // The whole lead again, its first note and block included: the doc gives update the create's parameters.
    expect(await sent('update')).toEqual({
      firstname: 'Sanne',
      lastname: 'de Vries',
      email: first.lead.email,
      gender: 'f',
      note: `Mornings suit me\n\n${SEPARATOR}\nSource: instagram\nCampaign: spring-2026`,
      status_id: 1,
      source: 12,
      external_id: first.submissionId,
    });
  });
});

describe('virtuagym after a lost answer', () => {
  beforeEach(async () => {
    await resetBindings();
    await vg.reset();
  });

  const good = () => adapter(env.VG_DEMO_CLIENT_SECRET);
  const person = (): Lead => ({ firstName: 'Sanne', lastName: 'de Vries', email: `lookup.${Date.now()}.${++n}@example.com` });
  const meta = (submissionId: string, afterUnknown: boolean, receivedAt = Date.now() - 1000) => ({
    submissionId,
    marketing: 'none' as const,
    afterUnknown,
    receivedAt,
  });

  /** `count` new leads, each with its own submission id, newer than the lead under test. */
  async function others(count: number) {
    const adapter = good();
    for (let i = 0; i < count; i += 25) {
      const batch = Array.from({ length: Math.min(25, count - i) }, () => adapter.deliver(person(), VIRTUAGYM_FORM, meta(`other-${++n}`, false)));
      for (const outcome of await Promise.all(batch)) expect(outcome.kind).toBe('delivered');
    }
  }

  const calls = async (endpoint: 'list' | 'create') => (await vg.requests()).filter((r) => r.endpoint === endpoint).length;

  it('finds the earlier create by its external_id on a later page of the list, and creates nothing', async () => {
    const lost = await good().deliver(person(), VIRTUAGYM_FORM, meta('lost-0001', false));
    await others(PAGE_SIZE + 5);
    await vg.clearRequests();
    const retried = await good().deliver(person(), VIRTUAGYM_FORM, meta('lost-0001', true));
    expect(retried).toEqual({ kind: 'delivered', vendorId: (lost as { vendorId: string }).vendorId });
    expect(await calls('list')).toBe(2);
    expect(await calls('create')).toBe(0);
    expect(await vg.clubLeads(CLUB)).toHaveLength(PAGE_SIZE + 6);
  });

  it('stops at leads older than the submission and creates it once', async () => {
    await others(30);
    await vg.clearRequests();
    // Received after every stored lead (beyond the clock slack): the first page already reaches older leads.
    const outcome = await good().deliver(person(), VIRTUAGYM_FORM, meta('lost-0002', true, Date.now() + 60 * 60 * 1000));
    expect(outcome).toMatchObject({ kind: 'delivered' });
    expect(await calls('list')).toBe(1);
    expect(await calls('create')).toBe(1);
  });

  it('calls a list it cannot read transient, and never creates then', async () => {
    await vg.fault({ tenant: String(CLUB), endpoint: 'list', mode: 'fail', status: 500 });
    expect(await good().deliver(person(), VIRTUAGYM_FORM, meta('lost-0003', true))).toMatchObject({ kind: 'transient' });
    expect(await calls('create')).toBe(0);
    expect(await vg.clubLeads(CLUB)).toEqual([]);
  });

  it('leaves it to an operator when the page cap ends the scan before older leads', async () => {
    await others(MAX_PAGES * PAGE_SIZE);
    await vg.clearRequests();
    const outcome = await good().deliver(person(), VIRTUAGYM_FORM, meta('lost-0004', true));
    expect(outcome).toMatchObject({ kind: 'undetermined' });
    expect(await calls('list')).toBe(MAX_PAGES);
    expect(await calls('create')).toBe(0);
  }, 60_000);

  it('calls a create whose answer is a 5xx unknown, but a token failure before it transient', async () => {
    await vg.fault({ tenant: String(CLUB), endpoint: 'create', mode: 'fail', status: 502, count: 1 });
    expect(await good().deliver(person(), VIRTUAGYM_FORM, meta('lost-0005', false))).toMatchObject({ kind: 'unknown' });
    await resetBindings(); // no cached token: the next delivery asks Keycloak first
    await vg.fault({ tenant: String(CLUB), endpoint: 'token', mode: 'fail', status: 503, count: 1 });
    expect(await good().deliver(person(), VIRTUAGYM_FORM, meta('lost-0006', false))).toMatchObject({ kind: 'transient' });
  });
});

describe('virtuagym fields a form switches on', () => {
  beforeEach(async () => {
    await resetBindings();
    await vg.reset();
  });

  it('asks for mobile, address line 2 and state only when listed, and counts mobile as a contact', async () => {
    const plain = adapter(env.VG_DEMO_CLIENT_SECRET).describe(VIRTUAGYM_FORM);
    expect(plain.fields.map((f) => f.name)).not.toEqual(expect.arrayContaining(['mobile']));
    const extended = adapter(env.VG_DEMO_CLIENT_SECRET, ['mobile', 'address.line2', 'address.state']);
    const form = extended.describe(await extended.fetchRules());
    expect(form.fields.filter((f) => ['mobile', 'address.line2', 'address.state'].includes(f.name)).map((f) => [f.name, f.maxLength])).toEqual([
      ['mobile', 42],
      ['address.line2', 255],
      ['address.state', 255],
    ]);
    expect(form.rules).toEqual([{ kind: 'at-least-one', name: 'contact', fields: ['email', 'phone', 'mobile'] }]);
    const spec: FormSpec = { formId: 'vg', locale: 'en', fields: [...form.fields], rules: [...form.rules], texts: {}, success: {} };
    const lead: Lead = { firstName: 'Sanne', lastName: 'de Vries', mobile: '+31 6 12345678', address: { line2: 'Unit 4', state: 'Noord-Holland' } };
    expect(validateLead(spec, lead)).toMatchObject({ success: true });
    const outcome = await extended.deliver(lead, form, { submissionId: 'extra-0001', marketing: 'none', afterUnknown: false, receivedAt: Date.now() });
    expect(outcome).toMatchObject({ kind: 'delivered' });
    expect((await vg.clubLeads(CLUB))[0]).toMatchObject({ mobile: '+31 6 12345678', address_2: 'Unit 4', state: 'Noord-Holland', phone: '', email: '' });
  });
});
