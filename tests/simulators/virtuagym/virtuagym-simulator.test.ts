import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ServedApp } from '../serve-app';
import { serveApp } from '../serve-app';
import { loadClubFixtures, readClubDefinitions } from './clubs';
import { virtuagymEntry } from './virtuagym-entry';
import { createVirtuagymSimulator, TOKEN_PATH } from './virtuagym-simulator';

const DEMO_ID = 'vg-demo-client';
const DEMO_SECRET = 'vg-demo-secret-5f2c';
const OTHER_ID = 'vg-other-client';
const OTHER_SECRET = 'vg-other-secret-9a1d';
const SECRETS = {
  VG_DEMO_CLIENT_ID: DEMO_ID,
  VG_DEMO_CLIENT_SECRET: DEMO_SECRET,
  VG_OTHER_CLIENT_ID: OTHER_ID,
  VG_OTHER_CLIENT_SECRET: OTHER_SECRET,
};
const DEMO = 41234;
const OTHER = 41235;
const START = Date.parse('2026-05-04T10:00:00Z');

let clock = START;
let served: ServedApp;

type Json = Record<string, any>;
interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

async function send(method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const response = await fetch(`${served.url}${path}`, { method, ...init });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text), headers: response.headers };
}

function requestToken(
  fields: Record<string, string> = { client_id: DEMO_ID, client_secret: DEMO_SECRET, grant_type: 'client_credentials' },
  club: string | null = String(DEMO),
  contentType = 'application/x-www-form-urlencoded',
): Promise<Answer> {
  const headers: Record<string, string> = { 'Content-Type': contentType };
  if (club !== null) headers['x-represent-club-id'] = club;
  return send('POST', TOKEN_PATH, { headers, body: new URLSearchParams(fields).toString() });
}

async function tokenFor(club = DEMO): Promise<string> {
  const [id, secret] = club === DEMO ? [DEMO_ID, DEMO_SECRET] : [OTHER_ID, OTHER_SECRET];
  const answer = await requestToken({ client_id: id, client_secret: secret, grant_type: 'client_credentials' }, String(club));
  expect(answer.status).toBe(200);
  return answer.body.access_token;
}

async function gateway(
  method: string,
  path: string,
  options: { token?: string | null; body?: unknown; raw?: string; contentType?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  const token = options.token === undefined ? await tokenFor() : options.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers['Content-Type'] = options.contentType ?? 'application/json';
  return send(method, path, { headers, ...(body === undefined ? {} : { body }) });
}

const leads = (club = DEMO) => `/v3/clubs/${club}/leads`;
const create = (body: unknown, token?: string) => gateway('POST', leads(), { body, ...(token ? { token } : {}) });
const update = (id: string | number, body: unknown, token?: string) => gateway('PUT', `${leads()}/${id}`, { body, ...(token ? { token } : {}) });
const control = (method: string, path: string, body?: unknown) =>
  send(method, `/__sim${path}`, body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

const lead = (changes: Json = {}): Json => ({ firstname: 'Ada', lastname: 'Lovelace', email: 'ada@example.com', status_id: 1, ...changes });

function expectFail(answer: Answer, status: number, message: string) {
  expect({ status: answer.status, body: answer.body }).toEqual({ status, body: { status: 'fail', error: { status: 'fail', message } } });
}

/** COMMUNITY: the fields of a returned lead, in order. */
const RECORD_FIELDS = [
  'lead_id',
  'lead_guid',
  'club_id',
  'status_id',
  'source_id',
  'owner_id',
  'firstname',
  'lastname',
  'email',
  'phone',
  'mobile',
  'gender',
  'birthday',
  'address',
  'address_2',
  'zip_code',
  'city',
  'state',
  'country',
  'language',
  'picture',
  'converted_to_member_id',
  'external_id',
  'lead_since',
  'created_by_user_id',
  'edited_by_user_id',
  'deleted',
  'timestamp_created',
  'timestamp_edited',
  'inactive',
];

const TOKEN_NOT_VALID = { message: 'Token not valid.', status: 'fail' };
const INVALID_CLIENT = { error: 'invalid_client', error_description: 'Invalid client or Invalid client credentials' };

beforeAll(async () => {
  const simulator = createVirtuagymSimulator({ clubs: loadClubFixtures(SECRETS), now: () => clock });
  served = await serveApp(simulator.fetch, 0);
});

afterAll(() => served.close());

beforeEach(async () => {
  clock = START;
  expect((await control('POST', '/reset')).status).toBe(200);
});

describe('token endpoint', () => {
  it('issues an opaque bearer token for the club with the Keycloak response shape', async () => {
    const answer = await requestToken();
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      access_token: expect.stringMatching(/^[A-Za-z0-9_-]{40,}$/),
      expires_in: 1800,
      refresh_expires_in: 0,
      token_type: 'Bearer',
      'not-before-policy': 0,
      scope: 'leads_41234',
    });
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect((await requestToken()).body.access_token).not.toBe(answer.body.access_token);
  });

  it('answers 401 invalid_client for a wrong secret, an unknown client and a club the client is not registered for', async () => {
    const grant = { grant_type: 'client_credentials' };
    for (const answer of [
      await requestToken({ ...grant, client_id: DEMO_ID, client_secret: 'wrong' }),
      await requestToken({ ...grant, client_id: 'nobody', client_secret: DEMO_SECRET }),
      await requestToken({ ...grant, client_id: DEMO_ID, client_secret: OTHER_SECRET }),
      await requestToken({ ...grant, client_id: DEMO_ID, client_secret: DEMO_SECRET }, String(OTHER)),
      await requestToken({ ...grant, client_id: DEMO_ID, client_secret: DEMO_SECRET }, '99999'),
      await requestToken({ ...grant, client_id: DEMO_ID, client_secret: DEMO_SECRET }, 'abc'),
    ]) {
      expect({ status: answer.status, body: answer.body }).toEqual({ status: 401, body: INVALID_CLIENT });
    }
  });

  it('serves a single-club client without x-represent-club-id, for its own club', async () => {
    const answer = await requestToken(undefined, null);
    expect(answer).toMatchObject({ status: 200, body: { scope: 'leads_41234' } });
  });

  it('answers 400 unsupported_grant_type for another grant, checked before the client', async () => {
    const answer = await requestToken({ client_id: DEMO_ID, client_secret: 'wrong', grant_type: 'password' });
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 400,
      body: { error: 'unsupported_grant_type', error_description: 'Unsupported grant_type' },
    });
  });

  it('answers 400 invalid_request without grant_type, client_id or client_secret, or with a parameter twice', async () => {
    const missingGrant = await requestToken({ client_id: DEMO_ID, client_secret: DEMO_SECRET });
    expect(missingGrant.body).toEqual({ error: 'invalid_request', error_description: 'Missing form parameter: grant_type' });
    const missingId = await requestToken({ client_secret: DEMO_SECRET, grant_type: 'client_credentials' });
    expect(missingId.body.error_description).toBe('Missing form parameter: client_id');
    const missingSecret = await requestToken({ client_id: DEMO_ID, grant_type: 'client_credentials' });
    expect(missingSecret.body.error_description).toBe('Missing form parameter: client_secret');
    const twice = await send('POST', TOKEN_PATH, {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'x-represent-club-id': String(DEMO) },
      body: `client_id=${DEMO_ID}&client_id=${DEMO_ID}&client_secret=${DEMO_SECRET}&grant_type=client_credentials`,
    });
    for (const answer of [missingGrant, missingId, missingSecret, twice]) {
      expect(answer.status).toBe(400);
      expect(answer.body.error).toBe('invalid_request');
    }
  });

  it('answers 400 invalid_request for a body that is not form-encoded', async () => {
    const body = JSON.stringify({ client_id: DEMO_ID, client_secret: DEMO_SECRET, grant_type: 'client_credentials' });
    const answer = await send('POST', TOKEN_PATH, {
      headers: { 'Content-Type': 'application/json', 'x-represent-club-id': String(DEMO) },
      body,
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: 'invalid_request', error_description: expect.any(String) });
  });

  it('accepts a charset in the form content type', async () => {
    expect((await requestToken(undefined, String(DEMO), 'application/x-www-form-urlencoded; charset=UTF-8')).status).toBe(200);
  });

  it('answers 405 to a GET on the token path', async () => {
    expect((await send('GET', TOKEN_PATH)).status).toBe(405);
  });
});

describe('gateway authorization', () => {
  it('answers 401 "Token not valid." without a token, with garbage and with another scheme', async () => {
    const token = await tokenFor();
    const variants: Record<string, string>[] = [{}, { Authorization: 'Bearer garbage' }, { Authorization: `Basic ${token}` }, { Authorization: token }];
    for (const headers of variants) {
      const answer = await send('GET', leads(), { headers });
      expect({ status: answer.status, body: answer.body }).toEqual({ status: 401, body: TOKEN_NOT_VALID });
    }
  });

  it('accepts a token until expires_in has passed on the simulator clock', async () => {
    const token = await tokenFor();
    clock += 1_799_999;
    expect((await gateway('GET', leads(), { token })).status).toBe(200);
    clock += 1;
    const answer = await gateway('GET', leads(), { token });
    expect({ status: answer.status, body: answer.body }).toEqual({ status: 401, body: TOKEN_NOT_VALID });
  });

  it('refuses revoked tokens: all of them, or only one club’s', async () => {
    const demo = await tokenFor();
    const other = await tokenFor(OTHER);
    expect((await control('POST', '/tokens/revoke', { clubId: OTHER })).body).toEqual({ revoked: 1 });
    expect((await gateway('GET', leads(), { token: demo })).status).toBe(200);
    expect((await gateway('GET', leads(OTHER), { token: other })).status).toBe(401);
    expect((await control('POST', '/tokens/revoke')).body).toEqual({ revoked: 1 });
    expect((await gateway('GET', leads(), { token: demo })).body).toEqual(TOKEN_NOT_VALID);
    expect((await gateway('GET', leads(), { token: await tokenFor() })).status).toBe(200);
    expect((await control('POST', '/tokens/revoke', { clubId: 1 })).status).toBe(404);
  });

  it('answers 403 Forbidden to a valid token of another club', async () => {
    const other = await tokenFor(OTHER);
    const answer = await gateway('POST', leads(DEMO), { token: other, body: lead() });
    expectFail(answer, 403, 'Forbidden');
    expect((await gateway('GET', `${leads(DEMO)}/1`, { token: other })).status).toBe(403);
  });

  it('answers 404 "ERROR: Club not found" for an unknown club', async () => {
    const answer = await gateway('GET', leads(99999));
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 404,
      body: { status: 'fail', error: { status: 'error', message: 'ERROR: Club not found' } },
    });
  });

  it('checks the token before the club and the body', async () => {
    expect((await gateway('GET', leads(99999), { token: 'x' })).body).toEqual(TOKEN_NOT_VALID);
    expect((await gateway('POST', leads(), { token: 'x', raw: '{' })).status).toBe(401);
  });

  it('answers the gateway’s 404 for paths outside the API', async () => {
    expect((await send('GET', '/v2/anything')).body).toEqual({ message: 'no Route matched with those values' });
    expect((await gateway('GET', `/v3/clubs/${DEMO}/members`)).status).toBe(404);
    expect((await gateway('DELETE', `${leads()}/1`)).status).toBe(405);
  });
});

describe('create, update, get', () => {
  it('creates a lead and answers with the documented body, the id a string', async () => {
    const answer = await create(lead({ status_id: '5', source: '2', note: 'this is a test' }));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'success', message: '', data: { status: 'success', message: 'Lead created', id: expect.any(String) } });
    expect(answer.body.data.id).toMatch(/^[1-9][0-9]*$/);
  });

  it('stores every field as a string, with the documented defaults', async () => {
    const { body } = await create(lead());
    const { leads: stored } = (await control('GET', `/clubs/${DEMO}/leads`)).body;
    expect(stored).toHaveLength(1);
    const record = stored[0];
    expect(record).toMatchObject({
      lead_id: body.data.id,
      club_id: '41234',
      status_id: '1',
      source_id: '0',
      owner_id: '0',
      firstname: 'Ada',
      lastname: 'Lovelace',
      email: 'ada@example.com',
      phone: '',
      birthday: null,
      lead_since: '2026-05-04',
      deleted: '0',
      inactive: '0',
      timestamp_created: String(START / 1000),
      note: '',
      formatted_address: '',
    });
    for (const [key, value] of Object.entries(record)) {
      if (key !== 'birthday') expect(typeof value, key).toBe('string');
    }
  });

  it('takes integers as numbers or numeric strings and stores them as strings', async () => {
    await create(lead({ status_id: 12, source: 7, owner_id: '880011', deleted: 1 }));
    await create(lead({ status_id: '13', source: '0', owner_id: 0, deleted: '0' }));
    const { leads: stored } = (await control('GET', `/clubs/${DEMO}/leads`)).body;
    expect(stored.map((l: Json) => [l.status_id, l.source_id, l.owner_id, l.deleted])).toEqual([
      ['12', '7', '880011', '1'],
      ['13', '0', '0', '0'],
    ]);
  });

  it('creates two leads for the same email: no duplicate detection', async () => {
    const first = await create(lead());
    const second = await create(lead());
    expect(second.body.data.id).not.toBe(first.body.data.id);
    expect((await control('GET', `/clubs/${DEMO}/leads`)).body.leads).toHaveLength(2);
  });

  it('updates with the create’s parameters, keeps the optional ones left out, and answers with the id as a number', async () => {
    const id = (await create(lead({ phone: '+31 20 123 4567', city: 'Amsterdam' }))).body.data.id;
    clock += 60_000;
    const answer = await update(id, lead({ city: 'Utrecht', status_id: '2', birthday: '1990-12-10' }));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'success', message: '', data: { status: 'success', message: 'Lead updated', id: Number(id) } });
    const got = (await gateway('GET', `${leads()}/${id}`)).body.data.lead;
    expect(got).toMatchObject({
      firstname: 'Ada',
      email: 'ada@example.com',
      phone: '+31 20 123 4567',
      city: 'Utrecht',
      status_id: '2',
      birthday: '1990-12-10',
      timestamp_created: String(START / 1000),
      timestamp_edited: String(START / 1000 + 60),
    });
  });

  it('refuses a partial update: the parameters are the same as create, mandatory ones and the contact rule included', async () => {
    const id = (await create(lead())).body.data.id;
    expectFail(await update(id, { city: 'Delft' }), 400, '`firstname` is required.');
    expectFail(await update(id, { gender: 'f' }), 400, '`firstname` is required.');
    expectFail(await update(id, lead({ status_id: undefined })), 400, '`status_id` is required.');
    expectFail(await update(id, {}), 400, '`firstname` is required.');
    expectFail(await update(id, lead({ firstname: ' ' })), 400, '`firstname` is required.');
    expectFail(await update(id, lead({ email: '' })), 400, 'At least one of fields `email`, `phone` and `mobile` are required.');
    expect((await update(id, lead({ email: '', mobile: '0612345678' }))).status).toBe(200);
    expectFail(await update(id, lead({ gender: 'x' })), 400, '`gender` must be one of: f, m.');
    expectFail(await update(id, lead({ note: 'x'.repeat(3501) })), 400, '`note` must not be longer than 3500 characters.');
    const missing = await update(1, lead({ city: 'Delft' }));
    expect({ status: missing.status, body: missing.body }).toEqual({
      status: 404,
      body: { status: 'fail', error: { status: 'error', message: 'ERROR: Lead not found' } },
    });
  });

  it('gets one lead as "Lead Detail" without the write-only note, 404 for an unknown or foreign lead', async () => {
    const id = (await create(lead({ note: 'call after 5', formatted_address: 'Dam 1, Amsterdam' }))).body.data.id;
    const answer = await gateway('GET', `${leads()}/${id}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'success', data: { name: 'Lead Detail', lead: { lead_id: id, email: 'ada@example.com' } } });
    expect(Object.keys(answer.body.data.lead)).toEqual(RECORD_FIELDS);
    expect(answer.body.data.lead.note).toBeUndefined();
    const stored = (await control('GET', `/clubs/${DEMO}/leads`)).body.leads[0];
    expect(stored).toMatchObject({ note: 'call after 5', formatted_address: 'Dam 1, Amsterdam' });

    const unknown = await gateway('GET', `${leads()}/999`);
    expect({ status: unknown.status, body: unknown.body }).toEqual({
      status: 404,
      body: { status: 'fail', error: { status: 'error', message: 'ERROR: Lead not found' } },
    });
    const foreign = (await gateway('POST', leads(OTHER), { token: await tokenFor(OTHER), body: lead() })).body.data.id;
    expect((await gateway('GET', `${leads()}/${foreign}`)).status).toBe(404);
  });

  it('refuses a body that is not JSON, not declared as JSON, or not an object', async () => {
    expectFail(await gateway('POST', leads(), { raw: '{"firstname":' }), 400, 'The request body must be a JSON object.');
    expectFail(await gateway('POST', leads(), { body: [lead()] }), 400, 'The request body must be a JSON object.');
    expect((await gateway('POST', leads(), { raw: JSON.stringify(lead()), contentType: 'text/plain' })).status).toBe(400);
    expect((await control('GET', `/clubs/${DEMO}/leads`)).body.leads).toEqual([]);
  });
});

describe('create validation', () => {
  const long = (n: number) => 'x'.repeat(n);
  const ONE_OF = 'At least one of fields `email`, `phone` and `mobile` are required.';
  const noContact = { firstname: 'Ada', lastname: 'Lovelace' };
  const cases: [string, Json, string][] = [
    ['a missing firstname', { lastname: 'L', email: 'a@b.co' }, '`firstname` is required.'],
    ['a blank firstname', lead({ firstname: '  ' }), '`firstname` is required.'],
    ['a missing lastname', { firstname: 'A', email: 'a@b.co' }, '`lastname` is required.'],
    ['no email, phone or mobile', noContact, ONE_OF],
    ['only empty contact fields', { ...noContact, email: '', phone: ' ' }, ONE_OF],
    ['a firstname over 50', lead({ firstname: long(51) }), '`firstname` must not be longer than 50 characters.'],
    ['a lastname over 50', lead({ lastname: long(51) }), '`lastname` must not be longer than 50 characters.'],
    ['an email over 60', lead({ email: `${long(55)}@b.com` }), '`email` must not be longer than 60 characters.'],
    ['an email without a domain', lead({ email: 'ada@example' }), '`email` must be a valid email address.'],
    ['a phone over 42', lead({ phone: long(43) }), '`phone` must not be longer than 42 characters.'],
    ['a mobile over 42', lead({ mobile: long(43) }), '`mobile` must not be longer than 42 characters.'],
    ['a gender other than f or m', lead({ gender: 'female' }), '`gender` must be one of: f, m.'],
    ['an upper-case gender', lead({ gender: 'F' }), '`gender` must be one of: f, m.'],
    ['an impossible birthday', lead({ birthday: '2001-02-29' }), '`birthday` must be a valid date in the format YYYY-MM-DD.'],
    ['a Dutch-style birthday', lead({ birthday: '10-12-1990' }), '`birthday` must be a valid date in the format YYYY-MM-DD.'],
    ['a lead_since that is no date', lead({ lead_since: '2026-13-01' }), '`lead_since` must be a valid date in the format YYYY-MM-DD.'],
    ...(['address', 'address_2', 'zip_code', 'city', 'state', 'country', 'formatted_address'] as const).map((name): [string, Json, string] => [
      `a ${name} over 255`,
      lead({ [name]: long(256) }),
      `\`${name}\` must not be longer than 255 characters.`,
    ]),
    ['a three-letter language', lead({ language: 'nld' }), '`language` must be a 2-letter language code.'],
    ['a language that is not letters', lead({ language: 'n1' }), '`language` must be a 2-letter language code.'],
    ['status_id 0', lead({ status_id: 0 }), '`status_id` must be an integer between 1 and 13.'],
    ['status_id 14', lead({ status_id: '14' }), '`status_id` must be an integer between 1 and 13.'],
    ['status_id as words', lead({ status_id: 'new' }), '`status_id` must be an integer between 1 and 13.'],
    ['status_id with decimals', lead({ status_id: 1.5 }), '`status_id` must be an integer between 1 and 13.'],
    ['a source that is no integer', lead({ source: 'web' }), '`source` must be an integer of at least 0.'],
    ['a negative owner_id', lead({ owner_id: -1 }), '`owner_id` must be an integer of at least 0.'],
    ['a note over 3500', lead({ note: long(3501) }), '`note` must not be longer than 3500 characters.'],
    ['a missing status_id', lead({ status_id: undefined }), '`status_id` is required.'],
    ['a null status_id', lead({ status_id: null }), '`status_id` is required.'],
    ['an external_id over 200', lead({ external_id: long(201) }), '`external_id` must not be longer than 200 characters.'],
    ['deleted 2', lead({ deleted: 2 }), '`deleted` must be one of: 0, 1.'],
    ['a firstname that is no string', lead({ firstname: 42 }), '`firstname` must be a string.'],
    ['a zip_code as a number', lead({ zip_code: 1012 }), '`zip_code` must be a string.'],
    ['an unknown field', lead({ source_id: 2 }), 'Unknown parameter `source_id`.'],
  ];

  it.each(cases)('refuses %s', async (_name, body, message) => {
    expectFail(await create(body), 400, message);
  });

  it('reports the first problem in the order of the parameter table', async () => {
    expectFail(await create({ lastname: long(51), gender: 'x' }), 400, '`firstname` is required.');
    expectFail(await create(lead({ language: 'xyz', gender: 'x' })), 400, '`gender` must be one of: f, m.');
  });

  it('accepts the lengths at the limit, a mobile alone and every documented field', async () => {
    const full = {
      firstname: long(50),
      lastname: long(50),
      mobile: long(42),
      phone: long(42),
      email: `${long(54)}@b.com`,
      gender: 'f',
      birthday: '2000-02-29',
      address: long(255),
      address_2: 'b',
      zip_code: '1012 AB',
      city: 'Amsterdam',
      state: 'NH',
      country: 'NL',
      formatted_address: 'Dam 1, 1012 AB Amsterdam',
      language: 'nl',
      status_id: 6,
      source: 2,
      note: long(3500),
      owner_id: 880012,
      external_id: long(200),
      lead_since: '2026-05-01',
      deleted: 0,
    };
    expect((await create(full)).status).toBe(200);
    expect((await create({ firstname: 'A', lastname: 'B', mobile: '0612345678', status_id: 1 })).status).toBe(200);
    expect((await create(lead({ phone: null, note: null }))).status).toBe(200);
  });
});

describe('list', () => {
  async function createMany(n: number) {
    const token = await tokenFor();
    for (let i = 1; i <= n; i++) await create(lead({ firstname: `Lead ${i}`, email: `lead${i}@example.com` }), token);
  }
  const names = (answer: Answer) => answer.body.data.leads.map((l: Json) => l.firstname);

  it('answers an empty club with no leads, has_leads false and owners as []', async () => {
    const answer = await gateway('GET', leads());
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'success', data: { leads: [], has_leads: false, owners: [] } });
  });

  it('pages newest first, 25 by default, with 1-based page and limit, ignoring other parameters', async () => {
    await createMany(27);
    const token = await tokenFor();
    const first = await gateway('GET', `${leads()}?page_size=5&offset=3&sync_from=1`, { token });
    expect(first.body.data.leads).toHaveLength(25);
    expect(names(first)[0]).toBe('Lead 27');
    expect(first.body.data.has_leads).toBe(true);
    expect(names(await gateway('GET', `${leads()}?page=2`, { token }))).toEqual(['Lead 2', 'Lead 1']);
    expect(names(await gateway('GET', `${leads()}?page=3&limit=4`, { token }))).toEqual(['Lead 19', 'Lead 18', 'Lead 17', 'Lead 16']);
    const beyond = await gateway('GET', `${leads()}?page=9`, { token });
    expect(beyond.body.data).toEqual({ leads: [], has_leads: false, owners: [] });
  });

  it('shows each lead’s external_id and creation time in seconds, so a lead can be found by the id sent with it', async () => {
    await create(lead({ external_id: 'sub-0001' }));
    clock += 5_000;
    await create(lead());
    const records = (await gateway('GET', leads())).body.data.leads;
    expect(records.map((r: Json) => [r.external_id, r.timestamp_created])).toEqual([
      ['', String(START / 1000 + 5)],
      ['sub-0001', String(START / 1000)],
    ]);
  });

  it('serves records whose every field is a string, birthday null when unset', async () => {
    await create(lead({ status_id: 3, birthday: '1990-01-02' }));
    await create(lead());
    const records = (await gateway('GET', leads())).body.data.leads;
    expect(records.map((r: Json) => r.birthday)).toEqual([null, '1990-01-02']);
    for (const record of records) {
      expect(Object.keys(record)).toEqual(RECORD_FIELDS);
      for (const [key, value] of Object.entries(record)) if (key !== 'birthday') expect(typeof value, key).toBe('string');
    }
  });

  it('maps the owners of the page’s leads to staff members', async () => {
    await create(lead({ owner_id: 880011 }));
    await create(lead({ owner_id: '880012' }));
    await create(lead());
    const answer = await gateway('GET', leads());
    expect(answer.body.data.owners).toEqual({
      '880011': { member_id: '880011', firstname: 'Dana', lastname: 'Okafor' },
      '880012': { member_id: '880012', firstname: 'Luis', lastname: 'Brandt' },
    });
  });

  it('refuses a page or limit that is not a positive integer', async () => {
    expectFail(await gateway('GET', `${leads()}?page=0`), 400, '`page` must be a positive integer.');
    expectFail(await gateway('GET', `${leads()}?limit=ten`), 400, '`limit` must be a positive integer.');
  });

  it('lists only the club’s own leads', async () => {
    await create(lead());
    expect((await gateway('GET', leads(OTHER), { token: await tokenFor(OTHER) })).body.data.leads).toEqual([]);
  });
});

describe('control: token lifetime and counter', () => {
  it('changes expires_in for tokens issued from then on, until reset', async () => {
    const before = await tokenFor();
    const changed = await control('PUT', `/clients/${DEMO_ID}`, { expiresIn: 60 });
    expect(changed.body).toEqual({ clientId: DEMO_ID, expiresIn: 60 });
    const answer = await requestToken();
    expect(answer.body.expires_in).toBe(60);
    clock += 60_000;
    expect((await gateway('GET', leads(), { token: answer.body.access_token })).status).toBe(401);
    expect((await gateway('GET', leads(), { token: before })).status).toBe(200);
    await control('POST', '/reset');
    expect((await requestToken()).body.expires_in).toBe(1800);
  });

  it('refuses an unknown client or a bad lifetime', async () => {
    expect((await control('PUT', '/clients/nobody', { expiresIn: 60 })).status).toBe(404);
    expect((await control('PUT', `/clients/${DEMO_ID}`, { expiresIn: -1 })).status).toBe(400);
    expect((await control('PUT', `/clients/${DEMO_ID}`, { expiresIn: '60' })).status).toBe(400);
    expect((await control('PUT', `/clients/${DEMO_ID}`, { expiresIn: 60, extra: 1 })).status).toBe(400);
  });

  it('counts issued tokens per club since the last reset, not refused requests', async () => {
    expect((await control('GET', '/tokens')).body).toEqual({ issued: 0, perClub: { '41234': 0, '41235': 0 } });
    await tokenFor();
    await tokenFor();
    await tokenFor(OTHER);
    await requestToken({ client_id: DEMO_ID, client_secret: 'wrong', grant_type: 'client_credentials' });
    expect((await control('GET', '/tokens')).body).toEqual({ issued: 3, perClub: { '41234': 2, '41235': 1 } });
    await control('POST', '/tokens/revoke');
    expect((await control('GET', '/tokens')).body.issued).toBe(3);
    await control('POST', '/reset');
    expect((await control('GET', '/tokens')).body.issued).toBe(0);
  });

  it('forgets leads and tokens on reset', async () => {
    const token = await tokenFor();
    await create(lead(), token);
    await control('POST', '/reset');
    expect((await control('GET', `/clubs/${DEMO}/leads`)).body.leads).toEqual([]);
    expect((await gateway('GET', leads(), { token })).status).toBe(401);
    expect((await control('GET', '/clubs/1/leads')).status).toBe(404);
  });
});

describe('faults', () => {
  const fault = (spec: Json) => control('POST', '/faults', spec);

  it('fail on create answers the status in the gateway envelope and stores nothing', async () => {
    const token = await tokenFor();
    expect((await fault({ mode: 'fail', endpoint: 'create', count: 1 })).status).toBe(201);
    const answer = await create(lead(), token);
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 500,
      body: { status: 'fail', error: { status: 'error', message: 'Internal Server Error' } },
    });
    expect((await control('GET', `/clubs/${DEMO}/leads`)).body.leads).toEqual([]);
    expect((await gateway('GET', leads(), { token })).status).toBe(200);
    expect((await create(lead(), token)).status).toBe(200);
  });

  it('fail on token answers a Keycloak error body and issues nothing', async () => {
    await fault({ mode: 'fail', endpoint: 'token', status: 503, count: 1 });
    const answer = await requestToken();
    expect({ status: answer.status, body: answer.body }).toEqual({ status: 503, body: { error: 'unknown_error' } });
    expect((await control('GET', '/tokens')).body.issued).toBe(0);
    expect((await requestToken()).status).toBe(200);
  });

  it('fail with 401 on a gateway endpoint looks like a dropped token', async () => {
    const token = await tokenFor();
    await fault({ mode: 'fail', endpoint: 'list', status: 401, count: 1 });
    expect((await gateway('GET', leads(), { token })).body).toEqual(TOKEN_NOT_VALID);
  });

  it('targets a club by tenant: the path club for the gateway, the header club for the token', async () => {
    await fault({ mode: 'fail', tenant: String(OTHER) });
    expect((await requestToken()).status).toBe(200);
    expect((await requestToken({ client_id: OTHER_ID, client_secret: OTHER_SECRET, grant_type: 'client_credentials' }, String(OTHER))).status).toBe(500);
    expect((await create(lead())).status).toBe(200);
  });

  it('hang on token keeps the client waiting until it gives up', async () => {
    await fault({ mode: 'hang', endpoint: 'token', count: 1 });
    const started = Date.now();
    await expect(
      fetch(`${served.url}${TOKEN_PATH}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: DEMO_ID, client_secret: DEMO_SECRET, grant_type: 'client_credentials' }),
        signal: AbortSignal.timeout(150),
      }),
    ).rejects.toThrow(/abort|timeout/i);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect((await requestToken()).status).toBe(200);
  });

  it('hang with delayMs on create answers normally after the delay', async () => {
    const token = await tokenFor();
    await fault({ mode: 'hang', endpoint: 'create', delayMs: 120, count: 1 });
    const started = Date.now();
    expect((await create(lead(), token)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('down destroys the connection on create and on token', async () => {
    const token = await tokenFor();
    await fault({ mode: 'down', endpoint: 'create', count: 1 });
    await expect(create(lead(), token)).rejects.toThrow(TypeError);
    expect((await control('GET', `/clubs/${DEMO}/leads`)).body.leads).toEqual([]);
    await fault({ mode: 'down', endpoint: 'token', count: 1 });
    await expect(requestToken()).rejects.toThrow(TypeError);
    expect((await requestToken()).status).toBe(200);
  });

  it('rate-limit answers 429 with Retry-After on create and on token', async () => {
    const token = await tokenFor();
    await fault({ mode: 'rate-limit', endpoint: 'create', retryAfter: 7, count: 1 });
    const created = await create(lead(), token);
    expect({ status: created.status, body: created.body }).toEqual({ status: 429, body: { message: 'API rate limit exceeded' } });
    expect(created.headers.get('retry-after')).toBe('7');
    await fault({ mode: 'rate-limit', endpoint: 'token', count: 1 });
    const issued = await requestToken();
    expect(issued.status).toBe(429);
    expect(issued.body.error).toEqual(expect.any(String));
    expect(issued.headers.get('retry-after')).toBe('60');
  });

  it('refuses faults for endpoints it does not have', async () => {
    expect((await fault({ mode: 'fail', endpoint: 'config' })).status).toBe(400);
    expect((await fault({ mode: 'validate-status', validateStatus: 'POSSIBLE' })).status).toBe(400);
  });
});

describe('request log', () => {
  it('names club and endpoint, and redacts the client secret and the bearer token', async () => {
    const token = (await requestToken()).body.access_token as string;
    await gateway('POST', leads(), { token, body: lead() });
    await gateway('GET', `${leads()}?page=1`, { token });
    await gateway('GET', `${leads()}/751564`, { token });
    await gateway('PUT', `${leads()}/751564`, { token, body: lead({ city: 'Delft' }) });
    const { requests } = (await control('GET', '/requests')).body;
    expect(requests.map((r: Json) => [r.method, r.tenant, r.endpoint, r.status])).toEqual([
      ['POST', '41234', 'token', 200],
      ['POST', '41234', 'create', 200],
      ['GET', '41234', 'list', 200],
      ['GET', '41234', 'get', 200],
      ['PUT', '41234', 'update', 200],
    ]);
    expect(requests[0].body).toBe(`client_id=${DEMO_ID}&client_secret=[redacted]&grant_type=client_credentials`);
    expect(requests[1].headers.authorization).toBe('[redacted]');
    expect(requests[1].body).toEqual(lead());
    const logged = JSON.stringify(requests);
    expect(logged).not.toContain(DEMO_SECRET);
    expect(logged).not.toContain(token);
  });

  it('redacts a client secret sent as JSON too, and logs a token call without a club header with tenant null', async () => {
    await send('POST', TOKEN_PATH, {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ client_id: DEMO_ID, client_secret: DEMO_SECRET }),
    });
    await requestToken(undefined, null);
    const { requests } = (await control('GET', '/requests')).body;
    expect(requests[0].body).toEqual({ client_id: DEMO_ID, client_secret: '[redacted]' });
    expect(requests[1]).toMatchObject({ tenant: null, endpoint: 'token', status: 200 });
    expect(JSON.stringify(requests)).not.toContain(DEMO_SECRET);
    expect((await control('GET', `/requests?tenant=${DEMO}`)).body.requests).toEqual([]);
  });
});

describe('fixtures and its simulator list entry', () => {
  it('loads club 41234 from .dev.vars names and skips the optional second club when its pair is absent', () => {
    const clubs = loadClubFixtures({ VG_DEMO_CLIENT_ID: 'a', VG_DEMO_CLIENT_SECRET: 'b' });
    expect(clubs.map((c) => [c.clubId, c.name, c.clientId, c.expiresIn])).toEqual([[41234, 'Iron Harbor Fitness', 'a', 1800]]);
    expect(readClubDefinitions().map((c) => [c.clubId, c.clientIdEnv, c.clientSecretEnv])).toEqual([
      [41234, 'VG_DEMO_CLIENT_ID', 'VG_DEMO_CLIENT_SECRET'],
      [41235, 'VG_OTHER_CLIENT_ID', 'VG_OTHER_CLIENT_SECRET'],
    ]);
  });

  it('refuses a missing demo secret or a half-configured optional club, naming club and variable', () => {
    expect(() => loadClubFixtures({ VG_DEMO_CLIENT_ID: 'a' })).toThrow(/41234.*VG_DEMO_CLIENT_SECRET/);
    expect(() => loadClubFixtures({ ...SECRETS, VG_OTHER_CLIENT_SECRET: '' })).toThrow(/41235.*VG_OTHER_CLIENT_SECRET/);
  });

  it('starts from its list entry with the .dev.vars secrets, and refuses to start without its client', async () => {
    const secrets = { VG_DEMO_CLIENT_ID: 'c', VG_DEMO_CLIENT_SECRET: 'd' };
    const sim = await virtuagymEntry.create({ secrets });
    const started = await serveApp(sim.fetch, 0);
    try {
      const answer = await fetch(`${started.url}${TOKEN_PATH}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'x-represent-club-id': '41234' },
        body: new URLSearchParams({ client_id: 'c', client_secret: 'd', grant_type: 'client_credentials' }),
      });
      expect(answer.status).toBe(200);
      expect(await (await sim.app.request('/__sim/tokens')).json()).toEqual({
        issued: 1,
        perClub: { '41234': 1 },
      });
    } finally {
      await started.close();
    }
    const { VG_DEMO_CLIENT_ID: _dropped, ...withoutId } = secrets;
    await expect(virtuagymEntry.create({ secrets: withoutId })).rejects.toThrow(/41234.*VG_DEMO_CLIENT_ID/);
  });
});
