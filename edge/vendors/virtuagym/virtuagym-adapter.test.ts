import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import type { Lead } from '../../../shared/lead';
import { virtuagymControl } from '../../../tests/stack/simulator-client';
import { resetBindings } from '../../test-migrations';
import { adapterContract } from '../adapter-contract';
import { brokerTokenSource } from './broker-token-source';
import { VIRTUAGYM_FORM } from './describe-virtuagym-form';
import { virtuagymAdapter } from './virtuagym-adapter';
import type { VirtuagymAttributionConfig } from './virtuagym-config';

const url = inject('simulators').virtuagym;
const vg = virtuagymControl(url);
const CLUB = 41234;
let n = 0;

function adapter(clientSecret: string) {
  const tokenUrl = `${url}/auth/realms/virtuagym/protocol/openid-connect/token`;
  const tokens = brokerTokenSource(env.VIRTUAGYM_TOKENS, { tokenUrl, clubId: CLUB, clientId: env.VG_DEMO_CLIENT_ID, clientSecret, timeoutMs: 5000 });
  return virtuagymAdapter({ apiBaseUrl: url, clubId: CLUB, defaults: { statusId: 1 }, tokens, timeoutMs: 5000 });
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

  it('keeps the block when the second step replaces the note, and leaves the note alone when it does not', async () => {
    const adapter = adapterWith({ campaign: 'utm_campaign', notes: true, sources: SOURCES });
    const attribution = { utm_source: 'instagram', utm_campaign: 'spring-2026' };
    const created = await adapter.deliver(person({ note: 'Mornings suit me', attribution }), VIRTUAGYM_FORM, {
      submissionId: `attr-upd-${++n}`,
      marketing: 'none',
      afterUnknown: false,
      receivedAt: Date.now(),
    });
    const vendorId = (created as { vendorId: string }).vendorId;
    expect(await adapter.update!(vendorId, { note: 'Mornings suit me\n\nGoal: Build muscle', attribution })).toMatchObject({ kind: 'delivered' });
    expect((await sent('update')).note).toBe(`Mornings suit me\n\nGoal: Build muscle\n\n${SEPARATOR}\nSource: instagram\nCampaign: spring-2026`);
    await vg.clearRequests();
    expect(await adapter.update!(vendorId, { gender: 'female', attribution })).toMatchObject({ kind: 'delivered' });
    expect(await sent('update')).toEqual({ gender: 'f' });
  });
});
