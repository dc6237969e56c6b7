import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import type { Lead } from '../../../shared/lead';
import { simulatorClient } from '../../../tests/stack/simulator-client';
import { adapterContract } from '../adapter-contract';
import type { DeliveryMeta } from '../vendor-adapter';
import { type PerfectGymNextOptions, perfectGymNextAdapter } from './perfectgym-next-adapter';
import type { OpenApiAttributionConfig } from './perfectgym-next-config';

const sim = simulatorClient(inject('simulators')['perfectgym-next']);
const baseUrl = `${inject('simulators')['perfectgym-next']}/demo-gym/v1`;
let n = 0;
// Short, so a lost answer (the simulator answering after it) costs the suite little.
const TIMEOUT_MS = 3000;
/** The simulator stores the next lead created on `tenant` and answers after the adapter gave up. */
const loseNextAnswer = (tenant: string) => async () => {
  await sim.fault({ tenant, endpoint: 'create', mode: 'hang', delayMs: TIMEOUT_MS + 500, count: 1 });
};

adapterContract('perfectgym-next', {
  adapter: () => perfectGymNextAdapter({ baseUrl, apiKey: env.PG_DEMO_API_KEY, timeoutMs: TIMEOUT_MS }),
  misconfiguredAdapter: () => perfectGymNextAdapter({ baseUrl, apiKey: 'not-the-key', timeoutMs: TIMEOUT_MS }),
  validLead: () => ({
    firstName: 'Max',
    lastName: 'Muster',
    email: `contract.${Date.now()}.${++n}@example.com`,
    phone: '+49 30 1234567',
    custom: { '1246357243': false },
  }),
  // Without the phone the studio requires: sent straight to the adapter, past Leadgate's own schema.
  leadTheVendorRefuses: () => ({
    lead: { firstName: 'Max', lastName: 'Muster', email: `refused.${Date.now()}@example.com`, custom: { '1246357243': true } },
    field: 'phone',
  }),
  fault: async (fault) => {
    await sim.fault({ tenant: 'demo-gym', endpoint: 'validate', ...fault });
  },
  loseNextAnswer: loseNextAnswer('demo-gym'),
  afterLostAnswer: 'delivered',
  stored: async () => (await sim.leads('demo-gym')).length,
  reset: async () => {
    await sim.reset();
  },
});

// Magicline's Open API has the same /v1/leads endpoints: the same adapter, another tenant.
const magiclineBase = `${inject('simulators')['perfectgym-next']}/ml-demo/v1`;
adapterContract('magicline-open', {
  adapter: () => perfectGymNextAdapter({ baseUrl: magiclineBase, apiKey: env.ML_OPEN_DEMO_API_KEY, timeoutMs: TIMEOUT_MS }),
  misconfiguredAdapter: () => perfectGymNextAdapter({ baseUrl: magiclineBase, apiKey: 'not-the-key', timeoutMs: TIMEOUT_MS }),
  validLead: () => ({ firstName: 'Ana', lastName: 'García', email: `contract.ml.${Date.now()}.${++n}@example.com`, custom: { '1310042871': 'Ausdauer' } }),
  // Without the goal the studio requires: sent straight to the adapter, past Leadgate's own schema.
  leadTheVendorRefuses: () => ({ lead: { firstName: 'Ana', lastName: 'García', email: `refused.ml.${Date.now()}@example.com` }, field: 'custom.1310042871' }),
  fault: async (fault) => {
    await sim.fault({ tenant: 'ml-demo', endpoint: 'validate', ...fault });
  },
  loseNextAnswer: loseNextAnswer('ml-demo'),
  afterLostAnswer: 'delivered',
  stored: async () => (await sim.leads('ml-demo')).length,
  reset: async () => {
    await sim.reset();
  },
});

describe('perfectgym-next attribution', () => {
  beforeEach(async () => {
    await sim.reset();
  });

  const SEPARATOR = '— Leadgate attribution —';
  const person = (overrides: Lead = {}): Lead => ({
    firstName: 'Max',
    lastName: 'Muster',
    email: `attribution.${Date.now()}.${++n}@example.com`,
    phone: '+49 30 1234567',
    custom: { '1246357243': false },
    ...overrides,
  });

  /** Delivers through a form with these settings; the bodies validate and create received. */
  async function deliver(lead: Lead, attribution?: OpenApiAttributionConfig, tenant = 'demo-gym', apiKey = env.PG_DEMO_API_KEY) {
    const adapter = perfectGymNextAdapter({
      baseUrl: `${inject('simulators')['perfectgym-next']}/${tenant}/v1`,
      apiKey,
      timeoutMs: TIMEOUT_MS,
      ...(attribution ? { attribution } : {}),
    });
    const outcome = await adapter.deliver(lead, await adapter.fetchRules(), {
      submissionId: `attr-${Date.now()}-${++n}`,
      marketing: 'none',
      afterUnknown: false,
      receivedAt: Date.now(),
    });
    expect(outcome).toMatchObject({ kind: 'delivered' });
    const sent = (await sim.requests(tenant)).filter((r) => r.method === 'POST' && r.status === 200);
    expect(sent.map((r) => r.endpoint)).toEqual(['validate', 'create']);
    expect(sent[0]?.body).toEqual(sent[1]?.body);
    return sent[1]?.body as Record<string, unknown>;
  }

  it('sends utm_campaign as externalIdentifier and the attribution block after the visitor’s message in notes', async () => {
    const body = await deliver(
      person({
        note: 'Knee injury last year',
        attribution: {
          utm_source: 'instagram',
          utm_medium: 'cpc',
          utm_campaign: 'spring-2026',
          gclid: 'Cj0KCQ',
          referrer: 'https://www.instagram.com/',
          landingPage: 'https://www.gym.example/trial',
        },
      }),
      { campaign: 'utm_campaign', notes: true, campaigns: ['spring-2026'] },
    );
    expect(body.externalIdentifier).toBe('spring-2026');
    expect(body.notes).toBe(
      [
        'Knee injury last year',
        '',
        SEPARATOR,
        'Source: instagram / cpc',
        'Campaign: spring-2026',
        'Click id: gclid=Cj0KCQ',
        'Referrer: https://www.instagram.com/',
        'Landing page: https://www.gym.example/trial',
      ].join('\n'),
    );
  });

  it('reads the campaign from the parameter the form names, and sends none when the form says false', async () => {
    const attribution = { utm_campaign: 'spring-2026', utm_content: 'CMPGN-123' };
    const fromContent = await deliver(person({ attribution }), { campaign: 'utm_content', notes: true, campaigns: ['CMPGN-123'] });
    expect(fromContent.externalIdentifier).toBe('CMPGN-123');
    expect(fromContent.notes).toBe(`${SEPARATOR}\nCampaign: CMPGN-123\nCampaign name: spring-2026`);
    await sim.reset();
    const none = await deliver(person({ attribution }), { campaign: false, notes: true, campaigns: ['CMPGN-123'] });
    expect(none).not.toHaveProperty('externalIdentifier');
    expect(none.notes).toBe(`${SEPARATOR}\nCampaign: spring-2026\nContent: CMPGN-123`);
  });

  it('keeps notes within 1000 characters by shortening the block, never the visitor’s message', async () => {
    const message = 'Rückenprobleme. '.repeat(50).trim(); // 799 characters
    const landingPage = `https://www.gym.example/trial?ref=${'x'.repeat(300)}`;
    const body = await deliver(person({ note: message, attribution: { utm_source: 'google', utm_campaign: 'spring-2026', landingPage } }), {
      campaign: 'utm_campaign',
      notes: true,
      campaigns: ['spring-2026'],
    });
    const notes = body.notes as string;
    expect(notes.length).toBe(1000);
    expect(notes.startsWith(`${message}\n\n${SEPARATOR}\nSource: google\nCampaign: spring-2026\nLanding page: https://www.gym.example/trial?ref=xxx`)).toBe(
      true,
    );
    expect(notes.endsWith('x…')).toBe(true);
    expect(body.externalIdentifier).toBe('spring-2026');
  });

  it('sends the visitor’s message alone when the form turns notes off, and still the campaign', async () => {
    const body = await deliver(person({ note: 'Call after 6pm', attribution: { utm_source: 'instagram', utm_campaign: 'spring-2026' } }), {
      campaign: 'utm_campaign',
      notes: false,
      campaigns: ['spring-2026'],
    });
    expect(body.notes).toBe('Call after 6pm');
    expect(body.externalIdentifier).toBe('spring-2026');
  });

  it('sends no block, no separator and no externalIdentifier for a lead without attribution', async () => {
    const withMessage = await deliver(person({ note: 'Call after 6pm' }));
    expect(withMessage.notes).toBe('Call after 6pm');
    expect(withMessage).not.toHaveProperty('externalIdentifier');
    await sim.reset();
    const bare = await deliver(person());
    expect(bare).not.toHaveProperty('notes');
    expect(bare).not.toHaveProperty('externalIdentifier');
  });

  it('does the same for Magicline’s Open API', async () => {
    const lead: Lead = {
      firstName: 'Ana',
      lastName: 'García',
      email: `attribution.ml.${Date.now()}.${++n}@example.com`,
      custom: { '1310042871': 'Ausdauer' },
      attribution: { utm_source: 'facebook', utm_campaign: 'summer-2026' },
    };
    const body = await deliver(lead, { campaign: 'utm_campaign', notes: true, campaigns: ['summer-2026'] }, 'ml-demo', env.ML_OPEN_DEMO_API_KEY);
    expect(body.externalIdentifier).toBe('summer-2026');
    expect(body.notes).toBe(`${SEPARATOR}\nSource: facebook\nCampaign: summer-2026`);
  });
});

describe('perfectgym-next: exactly once, refusals and the documented fields', () => {
  beforeEach(async () => {
    await sim.reset();
  });

  const person = (overrides: Lead = {}): Lead => ({
    firstName: 'Max',
    lastName: 'Muster',
    email: `fidelity.${Date.now()}.${++n}@example.com`,
    phone: '+49 30 1234567',
    custom: { '1246357243': false },
    ...overrides,
  });

  /** Delivers one lead on demo-gym; the outcome, and the bodies validate and create received. */
  async function send(lead: Lead, options: Partial<PerfectGymNextOptions> = {}, meta: Partial<DeliveryMeta> = {}) {
    const adapter = perfectGymNextAdapter({ baseUrl, apiKey: env.PG_DEMO_API_KEY, timeoutMs: TIMEOUT_MS, ...options });
    const outcome = await adapter.deliver(lead, await adapter.fetchRules(), {
      submissionId: `fidelity-${Date.now()}-${++n}`,
      marketing: 'none',
      afterUnknown: false,
      receivedAt: Date.now(),
      ...meta,
    });
    const posts = (await sim.requests('demo-gym')).filter((r) => r.method === 'POST');
    const create = posts.find((r) => r.endpoint === 'create')?.body as Record<string, any> | undefined;
    return { outcome, endpoints: posts.map((r) => r.endpoint), body: posts[0]?.body as Record<string, any>, create };
  }
  const stored = async () => (await sim.leads('demo-gym')) as { id: number; customerId: number; uuid: string; customerNumber: string }[];

  it('keeps the create answer’s customerId, uuid and customerNumber with the lead id', async () => {
    const { outcome } = await send(person());
    const [lead] = await stored();
    expect(outcome).toEqual({
      kind: 'delivered',
      vendorId: String(lead!.id),
      refs: { customerId: String(lead!.customerId), uuid: lead!.uuid, customerNumber: lead!.customerNumber },
    });
  });

  it('calls a real earlier customer a duplicate with nothing kept at the vendor, and creates nothing', async () => {
    const { outcome, endpoints } = await send(person({ email: 'taken@example.com', note: 'Call me', attribution: { utm_campaign: 'spring-2026' } }));
    expect(outcome).toEqual({ kind: 'duplicate', kept: undefined });
    expect(endpoints).toEqual(['validate']);
  });

  it('after a lost answer, takes DUPLICATE_CUSTOMER for the earlier create: delivered without an id, never created again', async () => {
    const lead = person();
    const first = await send(lead);
    expect(first.outcome.kind).toBe('delivered');
    await sim.clearRequests();
    const { outcome, endpoints } = await send(lead, {}, { afterUnknown: true });
    expect(outcome).toEqual({ kind: 'delivered', vendorId: undefined });
    expect(endpoints).toEqual(['validate']);
    expect(await stored()).toHaveLength(1);
  });

  it('calls a 5xx answer to create unknown, so the next attempt reconciles first', async () => {
    await sim.fault({ tenant: 'demo-gym', endpoint: 'create', mode: 'fail', status: 500, count: 1 });
    expect((await send(person())).outcome).toMatchObject({ kind: 'unknown', reason: 'status_500' });
  });

  it('on INVALID_LEAD_DATA, takes the field from the create answer’s reference', async () => {
    await sim.fault({ tenant: 'demo-gym', endpoint: 'validate', mode: 'validate-status', validateStatus: 'INVALID_LEAD_DATA', count: 1 });
    const { outcome, endpoints } = await send(person({ custom: {} }));
    expect(outcome).toMatchObject({ kind: 'rejected', fields: [{ field: 'custom.1246357243', code: 'required' }] });
    expect(endpoints).toEqual(['validate', 'create']);
    expect(await stored()).toHaveLength(0);
  });

  it('on INVALID_LEAD_DATA with a create answer naming no field, rejects with no field and the vendor’s code', async () => {
    await sim.fault({ tenant: 'demo-gym', endpoint: 'validate', mode: 'validate-status', validateStatus: 'INVALID_LEAD_DATA', count: 1 });
    const { outcome, endpoints } = await send(person());
    expect(outcome).toEqual({ kind: 'rejected', fields: [], vendorCode: 'INVALID_LEAD_DATA' });
    expect(endpoints).toEqual(['validate', 'create']);
    expect(await stored()).toHaveLength(0);
  });

  describe('consent', () => {
    // CONTRACT e-mails are on by the studio's default and the customer may switch them off.
    const withContract = async () => {
      const config = await sim.leadConfig('demo-gym');
      const preferences = config.communicationPreferences as unknown[];
      await sim.setLeadConfig('demo-gym', {
        ...config,
        communicationPreferences: [
          ...preferences,
          { messageCategory: 'CONTRACT', channels: [{ communicationChannel: 'EMAIL', customerOverridable: true, active: true }] },
        ],
      });
    };
    const activeOf = (body: Record<string, any>) =>
      Object.fromEntries(
        (body.communicationPreferences as { messageCategory: string; channels: { communicationChannel: string; active: boolean }[] }[]).map((p) => [
          p.messageCategory,
          Object.fromEntries(p.channels.map((c) => [c.communicationChannel, c.active])),
        ]),
      );

    it('flattens one marketing checkbox onto the marketing categories only; CONTRACT keeps the studio’s default', async () => {
      await withContract();
      const no = await send(person({ consent: { privacy: true, marketing: false } }), {}, { marketing: 'single' });
      expect(activeOf(no.body)).toEqual({
        NEWSLETTER: { EMAIL: false, TEXT_MESSAGE: false },
        GENERAL: { EMAIL: true, PHONE: false },
        CONTRACT: { EMAIL: true },
      });
      await sim.clearRequests();
      const yes = await send(person({ consent: { privacy: true, marketing: true } }), {}, { marketing: 'single' });
      expect(activeOf(yes.body)).toEqual({
        NEWSLETTER: { EMAIL: true, TEXT_MESSAGE: true },
        GENERAL: { EMAIL: true, PHONE: false },
        CONTRACT: { EMAIL: true },
      });
    });

    it('takes a category the visitor changed in the matrix as left; untouched ones keep the default, marketing stays off', async () => {
      await withContract();
      const untouched = await send(person({ consent: { privacy: true } }), {}, { marketing: 'matrix' });
      expect(activeOf(untouched.body)).toEqual({
        NEWSLETTER: { EMAIL: false, TEXT_MESSAGE: false },
        GENERAL: { EMAIL: true, PHONE: false },
        CONTRACT: { EMAIL: true },
      });
      await sim.clearRequests();
      const changed = await send(person({ consent: { privacy: true, channels: { CONTRACT: [], NEWSLETTER: ['EMAIL'] } } }), {}, { marketing: 'matrix' });
      expect(activeOf(changed.body)).toEqual({
        NEWSLETTER: { EMAIL: true, TEXT_MESSAGE: false },
        GENERAL: { EMAIL: true, PHONE: false },
        CONTRACT: { EMAIL: false },
      });
    });
  });

  describe('campaign', () => {
    const attribution = { utm_campaign: 'spring-2026' };

    it('sends no externalIdentifier unless the form lists the campaign, and then the studio’s spelling', async () => {
      const unlisted = await send(person({ attribution }));
      expect(unlisted.body).not.toHaveProperty('externalIdentifier');
      await sim.clearRequests();
      const other = await send(person({ attribution }), { attribution: { campaign: 'utm_campaign', notes: true, campaigns: ['CMPGN-123'] } });
      expect(other.body).not.toHaveProperty('externalIdentifier');
      await sim.clearRequests();
      const listed = await send(person({ attribution: { utm_campaign: 'SPRING-2026' } }), {
        attribution: { campaign: 'utm_campaign', notes: true, campaigns: ['spring-2026'] },
      });
      expect(listed.body.externalIdentifier).toBe('spring-2026');
      expect(listed.outcome.kind).toBe('delivered');
    });

    it('calls a campaign the studio refuses the operator’s to fix, never a bare rejection', async () => {
      const { outcome } = await send(person({ attribution: { utm_campaign: 'spring-2027' } }), {
        attribution: { campaign: 'utm_campaign', notes: true, campaigns: ['spring-2027'] },
      });
      expect(outcome).toEqual({ kind: 'misconfigured', code: 'VENDOR_CAMPAIGN_REFUSED' });
      expect(await stored()).toHaveLength(0);
    });
  });

  it('calls a refused language or thirdPartyId the operator’s to fix', async () => {
    expect((await send(person({ language: 'xx' }))).outcome).toEqual({ kind: 'misconfigured', code: 'VENDOR_LANGUAGE_REFUSED' });
    // Longer than any Idempotency-Key: sent straight to the adapter.
    const long = await send(person(), {}, { submissionId: 'k'.repeat(129) });
    expect(long.outcome).toEqual({ kind: 'misconfigured', code: 'VENDOR_THIRD_PARTY_ID_REFUSED' });
  });

  describe('documented fields a form switches on', () => {
    const lead = () =>
      person({
        secondFirstName: 'Peter',
        secondLastName: 'Meier',
        language: 'de',
        address: { street: 'Am Bahnhof', houseNumber: '90', zipCode: '12133', city: 'Munich', countryCode: 'DE', floor: '2nd floor', door: 'Door 1' },
      });

    it('sends none of them by default, and the form has no field for them', async () => {
      const { body, outcome } = await send(lead());
      expect(outcome.kind).toBe('delivered');
      expect(body.leadCustomer).not.toHaveProperty('secondFirstname');
      expect(body.leadCustomer).not.toHaveProperty('secondLastname');
      expect(body.leadCustomer.language).toEqual({ languageCode: 'de' });
      expect(body.address).toEqual({ street: 'Am Bahnhof', houseNumber: '90', zipCode: '12133', city: 'Munich', countryCode: 'DE' });
      const adapter = perfectGymNextAdapter({ baseUrl, apiKey: env.PG_DEMO_API_KEY, timeoutMs: TIMEOUT_MS });
      const names = adapter.describe(await adapter.fetchRules()).fields.map((f) => f.name);
      expect(names).not.toContain('secondFirstName');
      expect(names).not.toContain('address.floor');
    });

    it('sends each one the form switched on, and describes a field for it', async () => {
      const options = { extraFields: ['secondFirstName', 'secondLastName', 'address.floor'] as const, languageCountryCode: 'CH' };
      const { body, outcome } = await send(lead(), options);
      expect(outcome.kind).toBe('delivered');
      expect(body.leadCustomer).toMatchObject({ secondFirstname: 'Peter', secondLastname: 'Meier', language: { languageCode: 'de', countryCode: 'CH' } });
      // The door was not switched on.
      expect(body.address).toEqual({ street: 'Am Bahnhof', houseNumber: '90', zipCode: '12133', city: 'Munich', countryCode: 'DE', floor: '2nd floor' });
      const adapter = perfectGymNextAdapter({ baseUrl, apiKey: env.PG_DEMO_API_KEY, timeoutMs: TIMEOUT_MS, ...options });
      const fields = adapter.describe(await adapter.fetchRules()).fields;
      expect(fields.map((f) => f.name)).toEqual(expect.arrayContaining(['secondFirstName', 'secondLastName', 'address.floor']));
      expect(fields.find((f) => f.name === 'address.floor')).toMatchObject({ type: 'text', required: false, maxLength: 100 });
    });
  });
});
