import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import type { Lead } from '../../../shared/lead';
import { crmControl } from '../../../tests/stack/simulator-client';
import type { AttributionConfig } from '../../config/attribution-config';
import { adapterContract } from '../adapter-contract';
import { intercodeCrmAdapter } from './intercode-crm-adapter';

const url = inject('simulators')['intercode-crm'];
const crm = crmControl(url);
const INSTANCE = 'gym-crm';
let n = 0;

const adapter = (token: string) =>
  intercodeCrmAdapter({
    baseUrl: `${url}/${INSTANCE}`,
    token,
    statusName: 'New',
    defaults: { source: 'Website', business: [1], photo: '', state: 'Active', location: 'Hamburg', position: 'Prospect', company: 'Private' },
    messageIn: 'description',
    timeoutMs: 5000,
  });

const existing = async () => (await crm.instanceLeads(INSTANCE)).length;
let before = 0;

adapterContract('intercode-crm', {
  adapter: () => adapter(env.CRM_DEMO_TOKEN),
  misconfiguredAdapter: () => adapter('not-the-token'),
  validLead: () => ({ firstName: 'Lena', lastName: 'Koch', email: `contract.${Date.now()}.${++n}@example.com` }),
  // Past Leadgate's own schema: the kit's "email must be an email" lands on the email field.
  leadTheVendorRefuses: () => ({ lead: { firstName: 'Lena', lastName: 'Koch', email: 'not-an-email' }, field: 'email' }),
  fault: async (fault) => {
    await crm.fault({ tenant: INSTANCE, endpoint: 'create', ...fault });
  },
  // The fixture holds one customer already; the contract counts the leads it adds.
  stored: async () => (await existing()) - before,
  reset: async () => {
    await crm.reset();
    before = await existing();
  },
});

describe('intercode-crm attribution', () => {
  beforeEach(async () => {
    await crm.reset();
  });

  const SEPARATOR = '— Leadgate attribution —';
  const person = (overrides: Lead = {}): Lead => ({ firstName: 'Lena', lastName: 'Koch', email: `attribution.${Date.now()}.${++n}@example.com`, ...overrides });

  /** Delivers through a form with these settings; the body of `POST /leads`. */
  async function deliver(lead: Lead, attribution?: AttributionConfig, messageIn: 'description' | 'comment' = 'description') {
    const adapter = intercodeCrmAdapter({
      baseUrl: `${url}/${INSTANCE}`,
      token: env.CRM_DEMO_TOKEN,
      statusName: 'New',
      defaults: { source: 'Website', business: [1], photo: '', state: 'Active', location: 'Hamburg', position: 'Prospect', company: 'Private' },
      messageIn,
      timeoutMs: 5000,
      ...(attribution ? { attribution } : {}),
    });
    expect(
      await adapter.deliver(lead, await adapter.fetchRules(), { submissionId: `attr-${++n}`, marketing: 'none', afterUnknown: false, receivedAt: Date.now() }),
    ).toMatchObject({ kind: 'delivered' });
    const created = (await crm.requests(INSTANCE)).filter((r) => r.method === 'POST' && r.path === `/${INSTANCE}/leads`);
    expect(created).toHaveLength(1);
    return created[0]!.body as Record<string, unknown>;
  }

  it('puts the message and then the attribution block in the description, and the utm_source in the source', async () => {
    const body = await deliver(
      person({ note: 'Please call after 6pm', attribution: { utm_source: 'instagram', utm_campaign: 'spring-2026', referrer: 'https://www.instagram.com/' } }),
    );
    expect(body).toMatchObject({
      description: `Please call after 6pm\n\n${SEPARATOR}\nSource: instagram\nCampaign: spring-2026\nReferrer: https://www.instagram.com/`,
      source: 'instagram',
    });
  });

  it('names the campaign by the parameter the form reads it from', async () => {
    const body = await deliver(person({ attribution: { utm_campaign: 'spring-2026', utm_content: 'CMPGN-123' } }), { campaign: 'utm_content', notes: true });
    expect(body.description).toBe(`${SEPARATOR}\nCampaign: CMPGN-123\nCampaign name: spring-2026`);
    expect(body.source).toBe('Website');
  });

  it('leaves the block out with notes off: the message alone, or "Web form" when it goes in as a comment', async () => {
    const attribution = { utm_source: 'instagram', utm_campaign: 'spring-2026' };
    expect(await deliver(person({ note: 'Please call after 6pm', attribution }), { campaign: 'utm_campaign', notes: false })).toMatchObject({
      description: 'Please call after 6pm',
      source: 'instagram',
    });
    await crm.reset();
    expect((await deliver(person({ note: 'Please call after 6pm', attribution }), { campaign: 'utm_campaign', notes: false }, 'comment')).description).toBe(
      'Web form',
    );
  });

  it('sends no block and no separator for a lead without attribution', async () => {
    expect(await deliver(person({ note: 'Please call after 6pm' }))).toMatchObject({ description: 'Please call after 6pm', source: 'Website' });
    await crm.reset();
    expect((await deliver(person())).description).toBe('Web form');
  });
});
