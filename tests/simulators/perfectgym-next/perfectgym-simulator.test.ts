import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ServedApp } from '../serve-app';
import { serveApp } from '../serve-app';
import type { LeadConfig } from './lead-config';
import { perfectGymNextEntry } from './perfectgym-next-entry';
import { createPerfectGymSimulator } from './perfectgym-simulator';
import { loadTenantFixtures, readTenantDefinitions } from './tenants';

const PG_KEY = 'pg-test-key';
const ML_KEY = 'ml-test-key';
const TINY_KEY = 'tiny-test-key';
const START = Date.parse('2026-05-04T10:00:00Z');

let clock = START;
let served: ServedApp;

type Json = Record<string, any>;
interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

const ERROR_KEYS = ['errorMessage', 'errorCode', 'traceId', 'reference'];

async function call(
  method: string,
  path: string,
  options: { key?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? PG_KEY : options.key;
  if (key !== null) headers['X-API-KEY'] = key;
  let body: string | undefined = options.raw;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(`${served.url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text), headers: response.headers };
}

const pg = (endpoint: string) => `/demo-gym/v1/leads/${endpoint}`;
const validate = (body: unknown, tenant = 'demo-gym', key = tenant === 'ml-demo' ? ML_KEY : PG_KEY) =>
  call('POST', `/${tenant}/v1/leads/validate`, { body, key });
const create = (body: unknown, tenant = 'demo-gym', key = tenant === 'ml-demo' ? ML_KEY : PG_KEY) => call('POST', `/${tenant}/v1/leads/create`, { body, key });
const control = (method: string, path: string, body?: unknown) => call(method, `/__sim${path}`, { key: null, ...(body === undefined ? {} : { body }) });

/** The smallest lead demo-gym accepts: telephone and the health question are mandatory there. */
function demoLead(email = 'max@example.com'): Json {
  return {
    leadCustomer: { firstname: 'Max', lastname: 'Mustermann', email, telephone: '+49 89 1234567' },
    additionalInformation: [{ additionalFieldId: 1246357243, value: 'false' }],
  };
}

function mlLead(email = 'erika@example.com'): Json {
  return {
    leadCustomer: { firstname: 'Erika', lastname: 'Musterfrau', email },
    additionalInformation: [{ additionalFieldId: 1310042871, value: 'Ausdauer' }],
  };
}

const fullAddress = { street: 'Am Bahnhof', houseNumber: '90', zipCode: '12133', city: 'Munich', countryCode: 'DE' };

function expectError(answer: Answer, status: number, code: string, reference?: string) {
  expect({ status: answer.status, code: answer.body?.errorCode, reference: answer.body?.reference }).toEqual({
    status,
    code,
    reference,
  });
  expect(Object.keys(answer.body).every((k) => ERROR_KEYS.includes(k))).toBe(true);
  expect(typeof answer.body.errorMessage).toBe('string');
  expect(typeof answer.body.traceId).toBe('string');
}

beforeAll(async () => {
  const tiny = { ...readTenantDefinitions()[0]!, tenant: 'tiny-gym', rateLimitPerMinute: 3, apiKey: TINY_KEY };
  const simulator = createPerfectGymSimulator({
    tenants: [
      ...loadTenantFixtures({ PG_DEMO_API_KEY: PG_KEY, ML_OPEN_DEMO_API_KEY: ML_KEY, PG_HOSTILE_API_KEY: 'hostile-key', PG_BENCH_API_KEY: 'bench-key' }),
      tiny,
    ],
    now: () => clock,
  });
  served = await serveApp(simulator.fetch, 0);
});

afterAll(() => served.close());

beforeEach(async () => {
  clock = START;
  expect((await control('POST', '/reset')).status).toBe(200);
});

describe('config', () => {
  it('returns each tenant its own lead config', async () => {
    const demo = await call('GET', pg('config'));
    expect(demo.status).toBe(200);
    expect(demo.body).toMatchObject({ telephoneMode: 'MANDATORY', addressMode: 'OPTIONAL' });
    expect(demo.body.additionalInformation.map((f: Json) => f.type)).toEqual(['TEXT', 'NUMERIC', 'DATE', 'BOOLEAN', 'LIST', 'LIST', 'TEXT']);
    const ml = await call('GET', '/ml-demo/v1/leads/config', { key: ML_KEY });
    expect(ml.body).toMatchObject({ addressMode: 'INACTIVE', telephoneMode: 'OPTIONAL' });
    expect(ml.body.additionalInformation).toEqual([expect.objectContaining({ type: 'LIST', mode: 'MANDATORY' })]);
  });
});

describe('auth and routing', () => {
  it('answers 401 with the error body without a key, with a wrong key and with another tenant’s key', async () => {
    expectError(await call('GET', pg('config'), { key: null }), 401, 'UNAUTHORIZED');
    expectError(await call('GET', pg('config'), { key: 'wrong' }), 401, 'UNAUTHORIZED');
    expectError(await call('GET', pg('config'), { key: ML_KEY }), 401, 'UNAUTHORIZED');
  });

  it('accepts the key header in any case', async () => {
    const answer = await call('GET', pg('config'), { key: null, headers: { 'x-Api-kEY': PG_KEY } });
    expect(answer.status).toBe(200);
  });

  it('checks the key before the body', async () => {
    expectError(await call('POST', pg('create'), { key: null, raw: 'not json' }), 401, 'UNAUTHORIZED');
  });

  it('answers HEAD with the key check only: 200 or 401, no lead, no rate count', async () => {
    expect((await call('HEAD', pg('create'))).status).toBe(200);
    expect((await call('HEAD', '/demo-gym/v1/anything/else')).status).toBe(200);
    expect((await call('HEAD', pg('config'), { key: 'wrong' })).status).toBe(401);
    expect((await call('HEAD', pg('config'), { key: null })).status).toBe(401);
    expect((await control('GET', '/tenants/demo-gym/leads')).body.leads).toEqual([]);
    for (let i = 0; i < 5; i++) await call('HEAD', '/tiny-gym/v1/leads/config', { key: TINY_KEY });
    expect((await call('GET', '/tiny-gym/v1/leads/config', { key: TINY_KEY })).status).toBe(200);
  });

  it('answers 404 with the error body for an unknown tenant or path, 405 for a wrong method', async () => {
    expectError(await call('GET', '/no-such-gym/v1/leads/config'), 404, 'TENANT_NOT_FOUND');
    expectError(await call('GET', '/demo-gym/v1/leads/nothing'), 404, 'NOT_FOUND');
    expectError(await call('GET', '/'), 404, 'NOT_FOUND');
    expectError(await call('GET', pg('create')), 405, 'METHOD_NOT_ALLOWED');
  });

  it('writes errorMessage in the Accept-Language, else in the studio language', async () => {
    const english = await call('GET', pg('config'), { key: 'x', headers: { 'Accept-Language': 'fr-FR, en;q=0.8' } });
    expect(english.body.errorMessage).toMatch(/API key/);
    const german = await call('GET', pg('config'), { key: 'x', headers: { 'Accept-Language': 'de-CH' } });
    expect(german.body.errorMessage).toMatch(/API-Schlüssel/);
    const studio = await call('GET', pg('config'), { key: 'x' });
    expect(studio.body.errorMessage).toBe(german.body.errorMessage);
  });
});

describe('validate and create', () => {
  it('validates a correct lead as POSSIBLE', async () => {
    expect(await validate(demoLead())).toMatchObject({ status: 200, body: { status: 'POSSIBLE' } });
  });

  it('accepts a lead using every field type, address and preference', async () => {
    const lead = demoLead();
    lead.leadCustomer = {
      ...lead.leadCustomer,
      thirdPartyId: 'A1000',
      secondFirstname: 'Peter',
      secondLastname: 'Meier',
      gender: 'MALE',
      dateOfBirth: '2000-02-29',
      language: { languageCode: 'de', countryCode: 'DE' },
    };
    lead.address = { ...fullAddress, floor: '2nd floor' };
    lead.additionalInformation = [
      { additionalFieldId: 1246357240, value: 'Friends' },
      { additionalFieldId: 1246357241, value: '-2' },
      { additionalFieldId: 1246357242, value: '2026-06-01' },
      { additionalFieldId: 1246357243, value: 'true' },
      { additionalFieldId: 1246357244, value: 'Cardio' },
      { additionalFieldId: 1246357245, values: ['Yoga', 'Zumba'] },
    ];
    lead.communicationPreferences = [
      { messageCategory: 'NEWSLETTER', channels: [{ communicationChannel: 'TEXT_MESSAGE', active: true }] },
      {
        messageCategory: 'GENERAL',
        channels: [
          { communicationChannel: 'EMAIL', customerOverridable: false, active: true },
          { communicationChannel: 'PHONE', active: true },
        ],
      },
    ];
    lead.notes = 'Free trials and classes';
    lead.externalIdentifier = 'CMPGN-123';
    expect((await validate(lead)).body).toEqual({ status: 'POSSIBLE' });
  });

  it('creates a lead with the documented response shape and stores it', async () => {
    const first = await create(demoLead());
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      id: expect.any(Number),
      customerId: expect.any(Number),
      uuid: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      customerNumber: '1-4139',
    });
    const second = await create(demoLead('other@example.com'));
    expect(second.body.id).toBe(first.body.id + 1);
    expect(second.body.customerNumber).toBe('1-4140');
    const stored = await control('GET', '/tenants/demo-gym/leads');
    expect(stored.body.leads).toEqual([
      expect.objectContaining({ ...first.body, request: demoLead() }),
      expect.objectContaining({ ...second.body, request: demoLead('other@example.com') }),
    ]);
  });

  it('refuses a body not declared as JSON with 415', async () => {
    const answer = await call('POST', pg('validate'), {
      raw: JSON.stringify(demoLead()),
      headers: { 'Content-Type': 'text/plain' },
    });
    expectError(answer, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a body that is not JSON, or not an object, without a reference', async () => {
    expectError(await call('POST', pg('validate'), { raw: '{"leadCustomer":' }), 400, 'MALFORMED_REQUEST');
    expectError(await validate([demoLead()]), 400, 'MALFORMED_REQUEST');
    expectError(await create('lead'), 400, 'MALFORMED_REQUEST');
  });

  const withCustomer = (changes: Json) => {
    const lead = demoLead();
    lead.leadCustomer = { ...lead.leadCustomer, ...changes };
    for (const [key, value] of Object.entries(changes)) if (value === undefined) delete lead.leadCustomer[key];
    return lead;
  };
  const withExtra = (...entries: Json[]) => {
    const lead = demoLead();
    lead.additionalInformation = [...lead.additionalInformation, ...entries];
    return lead;
  };
  const withPreferences = (...preferences: Json[]) => ({ ...demoLead(), communicationPreferences: preferences });
  const newsletter = (channels: Json[]) => ({ messageCategory: 'NEWSLETTER', channels });

  const cases: [string, Json | unknown, string, string | undefined][] = [
    ['an unknown top-level property', { ...demoLead(), campaign: 'x' }, 'UNKNOWN_PROPERTY', 'campaign'],
    ['a missing leadCustomer', { additionalInformation: demoLead().additionalInformation }, 'REQUIRED_FIELD_MISSING', 'leadCustomer'],
    ['a missing firstname', withCustomer({ firstname: undefined }), 'REQUIRED_FIELD_MISSING', 'leadCustomer.firstname'],
    ['an empty lastname', withCustomer({ lastname: '  ' }), 'REQUIRED_FIELD_MISSING', 'leadCustomer.lastname'],
    ['a missing email', withCustomer({ email: undefined }), 'REQUIRED_FIELD_MISSING', 'leadCustomer.email'],
    ['a firstname that is no string', withCustomer({ firstname: 42 }), 'INVALID_TYPE', 'leadCustomer.firstname'],
    ['an email without a domain', withCustomer({ email: 'max@example' }), 'INVALID_EMAIL', 'leadCustomer.email'],
    ['an unknown customer property', withCustomer({ nickname: 'M' }), 'UNKNOWN_PROPERTY', 'leadCustomer.nickname'],
    ['an unknown gender', withCustomer({ gender: 'male' }), 'INVALID_VALUE', 'leadCustomer.gender'],
    ['an impossible birth date', withCustomer({ dateOfBirth: '2001-02-29' }), 'INVALID_FORMAT', 'leadCustomer.dateOfBirth'],
    ['a German-style birth date', withCustomer({ dateOfBirth: '10.10.2000' }), 'INVALID_FORMAT', 'leadCustomer.dateOfBirth'],
    ['a birth date in the future', withCustomer({ dateOfBirth: '2026-05-05' }), 'INVALID_VALUE', 'leadCustomer.dateOfBirth'],
    ['a missing mandatory telephone', withCustomer({ telephone: undefined }), 'REQUIRED_FIELD_MISSING', 'leadCustomer.telephone'],
    ['a telephone that is no number', withCustomer({ telephone: 'call me' }), 'INVALID_FORMAT', 'leadCustomer.telephone'],
    ['a language without code', withCustomer({ language: { countryCode: 'DE' } }), 'REQUIRED_FIELD_MISSING', 'leadCustomer.language.languageCode'],
    ['a three-letter language code', withCustomer({ language: { languageCode: 'deu' } }), 'INVALID_FORMAT', 'leadCustomer.language.languageCode'],
    [
      'an address without house number',
      { ...demoLead(), address: { ...fullAddress, houseNumber: undefined } },
      'REQUIRED_FIELD_MISSING',
      'address.houseNumber',
    ],
    ['an address with an empty zip code', { ...demoLead(), address: { ...fullAddress, zipCode: '' } }, 'REQUIRED_FIELD_MISSING', 'address.zipCode'],
    ['an address without city', { ...demoLead(), address: { ...fullAddress, city: undefined } }, 'REQUIRED_FIELD_MISSING', 'address.city'],
    ['a lower-case country code', { ...demoLead(), address: { ...fullAddress, countryCode: 'de' } }, 'INVALID_FORMAT', 'address.countryCode'],
    ['a second first name over 100 characters', withCustomer({ secondFirstname: 'P'.repeat(101) }), 'TOO_LONG', 'leadCustomer.secondFirstname'],
    ['a second last name that is no string', withCustomer({ secondLastname: 7 }), 'INVALID_TYPE', 'leadCustomer.secondLastname'],
    [
      'a lower-case language country',
      withCustomer({ language: { languageCode: 'de', countryCode: 'ch' } }),
      'INVALID_FORMAT',
      'leadCustomer.language.countryCode',
    ],
    ['an address part over 100 characters', { ...demoLead(), address: { ...fullAddress, floor: '2'.repeat(101) } }, 'TOO_LONG', 'address.floor'],
    ['a language the platform does not know', withCustomer({ language: { languageCode: 'xx' } }), 'INVALID_VALUE', 'leadCustomer.language.languageCode'],
    ['a thirdPartyId over 128 characters', withCustomer({ thirdPartyId: 'a'.repeat(129) }), 'TOO_LONG', 'leadCustomer.thirdPartyId'],
    ['a campaign id the studio does not have', { ...demoLead(), externalIdentifier: 'spring-2027' }, 'UNKNOWN_CAMPAIGN', 'externalIdentifier'],
    ['a campaign id in another case', { ...demoLead(), externalIdentifier: 'cmpgn-123' }, 'UNKNOWN_CAMPAIGN', 'externalIdentifier'],
    ['an unknown address property', { ...demoLead(), address: { ...fullAddress, country: 'Germany' } }, 'UNKNOWN_PROPERTY', 'address.country'],
    [
      'an unknown additional field',
      withExtra({ additionalFieldId: 999, value: 'x' }),
      'UNKNOWN_ADDITIONAL_FIELD',
      'additionalInformation[1].additionalFieldId',
    ],
    ['an INACTIVE additional field', withExtra({ additionalFieldId: 1246357246, value: 'x' }), 'FIELD_INACTIVE', 'additionalInformation[1].additionalFieldId'],
    ['an additional field twice', withExtra({ additionalFieldId: 1246357243, value: 'true' }), 'DUPLICATE_ENTRY', 'additionalInformation[1].additionalFieldId'],
    [
      'an additional field id as string',
      withExtra({ additionalFieldId: '1246357240', value: 'x' }),
      'INVALID_TYPE',
      'additionalInformation[1].additionalFieldId',
    ],
    ['a NUMERIC value with decimals', withExtra({ additionalFieldId: 1246357241, value: '3.5' }), 'INVALID_FORMAT', 'additionalInformation[1].value'],
    ['a NUMERIC value in words', withExtra({ additionalFieldId: 1246357241, value: 'three' }), 'INVALID_FORMAT', 'additionalInformation[1].value'],
    ['a DATE value that is no date', withExtra({ additionalFieldId: 1246357242, value: '2026-13-01' }), 'INVALID_FORMAT', 'additionalInformation[1].value'],
    [
      'a BOOLEAN value other than true/false',
      { ...demoLead(), additionalInformation: [{ additionalFieldId: 1246357243, value: 'yes' }] },
      'INVALID_VALUE',
      'additionalInformation[0].value',
    ],
    ['a LIST value not offered', withExtra({ additionalFieldId: 1246357244, value: 'Sauna' }), 'INVALID_VALUE', 'additionalInformation[1].value'],
    ['values on a single-select LIST', withExtra({ additionalFieldId: 1246357244, values: ['Cardio'] }), 'INVALID_VALUE', 'additionalInformation[1].values'],
    [
      'a multi-select value not offered',
      withExtra({ additionalFieldId: 1246357245, values: ['Yoga', 'Boxing'] }),
      'INVALID_VALUE',
      'additionalInformation[1].values[1]',
    ],
    [
      'a multi-select value twice',
      withExtra({ additionalFieldId: 1246357245, values: ['Yoga', 'Yoga'] }),
      'DUPLICATE_ENTRY',
      'additionalInformation[1].values[1]',
    ],
    ['a single value on a multi-select LIST', withExtra({ additionalFieldId: 1246357245, value: 'Yoga' }), 'INVALID_VALUE', 'additionalInformation[1].value'],
    ['a missing MANDATORY additional field', { ...demoLead(), additionalInformation: [] }, 'REQUIRED_FIELD_MISSING', 'additionalInformation'],
    [
      'an empty MANDATORY additional value',
      { ...demoLead(), additionalInformation: [{ additionalFieldId: 1246357243, value: '' }] },
      'REQUIRED_FIELD_MISSING',
      'additionalInformation[0].value',
    ],
    [
      'a category not configured',
      withPreferences({ messageCategory: 'APPOINTMENT', channels: [{ communicationChannel: 'EMAIL', active: true }] }),
      'UNKNOWN_MESSAGE_CATEGORY',
      'communicationPreferences[0].messageCategory',
    ],
    [
      'a category that does not exist',
      withPreferences({ messageCategory: 'SPAM', channels: [] }),
      'INVALID_VALUE',
      'communicationPreferences[0].messageCategory',
    ],
    [
      'a channel not configured for the category',
      withPreferences(
        newsletter([
          { communicationChannel: 'EMAIL', active: true },
          { communicationChannel: 'PHONE', active: true },
        ]),
      ),
      'UNKNOWN_COMMUNICATION_CHANNEL',
      'communicationPreferences[0].channels[1].communicationChannel',
    ],
    [
      'a channel without active',
      withPreferences(newsletter([{ communicationChannel: 'EMAIL' }])),
      'REQUIRED_FIELD_MISSING',
      'communicationPreferences[0].channels[0].active',
    ],
    [
      'an active that is no boolean',
      withPreferences(newsletter([{ communicationChannel: 'EMAIL', active: 'yes' }])),
      'INVALID_TYPE',
      'communicationPreferences[0].channels[0].active',
    ],
    ['a category twice', withPreferences(newsletter([]), newsletter([])), 'DUPLICATE_ENTRY', 'communicationPreferences[1].messageCategory'],
    [
      'a flipped channel the customer may not override',
      withPreferences({ messageCategory: 'GENERAL', channels: [{ communicationChannel: 'EMAIL', active: false }] }),
      'NOT_OVERRIDABLE',
      'communicationPreferences[0].channels[0].active',
    ],
  ];

  it.each(cases)('refuses %s with 400 on validate and on create', async (_name, body, code, reference) => {
    expectError(await validate(body), 400, code, reference);
    expectError(await create(body), 400, code, reference);
    expect((await control('GET', '/tenants/demo-gym/leads')).body.leads).toEqual([]);
  });

  it('enforces an INACTIVE address on the Magicline tenant and its MANDATORY list field', async () => {
    expect((await validate(mlLead(), 'ml-demo')).body).toEqual({ status: 'POSSIBLE' });
    expectError(await validate({ ...mlLead(), address: fullAddress }, 'ml-demo'), 400, 'FIELD_INACTIVE', 'address');
    expectError(await validate({ ...mlLead(), additionalInformation: [] }, 'ml-demo'), 400, 'REQUIRED_FIELD_MISSING', 'additionalInformation');
  });
});

describe('lead config overrides', () => {
  const demoConfig = async (): Promise<LeadConfig> => (await control('GET', '/tenants/demo-gym/lead-config')).body;

  it('changes what GET config returns and what validate enforces, until reset', async () => {
    const config = await demoConfig();
    const changed = { ...config, genderMode: 'INACTIVE', addressMode: 'MANDATORY', dateOfBirthMode: 'MANDATORY' };
    expect((await control('PUT', '/tenants/demo-gym/lead-config', changed)).status).toBe(200);
    expect((await call('GET', pg('config'))).body).toMatchObject({ genderMode: 'INACTIVE', addressMode: 'MANDATORY' });

    const lead = demoLead();
    lead.leadCustomer.dateOfBirth = '1990-01-01';
    expectError(await validate(lead), 400, 'REQUIRED_FIELD_MISSING', 'address');
    lead.address = fullAddress;
    lead.leadCustomer.gender = 'FEMALE';
    expectError(await validate(lead), 400, 'FIELD_INACTIVE', 'leadCustomer.gender');
    delete lead.leadCustomer.gender;
    delete lead.leadCustomer.dateOfBirth;
    expectError(await validate(lead), 400, 'REQUIRED_FIELD_MISSING', 'leadCustomer.dateOfBirth');

    await control('POST', '/reset');
    expect((await call('GET', pg('config'))).body).toEqual(config);
  });

  it('refuses an INACTIVE telephone and an INACTIVE date of birth when sent', async () => {
    const config = await demoConfig();
    await control('PUT', '/tenants/demo-gym/lead-config', { ...config, telephoneMode: 'INACTIVE', dateOfBirthMode: 'INACTIVE' });
    expectError(await validate(demoLead()), 400, 'FIELD_INACTIVE', 'leadCustomer.telephone');
    const lead = demoLead();
    delete lead.leadCustomer.telephone;
    expect((await validate(lead)).body).toEqual({ status: 'POSSIBLE' });
    lead.leadCustomer.dateOfBirth = '1990-01-01';
    expectError(await validate(lead), 400, 'FIELD_INACTIVE', 'leadCustomer.dateOfBirth');
  });

  it('refuses a config of the wrong shape and an unknown tenant', async () => {
    const bad = await control('PUT', '/tenants/demo-gym/lead-config', { addressMode: 'SOMETIMES' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/addressMode/);
    const list = {
      ...(await demoConfig()),
      additionalInformation: [{ additionalFieldId: 1, name: 'x', type: 'LIST', allowMultiSelection: false, mode: 'OPTIONAL' }],
    };
    expect((await control('PUT', '/tenants/demo-gym/lead-config', list)).status).toBe(400);
    expect((await control('PUT', '/tenants/nobody/lead-config', await demoConfig())).status).toBe(404);
  });
});

describe('duplicates', () => {
  it('reports a fixture customer as DUPLICATE_CUSTOMER, ignoring case and spaces', async () => {
    expect((await validate(demoLead('taken@example.com'))).body).toEqual({ status: 'DUPLICATE_CUSTOMER' });
    expect((await validate(demoLead('  Taken@Example.COM '))).body).toEqual({ status: 'DUPLICATE_CUSTOMER' });
    expectError(await create(demoLead('TAKEN@example.com')), 409, 'DUPLICATE_CUSTOMER');
  });

  it('reports a lead created earlier as duplicate, per tenant only', async () => {
    expect((await create(demoLead('new@example.com'))).status).toBe(200);
    expect((await validate(demoLead('NEW@example.com'))).body).toEqual({ status: 'DUPLICATE_CUSTOMER' });
    expectError(await create(demoLead('new@example.com')), 409, 'DUPLICATE_CUSTOMER');
    expect((await validate(mlLead('new@example.com'), 'ml-demo')).body).toEqual({ status: 'POSSIBLE' });
    expect((await control('GET', '/tenants/demo-gym/leads')).body.leads).toHaveLength(1);
  });
});

describe('rate limit', () => {
  const tinyConfig = () => call('GET', '/tiny-gym/v1/leads/config', { key: TINY_KEY });

  it('denies an endpoint for the next minute once its limit is exceeded, leaving other endpoints alone', async () => {
    for (let i = 0; i < 3; i++) expect((await tinyConfig()).status).toBe(200);
    const denied = await tinyConfig();
    expectError(denied, 429, 'RATE_LIMIT_EXCEEDED');
    expect(denied.headers.get('retry-after')).toBe('60');
    expect((await call('POST', '/tiny-gym/v1/leads/validate', { key: TINY_KEY, body: demoLead() })).status).toBe(200);
    expect((await call('GET', pg('config'))).status).toBe(200);

    clock += 30_000;
    const still = await tinyConfig();
    expect(still.status).toBe(429);
    expect(still.headers.get('retry-after')).toBe('30');
    clock += 30_000;
    expect((await tinyConfig()).status).toBe(200);
  });

  it('allows the documented default of 1000 requests per minute per endpoint', async () => {
    const url = `${served.url}${pg('config')}`;
    for (let batch = 0; batch < 20; batch++) {
      const statuses = await Promise.all(Array.from({ length: 50 }, () => fetch(url, { headers: { 'X-API-KEY': PG_KEY } }).then((r) => r.status)));
      expect(statuses.every((s) => s === 200)).toBe(true);
    }
    expectError(await call('GET', pg('config')), 429, 'RATE_LIMIT_EXCEEDED');
    expect((await validate(demoLead())).status).toBe(200);
    clock += 60_000;
    expect((await call('GET', pg('config'))).status).toBe(200);
  });
});

describe('faults', () => {
  const fault = (spec: Json) => control('POST', '/faults', spec);

  it('fail answers the given status with the error body for count requests on the matching endpoint', async () => {
    expect((await fault({ mode: 'fail', endpoint: 'create', status: 503, count: 2 })).status).toBe(201);
    expectError(await create(demoLead()), 503, 'SERVICE_UNAVAILABLE');
    expect((await call('GET', pg('config'))).status).toBe(200);
    expectError(await create(demoLead()), 503, 'SERVICE_UNAVAILABLE');
    expect((await create(demoLead())).status).toBe(200);
  });

  it('fail defaults to 500 for ever, only for the named tenant', async () => {
    await fault({ mode: 'fail', tenant: 'ml-demo' });
    for (let i = 0; i < 3; i++) {
      expectError(await call('GET', '/ml-demo/v1/leads/config', { key: ML_KEY }), 500, 'INTERNAL_SERVER_ERROR');
    }
    expect((await call('GET', pg('config'))).status).toBe(200);
    await control('DELETE', '/faults');
    expect((await call('GET', '/ml-demo/v1/leads/config', { key: ML_KEY })).status).toBe(200);
  });

  it('hang without delay keeps the client waiting until it gives up', async () => {
    await fault({ mode: 'hang', endpoint: 'config', count: 1 });
    const started = Date.now();
    await expect(fetch(`${served.url}${pg('config')}`, { headers: { 'X-API-KEY': PG_KEY }, signal: AbortSignal.timeout(150) })).rejects.toThrow(
      /abort|timeout/i,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect((await call('GET', pg('config'))).status).toBe(200);
  });

  it('hang with delayMs answers normally after the delay', async () => {
    await fault({ mode: 'hang', delayMs: 120, count: 1 });
    const started = Date.now();
    expect((await validate(demoLead())).body).toEqual({ status: 'POSSIBLE' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('rate-limit answers 429 with the given Retry-After', async () => {
    await fault({ mode: 'rate-limit', endpoint: 'validate', retryAfter: 7, count: 1 });
    const answer = await validate(demoLead());
    expectError(answer, 429, 'RATE_LIMIT_EXCEEDED');
    expect(answer.headers.get('retry-after')).toBe('7');
    expect((await validate(demoLead())).status).toBe(200);
  });

  it('down destroys the connection without an answer', async () => {
    await fault({ mode: 'down', count: 1 });
    await expect(call('GET', pg('config'))).rejects.toThrow(TypeError);
    expect((await call('GET', pg('config'))).status).toBe(200);
  });

  it('validate-status makes validate answer that status', async () => {
    await fault({ mode: 'validate-status', validateStatus: 'INVALID_LEAD_DATA', count: 1 });
    expect((await call('GET', pg('config'))).status).toBe(200);
    expect(await validate(demoLead())).toMatchObject({ status: 200, body: { status: 'INVALID_LEAD_DATA' } });
    expect((await validate(demoLead())).body).toEqual({ status: 'POSSIBLE' });
  });

  it('refuses the create of a body validate called INVALID_LEAD_DATA, with no field named, and only that body', async () => {
    await fault({ mode: 'validate-status', validateStatus: 'INVALID_LEAD_DATA', count: 1 });
    await validate(demoLead());
    // The field checks come first: they name a field.
    expectError(await create({ ...demoLead(), additionalInformation: [] }), 400, 'REQUIRED_FIELD_MISSING', 'additionalInformation');
    expectError(await create(demoLead()), 400, 'INVALID_LEAD_DATA');
    expect((await create(demoLead('other@example.com'))).status).toBe(200);
    expect((await control('GET', '/tenants/demo-gym/leads')).body.leads).toHaveLength(1);
  });

  it('refuses fault specs it cannot apply', async () => {
    expect((await fault({ mode: 'explode' })).status).toBe(400);
    expect((await fault({ mode: 'fail', endpoint: 'delete' })).status).toBe(400);
    expect((await fault({ mode: 'validate-status', validateStatus: 'MAYBE' })).status).toBe(400);
    expect((await fault({ mode: 'validate-status', validateStatus: 'POSSIBLE', endpoint: 'create' })).status).toBe(400);
    expect((await fault({ mode: 'fail', count: 0 })).status).toBe(400);
    expect((await control('GET', '/faults')).body.faults).toEqual([]);
  });

  it('logs faulted requests with the fault mode', async () => {
    await fault({ mode: 'fail', count: 1 });
    await fault({ mode: 'down', count: 1 });
    await call('GET', pg('config'));
    await call('GET', pg('config')).catch(() => undefined);
    const { requests } = (await control('GET', '/requests')).body;
    expect(requests.map((r: Json) => [r.fault, r.status])).toEqual([
      ['fail', 500],
      ['down', undefined],
    ]);
  });
});

describe('request log', () => {
  it('records vendor requests oldest first with redacted keys and parsed bodies, not control requests', async () => {
    await call('GET', pg('config'), { headers: { Authorization: 'Bearer secret' } });
    await create(demoLead());
    await call('POST', pg('validate'), { raw: 'plain words' });
    await call('GET', '/ml-demo/v1/leads/config', { key: ML_KEY });
    const { requests } = (await control('GET', '/requests')).body;
    expect(requests).toHaveLength(4);
    expect(requests[0]).toMatchObject({
      id: expect.any(Number),
      time: '2026-05-04T10:00:00.000Z',
      method: 'GET',
      path: '/demo-gym/v1/leads/config',
      tenant: 'demo-gym',
      endpoint: 'config',
      status: 200,
    });
    expect(requests[0].headers['x-api-key']).toBe('[redacted]');
    expect(requests[0].headers.authorization).toBe('[redacted]');
    expect(requests[1]).toMatchObject({ method: 'POST', endpoint: 'create', body: demoLead(), status: 200 });
    expect(requests[2]).toMatchObject({ body: 'plain words', status: 400 });
    expect(JSON.stringify(requests)).not.toContain(PG_KEY);

    const ml = (await control('GET', '/requests?tenant=ml-demo')).body.requests;
    expect(ml.map((r: Json) => r.tenant)).toEqual(['ml-demo']);
  });

  it('clears on DELETE and on reset, which also forgets leads', async () => {
    await create(demoLead());
    expect((await control('DELETE', '/requests')).body).toEqual({ cleared: 1 });
    expect((await control('GET', '/requests')).body.requests).toEqual([]);
    await call('GET', pg('config'));
    await control('POST', '/reset');
    expect((await control('GET', '/requests')).body.requests).toEqual([]);
    expect((await control('GET', '/tenants/demo-gym/leads')).body.leads).toEqual([]);
    expect((await validate(demoLead())).body).toEqual({ status: 'POSSIBLE' });
  });
});

describe('its simulator list entry', () => {
  it('serves the fixture tenants with the given keys', async () => {
    const secrets = { PG_DEMO_API_KEY: 'a', ML_OPEN_DEMO_API_KEY: 'b', PG_HOSTILE_API_KEY: 'f', PG_BENCH_API_KEY: 'g' };
    const started = await serveApp((await perfectGymNextEntry.create({ secrets })).fetch, 0);
    try {
      const answer = await fetch(`${started.url}/ml-demo/v1/leads/config`, { headers: { 'X-API-KEY': 'b' } });
      expect(answer.status).toBe(200);
    } finally {
      await started.close();
    }
  });

  it('refuses to start when a tenant key is missing, naming tenant and variable', async () => {
    await expect(perfectGymNextEntry.create({ secrets: { PG_DEMO_API_KEY: 'a' } })).rejects.toThrow(/ml-demo.*ML_OPEN_DEMO_API_KEY/);
  });
});
