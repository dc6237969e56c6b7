import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../shared/api-error';
import type { FormSpec } from '../shared/form-spec';
import { resetBindings } from './test-migrations';
import { adminRequest, deliveryOf, perfectGymLead, postLead, request, secretValues, sim } from './test-support';

const FORM = 'demo-perfectgym';
const TENANT = 'demo-gym';

beforeEach(async () => {
  await resetBindings(); // every test starts with a cold rules cache and an empty ledger
  await sim.reset();
});

async function spec(formId = FORM, query = ''): Promise<FormSpec> {
  const response = await request(`/v1/forms/${formId}${query}`);
  expect(response.status).toBe(200);
  return response.json();
}

async function errorOf(response: Response): Promise<ApiErrorBody['error']> {
  return ((await response.json()) as ApiErrorBody).error;
}

describe('GET /v1/forms/:formId', () => {
  it('renders exactly the fields the studio config asks for, INACTIVE ones left out', async () => {
    const { fields, rules } = await spec();
    expect(fields.map((f) => [f.name, f.type, f.required])).toEqual([
      ['firstName', 'text', true],
      ['lastName', 'text', true],
      ['email', 'email', true],
      ['phone', 'tel', true],
      ['gender', 'select', false],
      ['birthDate', 'date', false],
      ['address.street', 'text', false],
      ['address.houseNumber', 'text', false],
      ['address.zipCode', 'text', false],
      ['address.city', 'text', false],
      ['address.countryCode', 'country', false],
      ['custom.1246357240', 'text', false],
      ['custom.1246357241', 'integer', false],
      ['custom.1246357242', 'date', false],
      ['custom.1246357243', 'yes-no', true],
      ['custom.1246357244', 'select', false],
      ['custom.1246357245', 'multiselect', false],
      ['note', 'textarea', false],
      ['consent.privacy', 'consent', true],
      ['consent.channels', 'channels', false],
    ]);
    expect(rules).toEqual([
      { kind: 'all-or-none', fields: ['address.street', 'address.houseNumber', 'address.zipCode', 'address.city', 'address.countryCode'] },
    ]);
    const courses = fields.find((f) => f.name === 'custom.1246357245');
    expect(courses).toMatchObject({
      label: 'Which courses interest you?',
      options: [{ value: 'Spinning' }, { value: 'Yoga' }, { value: 'Pilates' }, { value: 'Zumba' }],
    });
    expect(fields.find((f) => f.name === 'consent.channels')?.matrix).toEqual({
      categories: [
        { category: 'NEWSLETTER', channels: ['EMAIL', 'TEXT_MESSAGE'] },
        { category: 'GENERAL', channels: ['PHONE'] },
      ],
    });
  });

  it('follows the vendor config: MANDATORY address becomes required, INACTIVE telephone disappears', async () => {
    const config = await sim.leadConfig(TENANT);
    await sim.setLeadConfig(TENANT, {
      ...config,
      telephoneMode: 'INACTIVE',
      addressMode: 'MANDATORY',
      additionalInformation: [],
      communicationPreferences: [],
    });
    const { fields, rules } = await spec();
    expect(fields.find((f) => f.name === 'phone')).toBeUndefined();
    expect(fields.filter((f) => f.name.startsWith('address.')).every((f) => f.required)).toBe(true);
    expect(rules).toEqual([]);
    expect(fields.some((f) => f.name.startsWith('custom.') || f.name === 'consent.channels')).toBe(false);
  });

  it('speaks the requested locale and falls back to the form default', async () => {
    const en = await spec(FORM, '?locale=en-GB');
    expect(en.locale).toBe('en');
    expect(en.texts.submit).toBe('Request free trial');
    expect(en.fields.find((f) => f.name === 'note')?.label).toBe('Anything else we should know?');
    const fallback = await spec(FORM, '?locale=ja');
    expect(fallback.locale).toBe('de');
    expect(fallback.success.message).toBe('Danke! Wir melden uns innerhalb eines Werktags bei dir.');
  });

  it('with ?paint=1 carries the form rendered by the widget’s own components in that language, with the widget’s styles; without, only the spec', async () => {
    const painted = (await spec(FORM, '?paint=1&locale=en')) as FormSpec & { paint?: { html: string; css: string } };
    expect(painted.paint?.html).toMatch(/^<div class="lg-frame" data-leadgate-ssr="lg0"><div class="lg" lang="en">/);
    expect(painted.paint?.html).toContain('<label for="lg0-firstName">First name</label>');
    expect(painted.paint?.html).toContain('>Request free trial</button>');
    expect(painted.paint?.css).toContain('.lg-frame');
    expect(await spec(FORM, '?locale=en')).not.toHaveProperty('paint');
  });

  it('reads a repeated locale as its first value', async () => {
    expect((await spec(FORM, '?locale=en&locale=de')).locale).toBe('en');
  });

  it('applies the form choice of optional fields and a single marketing checkbox', async () => {
    const { fields } = await spec('demo-magicline-open');
    expect(fields.map((f) => f.name)).toEqual([
      'firstName',
      'lastName',
      'email',
      'phone',
      'gender',
      expect.stringMatching(/^custom\./),
      'note',
      'consent.privacy',
      'consent.marketing',
    ]);
  });

  it('contains no secret and no vendor internals', async () => {
    const text = await (await request(`/v1/forms/${FORM}`)).text();
    for (const secret of secretValues()) expect(text).not.toContain(secret);
    expect(text).not.toContain('8791');
    expect(text).not.toMatch(/apiKey|additionalFieldId|telephoneMode|X-API-KEY/i);
  });

  it('serves the cached rules while the vendor is down', async () => {
    await spec();
    await sim.fault({ tenant: TENANT, endpoint: 'config', mode: 'down' });
    expect((await spec()).fields.length).toBeGreaterThan(3);
  });

  it('answers 503 VENDOR_UNAVAILABLE when the vendor is down and nothing is cached', async () => {
    await sim.fault({ tenant: TENANT, endpoint: 'config', mode: 'fail', status: 500 });
    const response = await request(`/v1/forms/${FORM}`);
    expect(response.status).toBe(503);
    expect((await errorOf(response)).code).toBe('VENDOR_UNAVAILABLE');
  });

  it('answers 404 FORM_NOT_FOUND for an unknown form', async () => {
    const response = await request('/v1/forms/no-such-form');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'FORM_NOT_FOUND', message: expect.any(String) } });
  });

  it('answers CORS preflights only for the form’s allowed origins', async () => {
    const preflight = (origin: string) =>
      request(`/v1/forms/${FORM}/leads`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,idempotency-key' },
      });
    const allowed = await preflight('http://localhost:8800');
    expect(allowed.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:8800');
    expect(allowed.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain('idempotency-key');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});

describe('POST /v1/forms/:formId/leads', () => {
  it('validates then creates the lead in PerfectGym’s documented shape', async () => {
    const lead = perfectGymLead({
      gender: 'diverse',
      birthDate: '1990-04-01',
      address: { street: 'Am Bahnhof', houseNumber: '90', zipCode: '12133', city: 'München', countryCode: 'DE' },
      custom: {
        '1246357240': 'Instagram',
        '1246357241': '3',
        '1246357242': '2030-01-15',
        '1246357243': true,
        '1246357244': 'Cardio',
        '1246357245': ['Yoga', 'Zumba'],
      },
      note: 'Knee injury last year',
      consent: { privacy: true, channels: { NEWSLETTER: ['EMAIL'], GENERAL: ['PHONE'] } },
      language: 'de',
    });
    const response = await postLead(FORM, lead, { 'Idempotency-Key': 'sub-0001-abcdef' });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ status: 'delivered', submissionId: 'sub-0001-abcdef' });

    const calls = (await sim.requests(TENANT)).filter((r) => r.method === 'POST');
    expect(calls.map((r) => r.path)).toEqual([`/${TENANT}/v1/leads/validate`, `/${TENANT}/v1/leads/create`]);
    expect(calls[1]?.body).toEqual(calls[0]?.body);
    expect(calls[1]?.body).toEqual({
      leadCustomer: {
        thirdPartyId: 'sub-0001-abcdef',
        firstname: 'Max',
        lastname: 'Mustermann',
        email: lead.email,
        telephone: '+49 30 1234567',
        gender: 'UNISEX',
        dateOfBirth: '1990-04-01',
        language: { languageCode: 'de' },
      },
      address: { street: 'Am Bahnhof', houseNumber: '90', zipCode: '12133', city: 'München', countryCode: 'DE' },
      communicationPreferences: [
        {
          messageCategory: 'NEWSLETTER',
          channels: [
            { communicationChannel: 'EMAIL', customerOverridable: true, active: true },
            { communicationChannel: 'TEXT_MESSAGE', customerOverridable: true, active: false },
          ],
        },
        {
          messageCategory: 'GENERAL',
          channels: [
            { communicationChannel: 'EMAIL', customerOverridable: false, active: true },
            { communicationChannel: 'PHONE', customerOverridable: true, active: true },
          ],
        },
      ],
      additionalInformation: [
        { additionalFieldId: 1246357240, value: 'Instagram' },
        { additionalFieldId: 1246357241, value: '3' },
        { additionalFieldId: 1246357242, value: '2030-01-15' },
        { additionalFieldId: 1246357243, value: 'true' },
        { additionalFieldId: 1246357244, value: 'Cardio' },
        { additionalFieldId: 1246357245, values: ['Yoga', 'Zumba'] },
      ],
      notes: 'Knee injury last year',
    });
    expect(await sim.leads(TENANT)).toHaveLength(1);
  });

  it('trims and NFC-normalises text before it reaches the vendor', async () => {
    const lead = perfectGymLead({ firstName: '  Zoe\u0308 ', lastName: 'Mu\u0308ller' });
    expect((await postLead(FORM, lead)).status).toBe(201);
    const create = (await sim.requests(TENANT)).find((r) => r.path.endsWith('/create'));
    expect(create?.body).toMatchObject({ leadCustomer: { firstname: 'Zoë', lastname: 'Müller' } });
  });

  it('refuses an invalid lead with one error per field and sends nothing to the vendor', async () => {
    const response = await postLead(FORM, {
      firstName: '',
      email: 'not-an-email',
      phone: '12',
      custom: { '1246357244': 'Sauna' },
      consent: { privacy: false },
      address: { street: 'Am Bahnhof' },
    });
    expect(response.status).toBe(422);
    const error = await errorOf(response);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fields).toEqual([
      { field: 'firstName', code: 'required' },
      { field: 'lastName', code: 'required' },
      { field: 'email', code: 'invalid_email' },
      { field: 'phone', code: 'invalid_phone' },
      { field: 'address.houseNumber', code: 'required' },
      { field: 'address.zipCode', code: 'required' },
      { field: 'address.city', code: 'required' },
      { field: 'address.countryCode', code: 'required' },
      { field: 'custom.1246357243', code: 'required' },
      { field: 'custom.1246357244', code: 'invalid_option' },
      { field: 'consent.privacy', code: 'must_accept' },
    ]);
    expect((await sim.requests(TENANT)).filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('refuses unknown fields and fields the studio switched off', async () => {
    const response = await postLead(FORM, perfectGymLead({ custom: { '1246357243': true, '1246357246': 'x' }, favouriteColour: 'red' }));
    expect(response.status).toBe(422);
    expect((await errorOf(response)).fields).toEqual(
      expect.arrayContaining([
        { field: 'custom.1246357246', code: 'unknown_field' },
        { field: 'favouriteColour', code: 'unknown_field' },
      ]),
    );
  });

  it('refuses control characters with 422 invalid_characters, and sends the vendor trimmed NFC text', async () => {
    const refused = await postLead(FORM, perfectGymLead({ lastName: 'Muster\u0000mann', note: 'fine\nlines' }));
    expect(refused.status).toBe(422);
    expect((await errorOf(refused)).fields).toEqual([{ field: 'lastName', code: 'invalid_characters' }]);
    expect((await sim.requests(TENANT)).filter((r) => r.method === 'POST')).toEqual([]);

    expect((await postLead(FORM, perfectGymLead({ firstName: '  Jose\u0301  ' }))).status).toBe(201);
    const create = (await sim.requests(TENANT)).find((r) => r.endpoint === 'create');
    expect((create?.body as { leadCustomer: { firstname: string } }).leadCustomer.firstname).toBe('Jos\u00e9');
  });

  it('answers a known customer with the duplicate outcome and creates nothing', async () => {
    const response = await postLead(FORM, perfectGymLead({ email: 'Taken@Example.com' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'duplicate' });
    const paths = (await sim.requests(TENANT)).map((r) => r.path);
    expect(paths).toContain(`/${TENANT}/v1/leads/validate`);
    expect(paths).not.toContain(`/${TENANT}/v1/leads/create`);
    expect(await sim.leads(TENANT)).toEqual([]);
  });

  it('turns a vendor 400 with a reference into an error on that field, without the vendor’s text', async () => {
    const config = await sim.leadConfig(TENANT);
    await sim.setLeadConfig(TENANT, { ...config, telephoneMode: 'OPTIONAL' });
    await spec(); // the rules are cached while the phone is optional...
    await sim.setLeadConfig(TENANT, { ...config, telephoneMode: 'MANDATORY' }); // ...then the studio makes it mandatory
    const lead: Record<string, unknown> = perfectGymLead();
    delete lead.phone;
    const response = await postLead(FORM, lead);
    expect(response.status).toBe(422);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({ error: { code: 'VALIDATION_FAILED', message: expect.any(String), fields: [{ field: 'phone', code: 'required' }] } });
    const vendorAnswer = (await sim.requests(TENANT)).find((r) => r.path.endsWith('/validate'));
    expect(vendorAnswer).toBeDefined();
    expect(body).not.toMatch(/traceId|telephone/i);
  });

  it('answers a vendor refusal that names no field as received, and holds the lead', async () => {
    await sim.fault({ tenant: TENANT, mode: 'validate-status', validateStatus: 'INVALID_LEAD_DATA' });
    const response = await postLead(FORM, perfectGymLead(), { 'Idempotency-Key': 'held-invalid-0001' });
    expect([response.status, await response.json()]).toEqual([202, { status: 'accepted', submissionId: 'held-invalid-0001' }]);
    const row = await env.DB.prepare('SELECT status, error_code, lead_json FROM deliveries WHERE id = ?')
      .bind('held-invalid-0001')
      .first<Record<string, string>>();
    expect(row).toMatchObject({ status: 'held', error_code: 'INVALID_LEAD_DATA', lead_json: expect.any(String) });
    expect(await sim.leads(TENANT)).toEqual([]);
  });

  it.each([
    ['a network failure', { mode: 'down' as const }, 'network'],
    ['a 500', { mode: 'fail' as const, status: 500 }, 'status_500'],
    ['a 503', { mode: 'fail' as const, status: 503 }, 'status_503'],
    ['a 429 with Retry-After', { mode: 'rate-limit' as const, retryAfter: 42 }, 'rate_limited'],
  ])('accepts the lead on %s from the vendor and keeps it for the queue', async (_name, fault, code) => {
    await spec();
    await sim.fault({ tenant: TENANT, endpoint: 'validate', ...fault });
    const response = await postLead(FORM, perfectGymLead(), { 'Idempotency-Key': `transient-${code}` });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ status: 'accepted', submissionId: `transient-${code}` });
    const row = await env.DB.prepare('SELECT status, error_code, attempts, lead_json FROM deliveries WHERE id = ?')
      .bind(`transient-${code}`)
      .first<Record<string, string>>();
    expect(row).toMatchObject({ status: 'queued', error_code: code, attempts: 1 });
    expect((await deliveryOf(FORM, `transient-${code}`)).lead).toMatchObject({ firstName: 'Max', lastName: 'Mustermann' });
    expect(await sim.leads(TENANT)).toEqual([]);
  });

  it('keeps a lead the vendor refuses for the form’s credentials, queued with the code for the operator', async () => {
    await spec();
    await sim.fault({ tenant: TENANT, endpoint: 'validate', mode: 'fail', status: 401 });
    const response = await postLead(FORM, perfectGymLead(), { 'Idempotency-Key': 'held-0001-abcdef' });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ status: 'accepted', submissionId: 'held-0001-abcdef' });
    const row = await env.DB.prepare('SELECT status, error_code, lead_json FROM deliveries WHERE id = ?')
      .bind('held-0001-abcdef')
      .first<Record<string, string>>();
    expect(row).toMatchObject({ status: 'queued', error_code: 'VENDOR_AUTH_FAILED' });
    expect((await deliveryOf(FORM, 'held-0001-abcdef')).lead).toMatchObject({ firstName: 'Max', lastName: 'Mustermann' });
  });

  it('answers a repeated submission with its first outcome and makes no second lead', async () => {
    const lead = perfectGymLead();
    const first = await postLead(FORM, lead, { 'Idempotency-Key': 'again-0001-abcdef' });
    const second = await postLead(FORM, lead, { 'Idempotency-Key': 'again-0001-abcdef' });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(await second.json()).toEqual({ status: 'delivered', submissionId: 'again-0001-abcdef' });
    expect(await sim.leads(TENANT)).toHaveLength(1);
    expect((await sim.requests(TENANT)).filter((r) => r.method === 'POST')).toHaveLength(2); // one validate, one create
  });

  it('delivers a Magicline Open API lead through the same adapter', async () => {
    const { fields } = await spec('demo-magicline-open');
    const list = fields.find((f) => f.name.startsWith('custom.'))!;
    const lead = {
      firstName: 'Ana',
      lastName: 'García',
      email: `ana.${Date.now()}@example.com`,
      custom: { [list.name.slice(7)]: list.options![0]!.value },
      consent: { privacy: true, marketing: true },
    };
    const response = await postLead('demo-magicline-open', lead);
    expect(response.status).toBe(201);
    const create = (await sim.requests('ml-demo')).find((r) => r.path === '/ml-demo/v1/leads/create');
    expect(create?.body).toMatchObject({
      leadCustomer: { firstname: 'Ana', lastname: 'García' },
      communicationPreferences: [{ messageCategory: 'NEWSLETTER', channels: [{ communicationChannel: 'EMAIL', active: true }] }],
    });
  });

  describe('malformed requests', () => {
    const chunked = (text: string) =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          const bytes = new TextEncoder().encode(text);
          for (let i = 0; i < bytes.length; i += 4096) controller.enqueue(bytes.slice(i, i + 4096));
          controller.close();
        },
      });
    const raw = (body: BodyInit, contentType = 'application/json', headers: Record<string, string> = {}) =>
      request(`/v1/forms/${FORM}/leads`, { method: 'POST', headers: { 'Content-Type': contentType, Origin: 'http://localhost:8800', ...headers }, body });

    it.each([
      ['wrong content type', 415, 'UNSUPPORTED_MEDIA_TYPE', () => raw('{"lead":{}}', 'text/plain')],
      ['malformed JSON', 400, 'INVALID_JSON', () => raw('{"lead": {')],
      ['an oversized body', 413, 'PAYLOAD_TOO_LARGE', () => raw(JSON.stringify({ lead: { note: 'x'.repeat(40_000) } }))],
      ['a body without a lead', 400, 'INVALID_REQUEST', () => raw('[1,2,3]')],
      ['unknown top-level keys', 400, 'INVALID_REQUEST', () => raw(JSON.stringify({ lead: perfectGymLead(), extra: 1 }))],
      ['unknown proof keys', 400, 'INVALID_REQUEST', () => raw(JSON.stringify({ lead: perfectGymLead(), proof: { score: 1 } }))],
      ['a form post', 415, 'UNSUPPORTED_MEDIA_TYPE', () => raw('lead[firstName]=Max', 'application/x-www-form-urlencoded')],
      [
        'an oversized body sent in chunks, with no length given',
        413,
        'PAYLOAD_TOO_LARGE',
        () => raw(chunked(JSON.stringify({ lead: { note: 'x'.repeat(40_000) } }))),
      ],
      ['a bad idempotency key', 400, 'INVALID_IDEMPOTENCY_KEY', () => raw('{"lead":{}}', 'application/json', { 'Idempotency-Key': 'x y' })],
      ['an unknown form', 404, 'FORM_NOT_FOUND', () => postLead('nope', {})],
      ['a foreign origin', 403, 'ORIGIN_NOT_ALLOWED', () => postLead(FORM, perfectGymLead(), { Origin: 'https://evil.example' })],
      ['a wrong method', 405, 'METHOD_NOT_ALLOWED', () => request(`/v1/forms/${FORM}/leads`, { method: 'PUT' })],
      ['an unknown route', 404, 'NOT_FOUND', () => request('/v1/nothing')],
    ] as const)('answers %s with %i %s', async (_name, status, code, send) => {
      const response = await send();
      expect(response.status).toBe(status);
      expect(await errorOf(response)).toMatchObject({ code });
      expect(await sim.leads(TENANT)).toEqual([]);
    });
  });
});

describe('an id no submission can have', () => {
  it('is 404 SUBMISSION_NOT_FOUND for a second step', async () => {
    const response = await request('/v1/forms/demo-virtuagym/leads/not%20an%20id/profile', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:8800' },
      body: JSON.stringify({ profile: {}, profileKey: 'A'.repeat(43) }),
    });
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toMatchObject({ code: 'SUBMISSION_NOT_FOUND' });
  });

  it('is 404 SUBMISSION_NOT_FOUND in the operator API', async () => {
    for (const response of [
      await adminRequest(`/forms/${FORM}/deliveries/short`),
      await adminRequest(`/forms/${FORM}/deliveries/short/replay`, { method: 'POST' }),
    ]) {
      expect(response.status).toBe(404);
      expect(await errorOf(response)).toMatchObject({ code: 'SUBMISSION_NOT_FOUND' });
    }
  });
});
