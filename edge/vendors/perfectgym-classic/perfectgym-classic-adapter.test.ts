import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import type { Lead } from '../../../shared/lead';
import { simulatorClient } from '../../../tests/stack/simulator-client';
import { adapterContract } from '../adapter-contract';
import type { DeliveryMeta } from '../vendor-adapter';
import { addLeadPhone } from './add-lead-request';
import { memberLookupUrl, odataString } from './member-lookup';
import { type PerfectGymClassicOptions, perfectGymClassicAdapter } from './perfectgym-classic-adapter';

const url = inject('simulators')['perfectgym-classic'];
const pgm = simulatorClient(url);
const SUB = 'ironharbor';
const base = `${url}/${SUB}`;
let n = 0;

const adapter = (changes: Partial<PerfectGymClassicOptions> = {}) =>
  perfectGymClassicAdapter({
    baseUrl: base,
    clubId: 1,
    clientId: env.PG_CLASSIC_DEMO_CLIENT_ID,
    clientSecret: env.PG_CLASSIC_DEMO_CLIENT_SECRET,
    defaults: { sourceId: 12, campaignId: 145, inquiredViaId: 81 },
    agreements: [
      { id: 2, field: 'privacy' },
      { id: 5, field: 'marketing' },
    ],
    timeoutMs: 5000,
    ...changes,
  });

const storedLeads = async () => (await pgm.leads(SUB)) as Record<string, unknown>[];

adapterContract('perfectgym-classic', {
  adapter: () => adapter(),
  // PGM answers its login page to credentials it does not accept.
  misconfiguredAdapter: () => adapter({ clientSecret: 'not-the-secret' }),
  validLead: () => ({ firstName: 'Lena', lastName: 'Koch', email: `contract.${Date.now()}.${++n}@example.com`, phone: '+44 20 7946 0958' }),
  // Past Leadgate's own schema: a number without its country code is PGM's PhoneNumberInvalid.
  leadTheVendorRefuses: () => ({
    lead: { firstName: 'Lena', lastName: 'Koch', email: `refused.${Date.now()}.${++n}@example.com`, phone: '020 7946 0958' },
    field: 'phone',
  }),
  fault: async (fault) => {
    await pgm.fault({ tenant: SUB, endpoint: 'add-lead', ...fault });
  },
  stored: async () => (await storedLeads()).length,
  reset: () => pgm.reset().then(() => undefined),
});

describe('perfectgym-classic adapter', () => {
  beforeEach(async () => {
    await pgm.reset();
  });

  const person = (overrides: Lead = {}): Lead => ({
    firstName: 'Lena',
    lastName: 'Koch',
    email: `lena.${Date.now()}.${++n}@example.com`,
    consent: { privacy: true },
    ...overrides,
  });
  const meta = (marketing: DeliveryMeta['marketing'] = 'single'): DeliveryMeta => ({
    submissionId: `pgc-${Date.now()}-${++n}`,
    marketing,
    afterUnknown: false,
    receivedAt: Date.now(),
  });
  const deliver = async (lead: Lead, options: Partial<PerfectGymClassicOptions> = {}, marketing: DeliveryMeta['marketing'] = 'single') => {
    const a = adapter(options);
    return a.deliver(lead, await a.fetchRules(), meta(marketing));
  };
  const requests = async () => (await pgm.requests(SUB)).map((r) => ({ method: r.method, endpoint: r.endpoint, status: r.status }));

  it('describes names and email as required, phone as optional, no message, and one marketing checkbox only with a marketing agreement', () => {
    const form = adapter().describe(adapter().staticRules!);
    expect(form.fields.map((f) => [f.name, f.type, f.required, f.maxLength])).toEqual([
      ['firstName', 'text', true, 50],
      ['lastName', 'text', true, 50],
      ['email', 'email', true, 100],
      ['phone', 'tel', false, 30],
    ]);
    expect(form.marketing).toEqual({ categories: [] });
    const withoutMarketing = adapter({ agreements: [{ id: 2, field: 'privacy' }] });
    expect(withoutMarketing.describe(withoutMarketing.staticRules!).marketing).toBeUndefined();
  });

  it('looks the email up among members, then sends AddLead the integrations’ body with the API client’s headers', async () => {
    const lead = person({
      phone: '+44 (0)20 7946-0958',
      consent: { privacy: true, marketing: true },
      note: 'Mornings',
      attribution: { utm_campaign: 'spring' },
    });
    const outcome = await deliver(lead);
    const [stored] = await storedLeads();
    expect(outcome).toEqual({ kind: 'delivered', vendorId: String(stored?.leadId) });
    const [lookup, added, ...more] = await pgm.requests(SUB);
    expect(more).toEqual([]);
    expect(lookup).toMatchObject({
      method: 'GET',
      endpoint: 'members',
      path: `/${SUB}/Api/v2.2/odata/Members?$filter=email%20eq%20%27${encodeURIComponent(lead.email!)}%27%20and%20isDeleted%20eq%20false`,
      headers: { 'x-client-id': env.PG_CLASSIC_DEMO_CLIENT_ID, 'x-client-secret': '[redacted]', accept: 'application/json' },
    });
    expect(added).toMatchObject({
      method: 'POST',
      path: `/${SUB}/Api/v2.1/Crm2/AddLead`,
      headers: { 'x-client-id': env.PG_CLASSIC_DEMO_CLIENT_ID, 'x-client-secret': '[redacted]', 'content-type': 'application/json' },
    });
    // No note, no attribution: AddLead has no field for them.
    expect(added?.body).toEqual({
      firstName: 'Lena',
      lastName: 'Koch',
      email: lead.email,
      phone: '+442079460958',
      clubId: 1,
      sourceId: 12,
      campaignId: 145,
      inquiredViaId: 81,
      agreements: [
        { id: 2, hasAgreed: true },
        { id: 5, hasAgreed: true },
      ],
    });
  });

  it('sends an unticked marketing box as not agreed, and leaves the marketing agreement out of a form that does not ask', async () => {
    await deliver(person({ consent: { privacy: true } }));
    await deliver(person(), {}, 'none');
    await deliver(person(), { agreements: [], defaults: {} });
    expect((await storedLeads()).map((l) => [l.agreements, l.sourceId])).toEqual([
      [
        [
          { id: 2, hasAgreed: true },
          { id: 5, hasAgreed: false },
        ],
        12,
      ],
      [[{ id: 2, hasAgreed: true }], 12],
      [[], undefined],
    ]);
  });

  it('escapes a quote in the email for OData and URL-encodes the filter, so the member is found', async () => {
    const email = "aoife.o'neil+gym@example.ie";
    expect(odataString(email)).toBe("'aoife.o''neil+gym@example.ie'");
    expect(memberLookupUrl('https://x.perfectgym.com', email)).toBe(
      'https://x.perfectgym.com/Api/v2.2/odata/Members?$filter=email%20eq%20%27aoife.o%27%27neil%2Bgym%40example.ie%27%20and%20isDeleted%20eq%20false',
    );
    expect(await deliver(person({ email }))).toEqual({ kind: 'duplicate' });
    const [lookup] = await pgm.requests(SUB);
    expect(lookup?.path).toBe(`/${SUB}${memberLookupUrl('', email)}`);
    expect(await requests()).toEqual([{ method: 'GET', endpoint: 'members', status: 200 }]);
    expect(await storedLeads()).toEqual([]);
  });

  it('calls a member’s email the duplicate outcome whatever its case, and adds nothing', async () => {
    expect(await deliver(person({ email: 'BESTAND@Example.de' }))).toEqual({ kind: 'duplicate' });
    expect(await storedLeads()).toEqual([]);
  });

  it('adds a lead for a deleted member’s email', async () => {
    expect(await deliver(person({ email: 'former.member@example.com' }))).toMatchObject({ kind: 'delivered' });
    expect(await storedLeads()).toHaveLength(1);
  });

  it('maps the properties of AddLead’s errors onto the form’s fields, keeping the vendor’s first code', async () => {
    expect(await deliver(person({ phone: '020 7946 0958' }))).toEqual({
      kind: 'rejected',
      fields: [{ field: 'phone', code: 'invalid_phone' }],
      vendorCode: 'PhoneNumberInvalid',
    });
    expect(await deliver(person({ firstName: 'F'.repeat(51), lastName: ' ', email: 'lena.example.com' }))).toEqual({
      kind: 'rejected',
      fields: [
        { field: 'firstName', code: 'too_long' },
        { field: 'lastName', code: 'required' },
        { field: 'email', code: 'invalid_email' },
      ],
      vendorCode: 'FirstNameTooLong',
    });
    expect(await storedLeads()).toEqual([]);
  });

  it.each([
    ['a club', { clubId: 3 }, 'VENDOR_INVALID_CLUB'],
    ['a lead source', { defaults: { sourceId: 99 } }, 'VENDOR_INVALID_SOURCE'],
    ['a campaign', { defaults: { campaignId: 99 } }, 'VENDOR_INVALID_CAMPAIGN'],
    ['an "inquired via"', { defaults: { inquiredViaId: 99 } }, 'VENDOR_INVALID_INQUIRED_VIA'],
    ['an agreement type', { agreements: [{ id: 9, field: 'privacy' as const }] }, 'VENDOR_INVALID_AGREEMENT'],
  ])('calls %s the installation does not have misconfigured', async (_name, options, code) => {
    expect(await deliver(person(), options)).toEqual({ kind: 'misconfigured', code });
  });

  it('tells the visitor about a field first when the setup is wrong too', async () => {
    expect(await deliver(person({ phone: '020 7946 0958' }), { clubId: 3 })).toMatchObject({ kind: 'rejected', fields: [{ field: 'phone' }] });
  });

  it('recognises the HTML login page by its content type and calls it an auth failure, at the lookup already', async () => {
    for (const options of [{ clientSecret: 'not-the-secret' }, { clientId: 'not-the-client' }]) {
      await pgm.reset();
      expect(await deliver(person(), options)).toEqual({ kind: 'misconfigured', code: 'VENDOR_AUTH_FAILED' });
      // A 200 whose body, read as JSON, would have been "unreadable", not a credentials problem.
      expect(await requests()).toEqual([{ method: 'GET', endpoint: 'members', status: 200 }]);
    }
    expect(await storedLeads()).toEqual([]);
  });

  it('calls an unknown installation not found', async () => {
    expect(await deliver(person(), { baseUrl: `${url}/elsewhere` })).toEqual({ kind: 'misconfigured', code: 'VENDOR_NOT_FOUND' });
  });

  it('takes the installation address with a trailing slash', async () => {
    expect(await deliver(person(), { baseUrl: `${base}/` })).toMatchObject({ kind: 'delivered' });
  });

  it('calls a 429 on the lookup transient with its Retry-After, and adds nothing', async () => {
    await pgm.fault({ tenant: SUB, endpoint: 'members', mode: 'rate-limit', retryAfter: 7 });
    expect(await deliver(person())).toMatchObject({ kind: 'transient', reason: 'rate_limited', retryAfter: 7 });
    expect(await requests()).toEqual([{ method: 'GET', endpoint: 'members', status: 429 }]);
  });

  it.each([
    ['a 500 on the lookup', 'members', 500],
    ['a 503 HTML page on AddLead, which is no login page', 'add-lead', 503],
    ['a 502 HTML page on the lookup', 'members', 502],
  ])('calls %s transient', async (_name, endpoint, status) => {
    await pgm.fault({ tenant: SUB, endpoint, mode: 'fail', status });
    expect(await deliver(person())).toMatchObject({ kind: 'transient', reason: `status_${status}` });
    expect(await storedLeads()).toEqual([]);
  });

  it.each(['members', 'add-lead'])('calls no answer within the timeout from %s transient', async (endpoint) => {
    await pgm.fault({ tenant: SUB, endpoint, mode: 'hang' });
    const started = Date.now();
    expect(await deliver(person(), { timeoutMs: 1000 })).toMatchObject({ kind: 'transient', reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('calls a connection cut on the lookup transient', async () => {
    await pgm.fault({ tenant: SUB, endpoint: 'members', mode: 'down' });
    expect(await deliver(person())).toMatchObject({ kind: 'transient', reason: 'network' });
  });
});

describe('addLeadPhone', () => {
  it.each([
    ['+44 20 7946 0958', '+442079460958'],
    ['+44 (0)20 7946-0958', '+442079460958'],
    ['0044 20.7946/0958', '+442079460958'],
    ['020 7946 0958', '02079460958'],
  ])('sends %s as %s', (typed, sent) => {
    expect(addLeadPhone(typed)).toBe(sent);
  });
});
