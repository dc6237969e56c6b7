import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ServedApp } from '../serve-app';
import { serveApp } from '../serve-app';
import type { SpecViolation } from '../spec-guard';
import { specGuard } from '../spec-guard';
import { loadConnectSpec } from './connect-spec';
import { magiclineConnectEntry } from './magicline-connect-entry';
import { createMagiclineConnectSimulator } from './magicline-connect-simulator';

const TENANT = 'connectdemo';
const SPEICHERSTADT = 1229489600;
const ALTONA = 1229489601;
const SCHWABING = 1229489602;
const START = Date.parse('2026-05-04T10:00:00Z');

let clock = START;
let served: ServedApp;

interface Answer {
  status: number;
  body: any;
  text: string;
  headers: Headers;
}

async function send(method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const response = await fetch(`${served.url}${path}`, { method, ...init });
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body, text, headers: response.headers };
}

const api = (path: string) => send('GET', `/${TENANT}/connect${path}`);
const postLead = (body: unknown) => send('POST', `/${TENANT}/connect/v1/lead`, { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const control = (method: string, path: string, body?: unknown) =>
  send(method, `/__sim${path}`, body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const storedLeads = async () => (await control('GET', `/tenants/${TENANT}/leads`)).body.leads as any[];

let n = 0;
const lead = (changes: Record<string, unknown> = {}) => ({
  studioId: SPEICHERSTADT,
  firstname: 'Jonas',
  lastname: 'Becker',
  email: `jonas.${++n}@example.com`,
  ...changes,
});

/** One preference per message category of the fixture chain. */
const allCategories = (channels: Record<number, string[]> = {}) =>
  [1001, 1002, 1003].map((id) => ({ messageCategoryId: id, activeCommunicationChannels: channels[id] ?? [] }));

const ERROR = { errorCodes: expect.any(Array), message: expect.any(String), traceId: expect.stringMatching(/^[0-9a-f]{32}$/) };

/** A 400 with the Connect error body, as one object or as the array; returns the entries. */
function expectBadRequest(answer: Answer): { errorCodes: string[]; message: string; traceId: string }[] {
  expect(answer.status).toBe(400);
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  const entries = Array.isArray(answer.body) ? answer.body : [answer.body];
  expect(entries.length).toBeGreaterThan(0);
  for (const entry of entries) expect(entry).toEqual(ERROR);
  expect(new Set(entries.map((e: { traceId: string }) => e.traceId)).size).toBe(1);
  return entries;
}

/** Exactly one problem: the single-object form, with this code and a message matching. */
function expectOneProblem(answer: Answer, code: string, message: RegExp) {
  expectBadRequest(answer);
  expect(Array.isArray(answer.body)).toBe(false);
  expect(answer.body.errorCodes).toEqual([code]);
  expect(answer.body.message).toMatch(message);
}

const ids = (answer: Answer) => (answer.body as { id: number }[]).map((studio) => studio.id);

beforeAll(async () => {
  const simulator = await createMagiclineConnectSimulator({ now: () => clock });
  served = await serveApp(simulator.fetch, 0);
});

afterAll(() => served.close());

beforeEach(async () => {
  clock = START;
  expect((await control('POST', '/reset')).status).toBe(200);
});

describe('GET /connect/v2/studio', () => {
  it('lists the tenant’s studios as ConnectApiStudioDtoV2 with address, opening hours and tags', async () => {
    const answer = await api('/v2/studio');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(ids(answer)).toEqual([SPEICHERSTADT, ALTONA, SCHWABING]);
    expect(answer.body[0]).toMatchObject({
      id: SPEICHERSTADT,
      studioName: 'Iron Harbor Speicherstadt',
      address: { street: 'Am Sandtorkai', houseNumber: '27', zipCode: '20457', city: 'Hamburg', countryCodeAlpha2: 'DE' },
      currencyCode: 'EUR',
      zoneId: { id: 'Europe/Berlin' },
      studioTags: [
        { identifier: 'HH', name: 'Hamburg' },
        { identifier: 'NORTH', name: 'Region Nord' },
      ],
    });
    expect(answer.body[0].openingHours[0]).toEqual({
      dayOfWeekFrom: 'MONDAY',
      dayOfWeekTo: 'FRIDAY',
      timeFrom: { hour: 6, minute: 0, second: 0, nano: 0 },
      timeTo: { hour: 23, minute: 0, second: 0, nano: 0 },
    });
    expect(answer.body.map((s: { studioName: string }) => s.studioName)).toEqual(['Iron Harbor Speicherstadt', 'Iron Harbor Altona', 'Iron Harbor Schwabing']);
  });

  it('filters by studioTags, several tags combined by OR', async () => {
    expect(ids(await api('/v2/studio?studioTags=HH'))).toEqual([SPEICHERSTADT, ALTONA]);
    expect(ids(await api('/v2/studio?studioTags=NORTH'))).toEqual([SPEICHERSTADT]);
    expect(ids(await api('/v2/studio?studioTags=MUC&studioTags=NORTH'))).toEqual([SPEICHERSTADT, SCHWABING]);
    expect(ids(await api('/v2/studio?studioTags=BER'))).toEqual([]);
  });

  it('filters by addressSearchQuery as a prefix of zip code or city', async () => {
    expect(ids(await api('/v2/studio?addressSearchQuery=Ham'))).toEqual([SPEICHERSTADT, ALTONA]);
    expect(ids(await api('/v2/studio?addressSearchQuery=204'))).toEqual([SPEICHERSTADT]);
    expect(ids(await api(`/v2/studio?addressSearchQuery=${encodeURIComponent('münchen')}`))).toEqual([SCHWABING]);
    expect(ids(await api('/v2/studio?addressSearchQuery=amburg'))).toEqual([]);
    expect(ids(await api('/v2/studio?addressSearchQuery=457'))).toEqual([]);
  });

  it('combines studioTags and addressSearchQuery by AND', async () => {
    expect(ids(await api('/v2/studio?studioTags=HH&addressSearchQuery=22'))).toEqual([ALTONA]);
    expect(ids(await api('/v2/studio?studioTags=MUC&addressSearchQuery=Hamburg'))).toEqual([]);
    expect(ids(await api('/v2/studio?studioTags=HH&studioTags=MUC&addressSearchQuery=8'))).toEqual([SCHWABING]);
  });
});

describe('GET /connect/v1/trialsession/config/validation', () => {
  it('answers the studio’s field modes', async () => {
    const answer = await api(`/v1/trialsession/config/validation?studioId=${SPEICHERSTADT}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      nameMode: 'MANDATORY',
      emailMode: 'MANDATORY',
      telephoneMode: 'OPTIONAL',
      genderMode: 'OPTIONAL',
      dateOfBirthMode: 'OPTIONAL',
      addressMode: 'INACTIVE',
      zipMode: 'INACTIVE',
      taxIdMode: 'INACTIVE',
      placeOfBirthMode: 'INACTIVE',
    });
    expect((await api(`/v1/trialsession/config/validation?studioId=${ALTONA}`)).body).toMatchObject({ addressMode: 'OPTIONAL' });
    expect((await api(`/v1/trialsession/config/validation?studioId=${SCHWABING}`)).body).toMatchObject({
      dateOfBirthMode: 'MANDATORY',
      minimumAge: 16,
    });
  });

  it('refuses a missing, non-integer or unknown studioId', async () => {
    expectOneProblem(await api('/v1/trialsession/config/validation'), 'REQUIRED_PARAMETER_MISSING', /studioId/);
    expectOneProblem(await api('/v1/trialsession/config/validation?studioId=abc'), 'VALIDATION_FAILED', /studioId: must be of type integer/);
    expectOneProblem(await api('/v1/trialsession/config/validation?studioId=42'), 'ENTITY_NOT_FOUND', /studio 42/);
  });
});

describe('GET /connect/v1/studio/{studioId}/communication-settings', () => {
  it('answers one entry per message category with its channels, the chain’s or the studio’s own', async () => {
    const answer = await api(`/v1/studio/${SPEICHERSTADT}/communication-settings`);
    expect(answer.status).toBe(200);
    expect(answer.body.map((s: { messageCategory: { databaseId: number; name: string } }) => [s.messageCategory.databaseId, s.messageCategory.name])).toEqual([
      [1001, 'Newsletter'],
      [1002, 'Angebote & Aktionen'],
      [1003, 'Vertrag & Service'],
    ]);
    expect(answer.body[0].communicationChannels).toContainEqual({ communicationChannel: 'EMAIL', active: false, customerOverridable: true });
    expect(answer.body[2].communicationChannels).toEqual([
      { communicationChannel: 'EMAIL', active: true, customerOverridable: false },
      { communicationChannel: 'LETTER', active: true, customerOverridable: false },
    ]);
    expect((await api(`/v1/studio/${ALTONA}/communication-settings`)).body).toEqual(answer.body);
    // Schwabing's categories have the chain's names under other ids: only a name matches across studios.
    const own = (await api(`/v1/studio/${SCHWABING}/communication-settings`)).body;
    expect(own.map((s: { messageCategory: { databaseId: number; name: string } }) => [s.messageCategory.databaseId, s.messageCategory.name])).toEqual([
      [2001, 'Newsletter'],
      [2002, 'Angebote & Aktionen'],
      [2003, 'Vertrag & Service'],
    ]);
  });

  it('refuses a non-integer or unknown studio id', async () => {
    expectOneProblem(await api('/v1/studio/speicherstadt/communication-settings'), 'VALIDATION_FAILED', /studioId: must be of type integer/);
    expectOneProblem(await api('/v1/studio/42/communication-settings'), 'ENTITY_NOT_FOUND', /studio 42/);
  });
});

describe('GET /connect/v1/campaign', () => {
  it('lists the campaigns active in the studio as id, name and externalIdentifier', async () => {
    const answer = await api(`/v1/campaign?studioId=${ALTONA}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([
      { id: 3101, name: 'Frühjahrs-Special 2026', externalIdentifier: 'spring-2026' },
      { id: 3102, name: 'Instagram Probetrainingswoche', externalIdentifier: 'ig-trial-week' },
    ]);
    const munich = await api(`/v1/campaign?studioId=${SCHWABING}`);
    expect(munich.body.map((c: { externalIdentifier: string }) => c.externalIdentifier)).toEqual(['spring-2026', 'wiesn-2026']);
  });

  it('refuses a missing or unknown studioId', async () => {
    expectOneProblem(await api('/v1/campaign'), 'REQUIRED_PARAMETER_MISSING', /studioId/);
    expectOneProblem(await api('/v1/campaign?studioId=42'), 'ENTITY_NOT_FOUND', /studio 42/);
  });
});

describe('POST /connect/v1/lead', () => {
  it('creates a lead and answers id, uuid and customerNumber; the control API lists it with its request', async () => {
    const body = lead({
      studioId: ALTONA,
      phone: '+49 170 1234567',
      dateOfBirth: '1990-01-02',
      gender: 'MALE',
      street: 'Große Bergstraße',
      houseNumber: '3-4',
      zipCode: '22767',
      city: 'Hamburg',
      countryCode: 'DE',
      locale: 'de_DE',
      notes: 'Kommt mit Freundin',
      sourceCampaignId: 3102,
      privacyConfiguration: { email: true, textMessage: false, phone: false, letter: false, mySportsMessage: false },
      communicationPreferences: allCategories({ 1001: ['EMAIL'], 1003: ['EMAIL', 'LETTER'] }),
    });
    const answer = await postLead(body);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.body).toEqual({
      id: expect.any(Number),
      uuid: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      customerNumber: expect.stringMatching(/^\d+$/),
    });
    expect(await storedLeads()).toEqual([{ ...answer.body, studioId: ALTONA, createdAt: '2026-05-04T10:00:00.000Z', request: body }]);
  });

  it('accepts the minimal body of the spec’s required fields where the studio asks for nothing more', async () => {
    await control('PUT', `/tenants/${TENANT}/studios/${SPEICHERSTADT}/config`, { nameMode: 'MANDATORY', emailMode: 'OPTIONAL' });
    const answer = await postLead({ studioId: SPEICHERSTADT, firstname: 'Ada', lastname: 'Lovelace' });
    expect(answer.status).toBe(200);
    const second = await postLead({ studioId: SPEICHERSTADT, firstname: 'Ada', lastname: 'Byron' });
    expect(second.body.id).toBe(answer.body.id + 1);
    expect(second.body.uuid).not.toBe(answer.body.uuid);
  });

  describe('is validated against the vendor’s spec', () => {
    it('refuses wrong types, listing every problem in the array form', async () => {
      const answer = await postLead(lead({ studioId: String(SPEICHERSTADT), firstname: 42, privacyConfiguration: { email: 'yes' } }));
      const entries = expectBadRequest(answer);
      expect(Array.isArray(answer.body)).toBe(true);
      expect(entries.map((e) => e.errorCodes)).toEqual([['VALIDATION_FAILED'], ['VALIDATION_FAILED'], ['VALIDATION_FAILED']]);
      expect(entries.map((e) => e.message).sort()).toEqual([
        'firstname: must be of type string',
        'privacyConfiguration.email: must be of type boolean',
        'studioId: must be of type integer',
      ]);
    });

    it('refuses a gender outside the enum (DIVERSE)', async () => {
      expectOneProblem(await postLead(lead({ gender: 'DIVERSE' })), 'VALIDATION_FAILED', /^gender: must be one of "MALE", "FEMALE", "UNISEX"$/);
    });

    it('refuses a communication channel outside the enum', async () => {
      const answer = await postLead(lead({ communicationPreferences: allCategories({ 1001: ['PIGEON'] }) }));
      expectOneProblem(answer, 'VALIDATION_FAILED', /^communicationPreferences\[0\]\.activeCommunicationChannels\[0\]: must be one of "LETTER", "EMAIL"/);
    });

    it('refuses a firstname over 100 characters, and accepts exactly 100', async () => {
      expectOneProblem(await postLead(lead({ firstname: 'A'.repeat(101) })), 'VALIDATION_FAILED', /^firstname: must be at most 100 characters long$/);
      expect((await postLead(lead({ firstname: 'A'.repeat(100) }))).status).toBe(200);
    });

    it('refuses a body without firstname', async () => {
      const { firstname: _, ...body } = lead();
      expectOneProblem(await postLead(body), 'VALIDATION_FAILED', /^firstname: is required$/);
    });

    it('refuses notes over 1000 characters, a date of birth that is not a date, and repeated channels', async () => {
      expectOneProblem(await postLead(lead({ notes: 'x'.repeat(1001) })), 'VALIDATION_FAILED', /^notes: must be at most 1000/);
      expectOneProblem(await postLead(lead({ dateOfBirth: '02.01.1990' })), 'VALIDATION_FAILED', /^dateOfBirth: must be a valid date$/);
      expectOneProblem(
        await postLead(lead({ communicationPreferences: allCategories({ 1001: ['EMAIL', 'EMAIL'] }) })),
        'VALIDATION_FAILED',
        /activeCommunicationChannels: must not contain duplicate items/,
      );
    });

    it('refuses a body that is not JSON, not declared as JSON, or absent', async () => {
      const url = `/${TENANT}/connect/v1/lead`;
      expectOneProblem(await send('POST', url, { headers: { 'Content-Type': 'application/json' }, body: '{"firstname":' }), 'BAD_REQUEST', /not valid JSON/);
      expectOneProblem(
        await send('POST', url, { headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify(lead()) }),
        'BAD_REQUEST',
        /application\/json/,
      );
      expectOneProblem(await send('POST', url, { headers: { 'Content-Type': 'application/json' } }), 'VALIDATION_FAILED', /request body is required/);
      expectOneProblem(await send('POST', url, { headers: { 'Content-Type': 'application/json' }, body: '[]' }), 'VALIDATION_FAILED', /must be of type object/);
    });

    it('stores nothing when it refuses', async () => {
      await postLead(lead({ gender: 'DIVERSE' }));
      expect(await storedLeads()).toEqual([]);
    });
  });

  describe('business rules', () => {
    it('refuses an unknown studioId with ENTITY_NOT_FOUND', async () => {
      expectOneProblem(await postLead(lead({ studioId: 42 })), 'ENTITY_NOT_FOUND', /studio 42/);
    });

    it('requires one preference for each message category of the studio', async () => {
      const answer = await postLead(lead({ communicationPreferences: allCategories().slice(0, 2) }));
      expectOneProblem(answer, 'VALIDATION_FAILED', /each message category.*missing: 1003/);
      expectOneProblem(await postLead(lead({ communicationPreferences: [] })), 'VALIDATION_FAILED', /missing: 1001, 1002, 1003/);
      expect((await postLead(lead({ communicationPreferences: allCategories() }))).status).toBe(200);
    });

    it('refuses an unknown or repeated message category', async () => {
      const unknown = await postLead(lead({ communicationPreferences: [...allCategories(), { messageCategoryId: 1999, activeCommunicationChannels: [] }] }));
      expectOneProblem(unknown, 'ENTITY_NOT_FOUND', /messageCategoryId 1999 is not a message category/);
      const repeated = await postLead(lead({ communicationPreferences: [...allCategories(), { messageCategoryId: 1001, activeCommunicationChannels: [] }] }));
      expectOneProblem(repeated, 'VALIDATION_FAILED', /1001 appears more than once/);
    });

    it('knows a studio’s categories by its own ids only, not another studio’s under the same name', async () => {
      const schwabing = { studioId: SCHWABING, dateOfBirth: '1990-01-02' };
      const chainIds = await postLead(lead({ ...schwabing, communicationPreferences: allCategories() }));
      expect(expectBadRequest(chainIds).map((e) => e.errorCodes)).toContainEqual(['ENTITY_NOT_FOUND']);
      const ownIds = [2001, 2002, 2003].map((id) => ({ messageCategoryId: id, activeCommunicationChannels: id === 2001 ? ['MYSPORTS_MESSAGE'] : [] }));
      expect((await postLead(lead({ ...schwabing, communicationPreferences: ownIds }))).status).toBe(200);
    });

    it('refuses a channel the studio does not have for that category', async () => {
      const answer = await postLead(lead({ communicationPreferences: allCategories({ 1003: ['TEXT_MESSAGE'], 1001: ['MYSPORTS_MESSAGE'] }) }));
      const entries = expectBadRequest(answer);
      expect(entries.map((e) => [e.errorCodes, e.message])).toEqual([
        [['VALIDATION_FAILED'], expect.stringMatching(/MYSPORTS_MESSAGE is not a channel of message category 1001/)],
        [['VALIDATION_FAILED'], expect.stringMatching(/TEXT_MESSAGE is not a channel of message category 1003 .*\(channels: EMAIL, LETTER\)/)],
      ]);
    });

    it('accepts only a campaign of that studio as sourceCampaignId', async () => {
      expect((await postLead(lead({ sourceCampaignId: 3101 }))).status).toBe(200);
      expectOneProblem(
        await postLead(lead({ sourceCampaignId: 3103 })),
        'ENTITY_NOT_FOUND',
        /sourceCampaignId 3103 is not an active campaign of studio 1229489600/,
      );
      expectOneProblem(await postLead(lead({ sourceCampaignId: 999 })), 'ENTITY_NOT_FOUND', /sourceCampaignId 999/);
    });

    it('requires a locale of the form de_DE', async () => {
      for (const locale of ['de', 'de-DE', 'DE_de', '']) {
        expectOneProblem(await postLead(lead({ locale })), 'VALIDATION_FAILED', /locale must be a language and a country code/);
      }
      expect((await postLead(lead({ locale: 'es_ES' }))).status).toBe(200);
    });

    it('requires what the studio’s modes make MANDATORY (email here), blank counting as missing', async () => {
      const { email: _, ...withoutEmail } = lead();
      expectOneProblem(await postLead(withoutEmail), 'REQUIRED_PARAMETER_MISSING', /^email: is mandatory for studio 1229489600$/);
      expectOneProblem(await postLead(lead({ email: '  ' })), 'REQUIRED_PARAMETER_MISSING', /^email: is mandatory/);
      expectOneProblem(await postLead(lead({ firstname: '' })), 'REQUIRED_PARAMETER_MISSING', /^firstname: is mandatory/);
    });

    it('requires a date of birth and the minimum age in Schwabing', async () => {
      expectOneProblem(await postLead(lead({ studioId: SCHWABING })), 'REQUIRED_PARAMETER_MISSING', /^dateOfBirth: is mandatory for studio 1229489602/);
      expectOneProblem(await postLead(lead({ studioId: SCHWABING, dateOfBirth: '2010-05-05' })), 'VALIDATION_FAILED', /^dateOfBirth: .*at least 16 years old/);
      expectOneProblem(await postLead(lead({ studioId: SCHWABING, dateOfBirth: '2027-01-01' })), 'VALIDATION_FAILED', /future/);
      expect((await postLead(lead({ studioId: SCHWABING, dateOfBirth: '2010-05-04' }))).status).toBe(200);
    });

    it('takes the address as optional in Altona, and requires all of it when the mode is MANDATORY', async () => {
      expect((await postLead(lead({ studioId: ALTONA }))).status).toBe(200);
      await control('PUT', `/tenants/${TENANT}/studios/${ALTONA}/config`, { nameMode: 'MANDATORY', emailMode: 'MANDATORY', addressMode: 'MANDATORY' });
      const entries = expectBadRequest(await postLead(lead({ studioId: ALTONA, street: 'Große Bergstraße' })));
      expect(entries.map((e) => e.message)).toEqual(['houseNumber', 'zipCode', 'city', 'countryCode'].map((f) => `${f}: is mandatory for studio 1229489601`));
      expect(entries.every((e) => e.errorCodes[0] === 'REQUIRED_PARAMETER_MISSING')).toBe(true);
    });

    it('reports every broken rule at once, in the array form with one traceId', async () => {
      const { email: _, ...body } = lead({ locale: 'de', sourceCampaignId: 3103, communicationPreferences: allCategories().slice(1) });
      const entries = expectBadRequest(await postLead(body));
      expect(entries.map((e) => e.errorCodes[0])).toEqual(['REQUIRED_PARAMETER_MISSING', 'VALIDATION_FAILED', 'ENTITY_NOT_FOUND', 'VALIDATION_FAILED']);
    });
  });

  describe('duplicates', () => {
    it('answers 409 CONFLICT for an existing customer’s email, ignoring case', async () => {
      const answer = await postLead(lead({ email: 'Bestand@Example.DE' }));
      expect(answer.status).toBe(409);
      expect(answer.body).toEqual({ ...ERROR, errorCodes: ['CONFLICT'] });
      expect(await storedLeads()).toEqual([]);
    });

    it('answers 409 CONFLICT for the email of an earlier lead of the tenant, in any studio', async () => {
      expect((await postLead(lead({ email: 'mira@example.com' }))).status).toBe(200);
      expect((await postLead(lead({ email: 'MIRA@example.com', studioId: ALTONA }))).status).toBe(409);
      expect(await storedLeads()).toHaveLength(1);
    });

    it('forgets earlier leads on reset', async () => {
      expect((await postLead(lead({ email: 'mira@example.com' }))).status).toBe(200);
      await control('POST', '/reset');
      expect((await postLead(lead({ email: 'mira@example.com' }))).status).toBe(200);
    });
  });
});

describe('beyond the documented routes', () => {
  it('answers an unknown tenant with a bodiless 404', async () => {
    const answer = await send('GET', '/no-such-tenant/connect/v2/studio');
    expect(answer.status).toBe(404);
    expect(answer.text).toBe('');
  });

  it('answers an unknown path with 404 and a wrong method with 405', async () => {
    expect((await send('GET', `/${TENANT}/connect/v1/nothing`)).status).toBe(404);
    const wrong = await send('DELETE', `/${TENANT}/connect/v1/lead`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
  });

  it('answers an operation of the spec it does not simulate with a spec-conformant 500', async () => {
    const answer = await send('GET', `/${TENANT}/connect/v1/tenant`);
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({ ...ERROR, errorCodes: ['SERVER_ERROR'] });
    expect(answer.body.message).toMatch(/not simulated/);
  });
});

describe('faults', () => {
  it('fails the targeted endpoint with the Connect error body, for count requests', async () => {
    expect((await control('POST', '/faults', { mode: 'fail', endpoint: 'lead', status: 503, count: 1 })).status).toBe(201);
    expect((await api('/v2/studio')).status).toBe(200);
    const failed = await postLead(lead());
    expect(failed.status).toBe(503);
    expect(failed.body).toEqual({ ...ERROR, errorCodes: ['SERVER_ERROR'] });
    expect((await postLead(lead())).status).toBe(200);
  });

  it('answers a failed 404 without a body and a 409 with CONFLICT', async () => {
    await control('POST', '/faults', { mode: 'fail', endpoint: 'campaigns', status: 404, count: 1 });
    await control('POST', '/faults', { mode: 'fail', endpoint: 'campaigns', status: 409, count: 1 });
    const missing = await api(`/v1/campaign?studioId=${ALTONA}`);
    expect([missing.status, missing.text]).toEqual([404, '']);
    expect((await api(`/v1/campaign?studioId=${ALTONA}`)).body.errorCodes).toEqual(['CONFLICT']);
  });

  it('rate-limits with 429 and Retry-After, and only the named tenant', async () => {
    await control('POST', '/faults', { mode: 'rate-limit', tenant: 'other-tenant', retryAfter: 5 });
    expect((await api('/v2/studio')).status).toBe(200);
    await control('POST', '/faults', { mode: 'rate-limit', tenant: TENANT, endpoint: 'config', retryAfter: 5 });
    const limited = await api(`/v1/trialsession/config/validation?studioId=${ALTONA}`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('5');
    expect(limited.body).toEqual(ERROR);
  });

  it('drops the connection when down, and answers late when hanging', async () => {
    await control('POST', '/faults', { mode: 'down', endpoint: 'communication-settings', count: 1 });
    await expect(api(`/v1/studio/${ALTONA}/communication-settings`)).rejects.toThrow();
    await control('POST', '/faults', { mode: 'hang', endpoint: 'studios', delayMs: 50, count: 1 });
    const started = Date.now();
    expect((await api('/v2/studio')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('refuses an endpoint name it does not know', async () => {
    const answer = await control('POST', '/faults', { mode: 'fail', endpoint: 'create' });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatch(/studios, config, communication-settings, campaigns, lead/);
  });
});

describe('request log', () => {
  it('names tenant and endpoint of every route, with body, status and fault', async () => {
    await control('POST', '/faults', { mode: 'fail', endpoint: 'campaigns', status: 500, count: 1 });
    await api('/v2/studio?studioTags=HH');
    await api(`/v1/trialsession/config/validation?studioId=${ALTONA}`);
    await api(`/v1/studio/${ALTONA}/communication-settings`);
    await api(`/v1/campaign?studioId=${ALTONA}`);
    const body = lead({ studioId: ALTONA });
    await postLead(body);
    await send('GET', '/no-such-tenant/connect/v2/studio');
    const { requests } = (await control('GET', '/requests')).body;
    expect(requests.map((r: { tenant: string; endpoint: string; status: number }) => [r.tenant, r.endpoint, r.status])).toEqual([
      [TENANT, 'studios', 200],
      [TENANT, 'config', 200],
      [TENANT, 'communication-settings', 200],
      [TENANT, 'campaigns', 500],
      [TENANT, 'lead', 200],
      ['no-such-tenant', 'studios', 404],
    ]);
    expect(requests[0].path).toBe(`/${TENANT}/connect/v2/studio?studioTags=HH`);
    expect(requests[3].fault).toBe('fail');
    expect(requests[4]).toMatchObject({ method: 'POST', body });
    expect((await control('GET', `/requests?tenant=${TENANT}`)).body.requests).toHaveLength(5);
  });
});

describe('control routes', () => {
  it('replaces a studio’s trial-session config, which the API and the lead rules then use, until reset', async () => {
    const config = { nameMode: 'MANDATORY', emailMode: 'OPTIONAL', telephoneMode: 'MANDATORY', genderMode: 'INACTIVE' };
    const put = await control('PUT', `/tenants/${TENANT}/studios/${SPEICHERSTADT}/config`, config);
    expect([put.status, put.body]).toEqual([200, config]);
    expect((await api(`/v1/trialsession/config/validation?studioId=${SPEICHERSTADT}`)).body).toEqual(config);
    expect((await control('GET', `/tenants/${TENANT}/studios/${SPEICHERSTADT}/config`)).body).toEqual(config);
    const { email: _, ...withoutEmail } = lead();
    expectOneProblem(await postLead(withoutEmail), 'REQUIRED_PARAMETER_MISSING', /^phone: is mandatory/);
    expect((await postLead({ ...withoutEmail, phone: '+49 40 123' })).status).toBe(200);
    await control('POST', '/reset');
    expect((await api(`/v1/trialsession/config/validation?studioId=${SPEICHERSTADT}`)).body.telephoneMode).toBe('OPTIONAL');
  });

  it('checks a replacement config against the spec’s schema', async () => {
    const path = `/tenants/${TENANT}/studios/${SPEICHERSTADT}/config`;
    const bad = await control('PUT', path, { emailMode: 'SOMETIMES', minimumAge: '16' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/emailMode: must be one of "INACTIVE", "OPTIONAL", "MANDATORY"/);
    expect(bad.body.error).toMatch(/minimumAge: must be of type integer/);
    expect((await control('PUT', path, { emailMod: 'OPTIONAL' })).body.error).toMatch(/emailMod: is not a field/);
    expect((await control('PUT', path, ['MANDATORY'])).status).toBe(400);
    expect((await control('PUT', `/tenants/${TENANT}/studios/42/config`, {})).status).toBe(404);
    expect((await api(`/v1/trialsession/config/validation?studioId=${SPEICHERSTADT}`)).body.emailMode).toBe('MANDATORY');
  });

  it('lists leads per tenant and refuses an unknown one', async () => {
    expect(await storedLeads()).toEqual([]);
    expect((await control('GET', '/tenants/nobody/leads')).status).toBe(404);
  });
});

describe('response validation', () => {
  // A deliberately broken handler behind the same guard, on the vendor's own spec: a simulator bug must not pass.
  async function brokenApp(answer: (c: any) => Response) {
    const violations: SpecViolation[] = [];
    const app = new Hono();
    app.use(
      '*',
      specGuard({
        validator: await loadConnectSpec(),
        specPath: (c) => c.req.path,
        rejectRequest: (c) => c.json({ errorCodes: ['VALIDATION_FAILED'] }, 400),
        onViolation: (v) => violations.push(v),
        violationResponse: (c) => c.json({ errorCodes: ['SERVER_ERROR'], message: 'simulator bug' }, 500),
      }),
    );
    app.post('/connect/v1/lead', (c) => answer(c));
    return { app, violations };
  }
  const post = (app: Hono) =>
    app.request('/connect/v1/lead', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(lead()) });

  it('replaces a response body that fails the spec by a 500 and records the violation', async () => {
    const { app, violations } = await brokenApp((c) => c.json({ id: 'L-1', uuid: 'not-a-uuid' }));
    const response = await post(app);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ errorCodes: ['SERVER_ERROR'], message: 'simulator bug' });
    expect(violations).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/connect/v1/lead',
        operationId: 'createLead',
        status: 200,
        body: { id: 'L-1', uuid: 'not-a-uuid' },
        problems: [
          expect.objectContaining({ in: 'response', pointer: '/id', keyword: 'type' }),
          expect.objectContaining({ in: 'response', pointer: '/uuid', keyword: 'format' }),
        ],
      }),
    ]);
  });

  it('records an undocumented status, a body on the bodiless 404 and an error code outside the enum', async () => {
    for (const [answer, message] of [
      [(c: any) => c.json({ errorCodes: ['CONFLICT'] }, 418), /status 418 is not documented/],
      [(c: any) => c.json({ errorCodes: ['ENTITY_NOT_FOUND'] }, 404), /has no body/],
      [(c: any) => c.json({ errorCodes: ['DUPLICATE'] }, 409), /errorCodes\[0\]: must be one of/],
    ] as const) {
      const { app, violations } = await brokenApp(answer);
      expect((await post(app)).status).toBe(500);
      expect(violations[0]?.problems[0]?.message).toMatch(message);
    }
  });

  it('lets a conformant response through untouched', async () => {
    const { app, violations } = await brokenApp((c) => c.json({ id: 7 }));
    const response = await post(app);
    expect([response.status, await response.json()]).toEqual([200, { id: 7 }]);
    expect(violations).toEqual([]);
  });
});

describe('its simulator list entry', () => {
  it('serves the Connect simulator, which needs no secret', async () => {
    const sim = await magiclineConnectEntry.create({ secrets: {} });
    const started = await serveApp(sim.fetch, 0);
    try {
      expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const answer = await fetch(`${started.url}/${TENANT}/connect/v1/campaign?studioId=${SCHWABING}`);
      expect(answer.status).toBe(200);
      expect(sim.specViolations()).toEqual([]);
    } finally {
      await started.close();
    }
  });
});

// Last on purpose: every answer of this suite went through the response check.
describe('spec violations', () => {
  it('stayed empty over the whole suite (reset keeps them)', async () => {
    const answer = await control('GET', '/spec-violations');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ violations: [] });
  });
});
