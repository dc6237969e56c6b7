import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import type { Lead } from '../../../shared/lead';
import { simulatorClient } from '../../../tests/stack/simulator-client';
import { adapterContract } from '../adapter-contract';
import type { DeliveryMeta } from '../vendor-adapter';
import { leadLookupUrl, RECONCILE_WINDOW_MS } from './lead-lookup';
import { memberLookupUrl, odataString } from './member-lookup';
import { type MemberLookupEvent, type PerfectGymClassicOptions, perfectGymClassicAdapter } from './perfectgym-classic-adapter';
import { readAddLeadRefusal } from './read-classic-error';

const url = inject('simulators')['perfectgym-classic'];
const pgm = simulatorClient(url);
const SUB = 'ironharbor';
const base = `${url}/${SUB}`;
let n = 0;
const TIMEOUT_MS = 2000;

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
    timeoutMs: TIMEOUT_MS,
    ...changes,
  });

const storedLeads = async () => (await pgm.leads(SUB)) as Record<string, unknown>[];

adapterContract('perfectgym-classic', {
  adapter: () => adapter(),
  // PGM answers its login page to credentials it does not accept.
  misconfiguredAdapter: () => adapter({ clientSecret: 'not-the-secret' }),
  validLead: () => ({ firstName: 'Lena', lastName: 'Koch', email: `contract.${Date.now()}.${++n}@example.com`, phone: '+44 20 7946 0958' }),
  // Past Leadgate's own schema: a number without its country code and no default country is no
  // E.164 number, refused on the phone field before PGM would answer PhoneNumberInvalid.
  leadTheVendorRefuses: () => ({
    lead: { firstName: 'Lena', lastName: 'Koch', email: `refused.${Date.now()}.${++n}@example.com`, phone: '020 7946 0958' },
    field: 'phone',
  }),
  fault: async (fault) => {
    await pgm.fault({ tenant: SUB, endpoint: 'add-lead', ...fault });
  },
  // AddLead stores the lead and answers after the adapter gave up.
  loseNextAnswer: async () => {
    await pgm.fault({ tenant: SUB, endpoint: 'add-lead', mode: 'hang', delayMs: TIMEOUT_MS + 1000, count: 1 });
  },
  afterLostAnswer: 'delivered',
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
  const meta = (marketing: DeliveryMeta['marketing'] = 'single', changes: Partial<DeliveryMeta> = {}): DeliveryMeta => ({
    submissionId: `pgc-${Date.now()}-${++n}`,
    marketing,
    afterUnknown: false,
    receivedAt: Date.now(),
    ...changes,
  });
  const deliver = async (
    lead: Lead,
    options: Partial<PerfectGymClassicOptions> = {},
    marketing: DeliveryMeta['marketing'] = 'single',
    changes: Partial<DeliveryMeta> = {},
  ) => {
    const a = adapter(options);
    return a.deliver(lead, await a.fetchRules(), meta(marketing, changes));
  };
  const afterUnknown = (lead: Lead, options: Partial<PerfectGymClassicOptions> = {}, receivedAt = Date.now()) =>
    deliver(lead, options, 'single', { afterUnknown: true, receivedAt });
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
    expect(await deliver(person({ email }), { existingMember: 'duplicate' })).toEqual({ kind: 'duplicate', vendorId: '3002' });
    const [lookup] = await pgm.requests(SUB);
    expect(lookup?.path).toBe(`/${SUB}${memberLookupUrl('', email)}`);
    expect(await requests()).toEqual([{ method: 'GET', endpoint: 'members', status: 200 }]);
    expect(await storedLeads()).toEqual([]);
  });

  it('still adds a member’s enquiry as a lead, whatever the email’s case, naming the member with the delivery', async () => {
    const events: MemberLookupEvent[] = [];
    const outcome = await deliver(person({ email: 'BESTAND@Example.de' }), { onMemberLookup: (event) => events.push(event) });
    const [stored, ...more] = await storedLeads();
    expect(more).toEqual([]);
    expect(outcome).toEqual({ kind: 'delivered', vendorId: String(stored?.leadId), refs: { memberId: '3001' } });
    expect(stored).toMatchObject({ email: 'BESTAND@Example.de', clubId: 1 });
    expect(events).toEqual([{ result: 'member' }]);
  });

  it('with existingMember "duplicate", answers the duplicate outcome with the member’s id and adds nothing', async () => {
    expect(await deliver(person({ email: 'bestand@example.de', note: 'Mornings' }), { existingMember: 'duplicate' })).toEqual({
      kind: 'duplicate',
      vendorId: '3001',
      kept: undefined,
    });
    expect(await requests()).toEqual([{ method: 'GET', endpoint: 'members', status: 200 }]);
    expect(await storedLeads()).toEqual([]);
  });

  it('adds a lead for a deleted member’s email, naming no member', async () => {
    expect(await deliver(person({ email: 'former.member@example.com' }))).toEqual({ kind: 'delivered', vendorId: expect.any(String) });
    expect(await storedLeads()).toHaveLength(1);
  });

  it('maps the properties of AddLead’s errors onto the form’s fields, keeping the vendor’s first code', async () => {
    // The adapter sends only E.164 numbers, so PGM's PhoneNumberInvalid is read here from its body.
    expect(readAddLeadRefusal({ errors: [{ code: 'PhoneNumberInvalid', property: 'Phone', message: 'x' }] })).toEqual({
      fields: [{ field: 'phone', code: 'invalid_phone' }],
      setupCode: undefined,
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
    expect(await deliver(person({ firstName: 'F'.repeat(51) }), { clubId: 3 })).toMatchObject({ kind: 'rejected', fields: [{ field: 'firstName' }] });
  });

  it('recognises the HTML login page by its content type and calls it an auth failure', async () => {
    for (const options of [{ clientSecret: 'not-the-secret' }, { clientId: 'not-the-client' }]) {
      await pgm.reset();
      const events: MemberLookupEvent[] = [];
      expect(await deliver(person(), { ...options, onMemberLookup: (event) => events.push(event) })).toEqual({
        kind: 'misconfigured',
        code: 'VENDOR_AUTH_FAILED',
      });
      // A 200 whose body, read as JSON, would have been "unreadable", not a credentials problem.
      expect(await requests()).toEqual([
        { method: 'GET', endpoint: 'members', status: 200 },
        { method: 'POST', endpoint: 'add-lead', status: 200 },
      ]);
      expect(events).toEqual([{ result: 'failed', reason: 'login_page' }]);
    }
    expect(await storedLeads()).toEqual([]);
  });

  it('calls an unknown installation not found', async () => {
    expect(await deliver(person(), { baseUrl: `${url}/elsewhere` })).toEqual({ kind: 'misconfigured', code: 'VENDOR_NOT_FOUND' });
  });

  it('takes the installation address with a trailing slash', async () => {
    expect(await deliver(person(), { baseUrl: `${base}/` })).toMatchObject({ kind: 'delivered' });
  });

  it.each([
    ['a 429', { mode: 'rate-limit' as const, retryAfter: 7 }, 'status_429'],
    ['a 500', { mode: 'fail' as const, status: 500 }, 'status_500'],
    ['a 502 HTML page', { mode: 'fail' as const, status: 502 }, 'status_502'],
    ['a 403', { mode: 'fail' as const, status: 403 }, 'status_403'],
    ['a cut connection', { mode: 'down' as const }, 'network'],
    ['no answer within the timeout', { mode: 'hang' as const }, 'timeout'],
  ])('adds the lead anyway after %s on the member lookup, and notes the failure without personal data', async (_name, fault, reason) => {
    await pgm.fault({ tenant: SUB, endpoint: 'members', ...fault });
    const events: MemberLookupEvent[] = [];
    const lead = person();
    const outcome = await deliver(lead, { onMemberLookup: (event) => events.push(event) });
    expect(outcome).toEqual({ kind: 'delivered', vendorId: expect.any(String) });
    expect((await storedLeads()).map((l) => l.email)).toEqual([lead.email]);
    expect(events).toEqual([{ result: 'failed', reason }]);
    expect(JSON.stringify(events)).not.toContain(lead.email);
  });

  it('calls a 429 on AddLead transient with its Retry-After: PGM did not take it', async () => {
    await pgm.fault({ tenant: SUB, endpoint: 'add-lead', mode: 'rate-limit', retryAfter: 7 });
    expect(await deliver(person())).toMatchObject({ kind: 'transient', reason: 'rate_limited', retryAfter: 7 });
  });

  it.each([
    ['a 500', 500],
    ['a 503 HTML page, which is no login page', 503],
  ])('calls %s on AddLead unknown: PGM may hold the lead', async (_name, status) => {
    await pgm.fault({ tenant: SUB, endpoint: 'add-lead', mode: 'fail', status });
    expect(await deliver(person())).toMatchObject({ kind: 'unknown', reason: `status_${status}` });
  });

  it('calls no answer within the timeout from AddLead unknown', async () => {
    await pgm.fault({ tenant: SUB, endpoint: 'add-lead', mode: 'hang' });
    const started = Date.now();
    expect(await deliver(person(), { timeoutMs: 1000 })).toMatchObject({ kind: 'unknown', reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(4000);
  });

  describe('after an unknown outcome', () => {
    it('looks the lead up among the CRM leads by email since the lead was received, and takes the one found as delivered', async () => {
      const lead = person({ email: "o'hara.lost@example.com" });
      await deliver(lead);
      const [stored] = await storedLeads();
      const receivedAt = Date.now() - 1000;
      expect(await afterUnknown(lead, {}, receivedAt)).toEqual({ kind: 'delivered', vendorId: String(stored?.leadId) });
      const [lookup, ...more] = (await pgm.requests(SUB)).slice(2);
      expect(more).toEqual([]);
      expect(lookup).toMatchObject({
        method: 'GET',
        endpoint: 'crm-leads',
        path: `/${SUB}${leadLookupUrl('', lead.email!, receivedAt - RECONCILE_WINDOW_MS)}`,
      });
      expect(await storedLeads()).toHaveLength(1);
    });

    it('adds the lead once when the search finds none, or only one older than the window', async () => {
      const lead = person();
      await deliver(lead);
      const later = Date.now() + RECONCILE_WINDOW_MS + 60_000;
      expect(await afterUnknown(lead, {}, later)).toEqual({ kind: 'delivered', vendorId: expect.any(String) });
      expect((await requests()).map((r) => r.endpoint)).toEqual(['members', 'add-lead', 'crm-leads', 'members', 'add-lead']);
      expect(await storedLeads()).toHaveLength(2);
    });

    it.each([
      ['a 500', { mode: 'fail' as const, status: 500 }, 'lead_lookup_status_500'],
      ['a 404 (no such set on the installation)', { mode: 'fail' as const, status: 404 }, 'lead_lookup_status_404'],
      ['a 429', { mode: 'rate-limit' as const, retryAfter: 5 }, 'lead_lookup_status_429'],
      ['a cut connection', { mode: 'down' as const }, 'lead_lookup_network'],
    ])('leaves it undetermined, for an operator, when the search answers %s: never a blind second AddLead', async (_name, fault, reason) => {
      await pgm.fault({ tenant: SUB, endpoint: 'crm-leads', ...fault });
      expect(await afterUnknown(person())).toEqual({ kind: 'undetermined', reason });
      expect((await requests()).map((r) => r.endpoint)).toEqual(['crm-leads']);
      expect(await storedLeads()).toEqual([]);
    });
  });

  describe('phone numbers', () => {
    it('sends a national number as E.164 with the form’s default country', async () => {
      expect(await deliver(person({ phone: '020 7946 0958' }), { defaultCountry: 'GB' })).toMatchObject({ kind: 'delivered' });
      expect(await deliver(person({ phone: '040 5550 1000' }), { defaultCountry: 'DE' })).toMatchObject({ kind: 'delivered' });
      expect((await storedLeads()).map((l) => l.phone)).toEqual(['+442079460958', '+494055501000']);
    });

    it('refuses a number it cannot read as E.164 on the phone field, before any call', async () => {
      for (const [phone, options] of [
        ['020 7946 0958', {}],
        ['+44 20', { defaultCountry: 'GB' as const }],
        ['call me', { defaultCountry: 'GB' as const }],
      ] as const) {
        expect(await deliver(person({ phone }), options)).toEqual({
          kind: 'rejected',
          fields: [{ field: 'phone', code: 'invalid_phone' }],
          vendorCode: undefined,
        });
      }
      expect(await requests()).toEqual([]);
    });
  });
});
