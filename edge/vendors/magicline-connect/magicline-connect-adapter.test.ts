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

const SPEICHERSTADT = 1229489600;
const ALTONA = 1229489601;
const SCHWABING = 1229489602;
const TIMEOUT_MS = 1500;
const source = (baseUrl: string, studioIds = [SPEICHERSTADT]) => ({ baseUrl, studioIds, timeoutMs: TIMEOUT_MS });

adapterContract('magicline-connect', {
  adapter: () => magiclineConnectAdapter(source(`${url}/${TENANT}`)),
  // Connect has no credentials: the setup it can refuse is the tenant's address.
  misconfiguredAdapter: () => magiclineConnectAdapter(source(`${url}/no-such-tenant`)),
  validLead: () => ({ firstName: 'Jonas', lastName: 'Becker', email: `contract.${Date.now()}.${++n}@example.com` }),
  // Speicherstadt's emailMode is MANDATORY: Connect's 400 names the field.
  leadTheVendorRefuses: () => ({ lead: { firstName: 'Jonas', lastName: 'Becker', phone: '+49 40 1234567' }, field: 'email' }),
  fault: async (fault) => {
    await sim.fault({ tenant: TENANT, endpoint: 'lead', ...fault });
  },
  loseNextAnswer: async () => {
    await sim.fault({ tenant: TENANT, endpoint: 'lead', mode: 'hang', delayMs: TIMEOUT_MS + 1000, count: 1 });
  },
  afterLostAnswer: 'delivered',
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

describe('magicline-connect fidelity', () => {
  beforeEach(async () => {
    await sim.reset();
  });

  const meta = (afterUnknown = false, marketing: 'matrix' | 'none' = 'none') => ({
    submissionId: `fidelity-${++n}`,
    marketing,
    afterUnknown,
    receivedAt: Date.now(),
  });
  const person = (overrides: Lead = {}): Lead => ({ firstName: 'Jonas', lastName: 'Becker', email: `fidelity.${Date.now()}.${++n}@example.com`, ...overrides });
  const posts = async () => (await sim.requests(TENANT)).filter((r) => r.method === 'POST');
  /** Replaces a studio's trial-session config in the simulator (until reset). */
  async function setConfig(studioId: number, config: Record<string, unknown>) {
    const response = await fetch(`${url}/__sim/tenants/${TENANT}/studios/${studioId}/config`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(config),
    });
    expect(response.status).toBe(200);
  }
  const chain = (onStudioLeftOut?: (id: number, reason: string) => void) =>
    magiclineConnectAdapter({ ...source(`${url}/${TENANT}`, [SPEICHERSTADT, ALTONA, SCHWABING]), ...(onStudioLeftOut ? { onStudioLeftOut } : {}) });

  it('calls a 500 on create unknown: the lead may be stored', async () => {
    const adapter = magiclineConnectAdapter(source(`${url}/${TENANT}`));
    const rules = await adapter.fetchRules();
    await sim.fault({ tenant: TENANT, endpoint: 'lead', mode: 'fail', status: 500, count: 1 });
    expect(await adapter.deliver(person(), rules, meta())).toMatchObject({ kind: 'unknown', reason: 'status_500' });
  });

  it('calls a 409 a duplicate with nothing kept at the vendor, and sends nothing more', async () => {
    const adapter = magiclineConnectAdapter(source(`${url}/${TENANT}`));
    const outcome = await adapter.deliver(person({ email: 'bestand@example.de', note: 'Kommt mit Freundin' }), await adapter.fetchRules(), meta());
    expect(outcome).toEqual({ kind: 'duplicate', kept: undefined });
    expect(await posts()).toHaveLength(1);
  });

  it('after a lost answer, takes the 409 for the same email as the earlier create, delivered without an id', async () => {
    const adapter = magiclineConnectAdapter(source(`${url}/${TENANT}`));
    const rules = await adapter.fetchRules();
    const lead = person();
    expect(await adapter.deliver(lead, rules, meta())).toMatchObject({ kind: 'delivered' });
    expect(await adapter.deliver(lead, rules, meta(true))).toEqual({ kind: 'delivered', vendorId: undefined });
    expect(await sim.leads(TENANT)).toHaveLength(1);
  });

  it('after a lost answer, leaves a lead without an email undetermined and sends nothing', async () => {
    const adapter = magiclineConnectAdapter(source(`${url}/${TENANT}`));
    const rules = await adapter.fetchRules();
    const { email: _, ...noEmail } = person({ phone: '+49 40 1234567' });
    expect(await adapter.deliver(noEmail, rules, meta(true))).toMatchObject({ kind: 'undetermined' });
    expect(await posts()).toEqual([]);
  });

  it('shows email and phone as optional fields when the studio’s config leaves their modes out, as the lead DTO has them', async () => {
    await setConfig(SPEICHERSTADT, { nameMode: 'MANDATORY', genderMode: 'OPTIONAL' });
    const adapter = magiclineConnectAdapter(source(`${url}/${TENANT}`));
    const fields = Object.fromEntries(adapter.describe(await adapter.fetchRules()).fields.map((f) => [f.name, f]));
    expect(fields.email).toMatchObject({ required: false });
    expect(fields.phone).toMatchObject({ required: false });
    expect(fields.firstName).toMatchObject({ required: true });
    expect(fields.birthDate).toBeUndefined();
  });

  it('applies nameMode, taxIdMode and minimumAge to the form, and sends the tax id', async () => {
    await setConfig(SPEICHERSTADT, { nameMode: 'OPTIONAL', emailMode: 'MANDATORY', taxIdMode: 'MANDATORY', dateOfBirthMode: 'OPTIONAL', minimumAge: 18 });
    const adapter = magiclineConnectAdapter(source(`${url}/${TENANT}`));
    const rules = await adapter.fetchRules();
    const fields = Object.fromEntries(adapter.describe(rules).fields.map((f) => [f.name, f]));
    expect(fields.firstName).toMatchObject({ required: false });
    expect(fields.lastName).toMatchObject({ required: false });
    expect(fields.taxId).toMatchObject({ required: true, maxLength: 300 });
    // "dateOfBirthMode is mandatory if [minimumAge] is set"
    expect(fields.birthDate).toMatchObject({ required: true, minAge: 18 });
    const outcome = await adapter.deliver(person({ taxId: 'X1234567L', birthDate: '1990-01-02' }), rules, meta());
    expect(outcome).toMatchObject({ kind: 'delivered' });
    expect((await posts())[0]?.body).toMatchObject({ taxId: 'X1234567L', dateOfBirth: '1990-01-02' });
  });

  it('maps a 400 that names a field onto that field', async () => {
    const adapter = magiclineConnectAdapter(source(`${url}/${TENANT}`, [SCHWABING]));
    const rules = await adapter.fetchRules();
    const outcome = await adapter.deliver(person({ birthDate: '2015-06-01' }), rules, meta());
    expect(outcome).toEqual({ kind: 'rejected', fields: [{ field: 'birthDate', code: 'invalid' }], vendorCode: 'VALIDATION_FAILED' });
  });

  it('leaves a studio whose calls fail out of the picker, says which, and keeps the others', async () => {
    await sim.fault({ tenant: TENANT, endpoint: 'config', mode: 'fail', status: 403, count: 1 });
    const leftOut: [number, string][] = [];
    const adapter = chain((id, reason) => leftOut.push([id, reason]));
    const rules = await adapter.fetchRules();
    const failed = (await sim.requests(TENANT)).find((r) => r.fault === 'fail');
    const failedId = Number(new URLSearchParams(failed!.path.split('?')[1]).get('studioId'));
    expect(leftOut).toEqual([[failedId, 'VENDOR_FORBIDDEN']]);
    const picker = adapter.describe(rules).fields.find((f) => f.name === 'studioId');
    expect(picker?.options?.map((o) => Number(o.value)).sort()).toEqual([SPEICHERSTADT, ALTONA, SCHWABING].filter((id) => id !== failedId).sort());
    const other = [SPEICHERSTADT, ALTONA].find((id) => id !== failedId)!;
    expect(await adapter.deliver(person({ studioId: String(other) }), rules, meta())).toMatchObject({ kind: 'delivered' });
  });

  it('fails the rules only when every studio fails', async () => {
    await sim.fault({ tenant: TENANT, endpoint: 'campaigns', mode: 'fail', status: 403 });
    await expect(chain().fetchRules()).rejects.toMatchObject({ code: 'VENDOR_FORBIDDEN' });
  });

  it('knows message categories by name, and sends each studio’s own category ids', async () => {
    const adapter = chain();
    const rules = await adapter.fetchRules();
    const matrix = adapter.describe(rules).marketing;
    expect(matrix?.categories.map((c) => c.category)).toEqual(['Newsletter', 'Angebote & Aktionen']);
    expect(matrix?.categories[0]?.channels).toContain('MYSPORTS_MESSAGE');
    const lead = person({ studioId: String(SCHWABING), birthDate: '1990-01-02', consent: { channels: { Newsletter: ['MYSPORTS_MESSAGE'] } } });
    expect(await adapter.deliver(lead, rules, meta(false, 'matrix'))).toMatchObject({ kind: 'delivered' });
    const body = (await posts())[0]?.body as { communicationPreferences: { messageCategoryId: number; activeCommunicationChannels: string[] }[] };
    expect(body.communicationPreferences).toEqual([
      { messageCategoryId: 2001, activeCommunicationChannels: ['MYSPORTS_MESSAGE'] },
      { messageCategoryId: 2002, activeCommunicationChannels: [] },
      { messageCategoryId: 2003, activeCommunicationChannels: ['EMAIL', 'LETTER'] },
    ]);
  });
});
