import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import type { Lead } from '../../../shared/lead';
import { simulatorClient } from '../../../tests/stack/simulator-client';
import type { AttributionConfig } from '../../config/attribution-config';
import { adapterContract } from '../adapter-contract';
import { perfectGymNextAdapter } from './perfectgym-next-adapter';

const sim = simulatorClient(inject('simulators')['perfectgym-next']);
const baseUrl = `${inject('simulators')['perfectgym-next']}/demo-gym/v1`;
let n = 0;

adapterContract('perfectgym-next', {
  adapter: () => perfectGymNextAdapter({ baseUrl, apiKey: env.PG_DEMO_API_KEY, timeoutMs: 5000 }),
  misconfiguredAdapter: () => perfectGymNextAdapter({ baseUrl, apiKey: 'not-the-key', timeoutMs: 5000 }),
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
  stored: async () => (await sim.leads('demo-gym')).length,
  reset: async () => {
    await sim.reset();
  },
});

// Magicline's Open API has the same /v1/leads endpoints: the same adapter, another tenant.
const magiclineBase = `${inject('simulators')['perfectgym-next']}/ml-demo/v1`;
adapterContract('magicline-open', {
  adapter: () => perfectGymNextAdapter({ baseUrl: magiclineBase, apiKey: env.ML_OPEN_DEMO_API_KEY, timeoutMs: 5000 }),
  misconfiguredAdapter: () => perfectGymNextAdapter({ baseUrl: magiclineBase, apiKey: 'not-the-key', timeoutMs: 5000 }),
  validLead: () => ({ firstName: 'Ana', lastName: 'García', email: `contract.ml.${Date.now()}.${++n}@example.com`, custom: { '1310042871': 'Ausdauer' } }),
  // Without the goal the studio requires: sent straight to the adapter, past Leadgate's own schema.
  leadTheVendorRefuses: () => ({ lead: { firstName: 'Ana', lastName: 'García', email: `refused.ml.${Date.now()}@example.com` }, field: 'custom.1310042871' }),
  fault: async (fault) => {
    await sim.fault({ tenant: 'ml-demo', endpoint: 'validate', ...fault });
  },
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
  async function deliver(lead: Lead, attribution?: AttributionConfig, tenant = 'demo-gym', apiKey = env.PG_DEMO_API_KEY) {
    const adapter = perfectGymNextAdapter({
      baseUrl: `${inject('simulators')['perfectgym-next']}/${tenant}/v1`,
      apiKey,
      timeoutMs: 5000,
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
    const fromContent = await deliver(person({ attribution }), { campaign: 'utm_content', notes: true });
    expect(fromContent.externalIdentifier).toBe('CMPGN-123');
    expect(fromContent.notes).toBe(`${SEPARATOR}\nCampaign: CMPGN-123\nCampaign name: spring-2026`);
    await sim.reset();
    const none = await deliver(person({ attribution }), { campaign: false, notes: true });
    expect(none).not.toHaveProperty('externalIdentifier');
    expect(none.notes).toBe(`${SEPARATOR}\nCampaign: spring-2026\nContent: CMPGN-123`);
  });

  it('keeps notes within 1000 characters by shortening the block, never the visitor’s message', async () => {
    const message = 'Rückenprobleme. '.repeat(50).trim(); // 799 characters
    const landingPage = `https://www.gym.example/trial?ref=${'x'.repeat(300)}`;
    const body = await deliver(person({ note: message, attribution: { utm_source: 'google', utm_campaign: 'spring-2026', landingPage } }));
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
    const body = await deliver(lead, undefined, 'ml-demo', env.ML_OPEN_DEMO_API_KEY);
    expect(body.externalIdentifier).toBe('summer-2026');
    expect(body.notes).toBe(`${SEPARATOR}\nSource: facebook\nCampaign: summer-2026`);
  });
});
