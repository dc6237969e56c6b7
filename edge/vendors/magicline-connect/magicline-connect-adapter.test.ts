import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Lead } from '../../../shared/lead';
import { connectControl, simulatorClient } from '../../../tests/stack/simulator-client';
import type { AttributionConfig } from '../../config/attribution-config';
import { adapterContract } from '../adapter-contract';
import { magiclineConnectAdapter } from './magicline-connect-adapter';

const url = inject('simulators')['magicline-connect'];
const sim = simulatorClient(url);
const TENANT = 'connectdemo';
let n = 0;

const source = (baseUrl: string) => ({ baseUrl, studioIds: [1229489600], timeoutMs: 5000 });

adapterContract('magicline-connect', {
  adapter: () => magiclineConnectAdapter(source(`${url}/${TENANT}`)),
  // Connect has no credentials: the setup it can refuse is the tenant's address.
  misconfiguredAdapter: () => magiclineConnectAdapter(source(`${url}/no-such-tenant`)),
  validLead: () => ({ firstName: 'Jonas', lastName: 'Becker', email: `contract.${Date.now()}.${++n}@example.com` }),
  fault: async (fault) => {
    await sim.fault({ tenant: TENANT, endpoint: 'lead', ...fault });
  },
  stored: async () => (await sim.leads(TENANT)).length,
  reset: async () => {
    await sim.reset();
  },
});

describe('magicline-connect attribution', () => {
  const connect = connectControl(url);
  beforeEach(async () => {
    await sim.reset();
  });
  // Everything sent had to pass the vendor's own OpenAPI file.
  afterAll(async () => {
    expect(await connect.specViolations()).toEqual([]);
  });

  const SEPARATOR = '— Leadgate attribution —';
  const person = (overrides: Lead = {}): Lead => ({
    firstName: 'Jonas',
    lastName: 'Becker',
    email: `attribution.${Date.now()}.${++n}@example.com`,
    ...overrides,
  });

  /** Delivers through a form with these settings; the body Connect received. */
  async function deliver(lead: Lead, attribution?: AttributionConfig) {
    const adapter = magiclineConnectAdapter(source(`${url}/${TENANT}`), attribution);
    const outcome = await adapter.deliver(lead, await adapter.fetchRules(), {
      submissionId: `attr-${++n}`,
      marketing: 'none',
      afterUnknown: false,
      receivedAt: Date.now(),
    });
    expect(outcome).toMatchObject({ kind: 'delivered' });
    const posts = (await sim.requests(TENANT)).filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    return posts[0]!.body as Record<string, unknown>;
  }

  it('matches utm_campaign to the studio’s campaign and appends the block to the visitor’s notes', async () => {
    const body = await deliver(
      person({
        note: 'Kommt mit Freundin',
        attribution: {
          utm_source: 'instagram',
          utm_medium: 'story',
          utm_campaign: 'IG-Trial-Week',
          landingPage: 'https://www.ironharbor.example/probetraining',
        },
      }),
    );
    expect(body.sourceCampaignId).toBe(3102);
    expect(body.notes).toBe(
      `Kommt mit Freundin\n\n${SEPARATOR}\nSource: instagram / story\nCampaign: IG-Trial-Week\nLanding page: https://www.ironharbor.example/probetraining`,
    );
  });

  it('matches the campaign from the parameter the form names, and none when the form says false', async () => {
    const attribution = { utm_campaign: 'Frühjahr', utm_content: 'spring-2026' };
    const fromContent = await deliver(person({ attribution }), { campaign: 'utm_content', notes: true });
    expect(fromContent.sourceCampaignId).toBe(3101);
    expect(fromContent.notes).toBe(`${SEPARATOR}\nCampaign: spring-2026\nCampaign name: Frühjahr`);
    await sim.reset();
    const none = await deliver(person({ attribution: { utm_campaign: 'spring-2026' } }), { campaign: false, notes: true });
    expect(none).not.toHaveProperty('sourceCampaignId');
  });

  it('keeps notes within the spec’s 1000 characters by shortening the block, never the visitor’s message', async () => {
    const message = 'Bitte abends anrufen. '.repeat(43).trim(); // 945 characters
    const body = await deliver(
      person({ note: message, attribution: { utm_source: 'newsletter', utm_campaign: 'spring-2026', referrer: 'https://mail.example/' } }),
    );
    expect(body.notes).toBe(`${message}\n\n${SEPARATOR}\nSource: newsletter`);
    expect(body.sourceCampaignId).toBe(3101);
  });

  it('sends the visitor’s notes alone when the form turns notes off', async () => {
    const body = await deliver(person({ note: 'Kommt mit Freundin', attribution: { utm_source: 'instagram', utm_campaign: 'spring-2026' } }), {
      campaign: 'utm_campaign',
      notes: false,
    });
    expect(body.notes).toBe('Kommt mit Freundin');
    expect(body.sourceCampaignId).toBe(3101);
  });

  it('sends no block and no separator for a lead without attribution', async () => {
    expect((await deliver(person({ note: 'Kommt mit Freundin' }))).notes).toBe('Kommt mit Freundin');
    await sim.reset();
    const bare = await deliver(person());
    expect(bare).not.toHaveProperty('notes');
    expect(bare).not.toHaveProperty('sourceCampaignId');
  });
});
