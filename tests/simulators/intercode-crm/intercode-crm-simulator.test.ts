import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ServedApp } from '../serve-app';
import { serveApp } from '../serve-app';
import { loadInstanceFixtures, readInstanceDefinitions } from './instances';
import { intercodeCrmEntry } from './intercode-crm-entry';
import { createIntercodeCrmSimulator, SESSION_SECONDS } from './intercode-crm-simulator';

const TOKEN = 'crm-test-token-3f9a';
const READ_TOKEN = 'crm-read-token-71c2';
const LOGIN = { email: 'leadgate-service@ironharbor.example', password: 'crm-service-password-9d1e' };
const SECRETS = { CRM_DEMO_TOKEN: TOKEN, CRM_READONLY_TOKEN: READ_TOKEN, CRM_LOGIN_EMAIL: LOGIN.email, CRM_LOGIN_PASSWORD: LOGIN.password };
const START = Date.parse('2026-05-04T10:00:00Z');
const AT = new Date(START).toISOString();
const DANA = { id: 7, firstName: 'Dana', lastName: 'Okafor', email: 'dana.okafor@ironharbor.example' };

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

/** A call to the gym-crm instance, with the demo token unless told otherwise. */
function crm(
  method: string,
  path: string,
  options: { token?: string | null; body?: unknown; raw?: string; contentType?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? TOKEN : options.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers['Content-Type'] = options.contentType ?? 'application/json';
  return send(method, `/gym-crm${path}`, { headers, ...(body === undefined ? {} : { body }) });
}

const control = (method: string, path: string, body?: unknown) =>
  send(method, `/__sim${path}`, body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

const storedLeads = async (): Promise<Json[]> => (await control('GET', '/instances/gym-crm/leads')).body.leads;

/** The page's example body, as Leadgate fills it. */
const lead = (changes: Json = {}): Json => ({
  firstName: 'Lena',
  lastName: 'Koch',
  business: [1],
  photo: 'lena.jpg',
  state: 'Active',
  statusId: 1,
  source: 'Website',
  phoneNumber: ['+49 40 555123'],
  email: 'lena.koch@example.com',
  description: 'Web form',
  location: 'Hamburg',
  position: 'Prospect',
  company: 'Private',
  ...changes,
});

const create = (body: unknown, token?: string) => crm('POST', '/leads', { body, ...(token ? { token } : {}) });

function expectError(answer: Answer, status: number, message: string | string[], error?: string) {
  expect({ status: answer.status, body: answer.body }).toEqual({
    status,
    body: { statusCode: status, message, ...(error === undefined ? {} : { error }) },
  });
}

const badRequest = (answer: Answer, message: string | string[]) => expectError(answer, 400, message, 'Bad Request');

/** The ValidationPipe's 400, checked for the messages that matter. */
function expectInvalid(answer: Answer, ...messages: string[]) {
  expect(answer.status).toBe(400);
  expect(answer.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  expect(Array.isArray(answer.body.message)).toBe(true);
  for (const message of messages) expect(answer.body.message).toContain(message);
}

beforeAll(async () => {
  const simulator = createIntercodeCrmSimulator({ instances: loadInstanceFixtures(SECRETS), now: () => clock });
  served = await serveApp(simulator.fetch, 0);
});

afterAll(() => served.close());

beforeEach(async () => {
  clock = START;
  expect((await control('POST', '/reset')).status).toBe(200);
});

describe('authorization', () => {
  it('answers 401 {"statusCode":401,"message":"Unauthorized"} without a token, with a wrong one or another scheme', async () => {
    for (const answer of [
      await crm('GET', '/leads/statuses', { token: null }),
      await crm('GET', '/leads/statuses', { token: 'wrong' }),
      await crm('GET', '/leads', { token: null, headers: { Authorization: `Basic ${TOKEN}` } }),
      await create(lead(), 'wrong'),
    ]) {
      expect({ status: answer.status, body: answer.body }).toEqual({ status: 401, body: { statusCode: 401, message: 'Unauthorized' } });
    }
    expect((await crm('GET', '/leads', { token: null, headers: { Authorization: `bearer ${TOKEN}` } })).status).toBe(200);
  });

  it('lets the read-only user read and answers 403 "Access denied" to every change it tries', async () => {
    for (const path of ['/leads', '/leads/statuses', '/leads/1', '/leads/search?query=bernd', '/leads/logs-and-comments/1']) {
      expect((await crm('GET', path, { token: READ_TOKEN })).status).toBe(200);
    }
    for (const [method, path] of [
      ['POST', '/leads'],
      ['POST', '/leads/status'],
      ['POST', '/leads/comments/1'],
      ['PUT', '/leads/1'],
      ['PUT', '/leads/change-status'],
      ['PATCH', '/leads/archive'],
      ['PATCH', '/leads/restore'],
    ] as const) {
      expectError(await crm(method, path, { token: READ_TOKEN, body: {} }), 403, 'Access denied', 'Forbidden');
    }
    expect(await storedLeads()).toHaveLength(1);
  });

  it('answers 404 for an unknown instance and, before the token check, for a route the kit does not have', async () => {
    expectError(await send('GET', '/other-crm/leads'), 404, 'Cannot GET /other-crm/leads', 'Not Found');
    expectError(await crm('GET', '/leads/1/photos', { token: null }), 404, 'Cannot GET /leads/1/photos', 'Not Found');
    expectError(await crm('DELETE', '/leads/statuses'), 404, 'Cannot DELETE /leads/statuses', 'Not Found');
  });
});

describe('login sessions', () => {
  const logIn = (body: unknown) => send('POST', '/gym-crm/auth/login', { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const sessionCookie = (answer: Answer) => answer.headers.get('set-cookie')?.split(';')[0] ?? '';
  const withCookie = (cookie: string) => crm('GET', '/leads/statuses', { token: null, headers: { Cookie: cookie } });

  it('signs the service account in with 200, its profile and a connect.sid cookie that reads and writes leads', async () => {
    const answer = await logIn(LOGIN);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: DANA.id, email: DANA.email, roles: ['User'] });
    expect(answer.headers.get('set-cookie')).toMatch(/^connect\.sid=[^;]+; Path=\/; Expires=[^;]+; HttpOnly$/);
    const cookie = sessionCookie(answer);
    expect((await withCookie(cookie)).status).toBe(200);
    expect((await crm('POST', '/leads', { token: null, headers: { Cookie: cookie }, body: lead() })).status).toBe(201);
    expect((await crm('GET', '/auth/me', { token: null, headers: { Cookie: cookie } })).body).toMatchObject({ email: DANA.email });
  });

  it('answers 401 to a wrong or missing password, and never logs the password', async () => {
    for (const body of [{ ...LOGIN, password: 'wrong' }, { email: LOGIN.email }, {}]) {
      expectError(await logIn(body), 401, 'Unauthorized');
    }
    expect(JSON.stringify((await control('GET', '/requests')).body)).not.toContain(LOGIN.password);
  });

  it('answers 401 once the session ended or expired', async () => {
    const first = sessionCookie(await logIn(LOGIN));
    expect((await control('POST', '/instances/gym-crm/sessions/end')).body).toEqual({ ended: 1 });
    expectError(await withCookie(first), 401, 'Unauthorized');
    const second = sessionCookie(await logIn(LOGIN));
    clock += SESSION_SECONDS * 1000;
    expectError(await withCookie(second), 401, 'Unauthorized');
  });
});

describe('lead statuses', () => {
  it('lists the fixture statuses with their colours and the colours a status may take', async () => {
    const answer = await crm('GET', '/leads/statuses');
    expect(answer.status).toBe(200);
    expect(answer.body.statuses.map((s: Json) => [s.id, s.name])).toEqual([
      [1, 'New'],
      [2, 'Contacted'],
      [3, 'Trial booked'],
      [4, 'Won'],
      [5, 'Lost'],
    ]);
    expect(answer.body.statuses[0]).toEqual({ id: 1, name: 'New', primaryColor: 'blue', secondaryColor: 'lightblue' });
    expect(answer.body.colors).toContain('blue');
  });

  it('creates a status with 201, usable at once, and refuses a taken name, a missing name or an unknown colour', async () => {
    const created = await crm('POST', '/leads/status', { body: { name: 'Callback', primaryColor: 'green' } });
    expect({ status: created.status, body: created.body }).toEqual({
      status: 201,
      body: { id: 6, name: 'Callback', primaryColor: 'green', secondaryColor: 'lightgreen' },
    });
    expect((await create(lead({ statusId: 6 }))).body.status).toBe('Callback');
    badRequest(await crm('POST', '/leads/status', { body: { name: 'new', primaryColor: 'blue' } }), 'Lead status already exists');
    expectInvalid(await crm('POST', '/leads/status', { body: { primaryColor: 'blue' } }), 'name should not be empty', 'name must be a string');
    expectInvalid(
      await crm('POST', '/leads/status', { body: { name: 'Hot', primaryColor: 'teal' } }),
      'primaryColor must be one of the following values: blue, green, orange, purple, red, gray',
    );
  });
});

describe('POST /leads', () => {
  it('creates the lead with 201 and answers it with the status name and the businesses', async () => {
    const answer = await create(lead({ business: [1, 2], socialMedia: { instagram: 'instagram.com/lena' } }));
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({
      id: 2,
      firstName: 'Lena',
      lastName: 'Koch',
      email: 'lena.koch@example.com',
      phoneNumber: ['+49 40 555123'],
      status: 'New',
      business: [
        { id: 1, name: 'Iron Harbor Fitness' },
        { id: 2, name: 'Iron Harbor Harbourside' },
      ],
      statusId: 1,
      photo: 'lena.jpg',
      state: 'Active',
      source: 'Website',
      description: 'Web form',
      location: 'Hamburg',
      position: 'Prospect',
      company: 'Private',
      socialMedia: { instagram: 'instagram.com/lena' },
      archived: false,
      createdAt: AT,
      updatedAt: AT,
    });
    expect((await create(lead({ email: 'second@example.com' }))).body.id).toBe(3);
    const stored = await storedLeads();
    expect(stored.map((l) => l.email)).toEqual(['bestand@example.de', 'lena.koch@example.com', 'second@example.com']);
    expect(stored[1]?.logs).toEqual([{ id: 2, action: 'CreateLead', entityType: 'Lead', user: { id: 7, email: DANA.email }, createdAt: AT }]);
  });

  it.each([
    ['firstName', ['firstName should not be empty', 'firstName must be a string']],
    ['lastName', ['lastName should not be empty', 'lastName must be a string']],
    [
      'business',
      ['business must be an array', 'business should not be empty', 'each value in business must be a number conforming to the specified constraints'],
    ],
    ['photo', ['photo should not be empty', 'photo must be a string']],
    ['state', ['state must be one of the following values: Active, Inactive']],
    ['statusId', ['statusId must be a number conforming to the specified constraints']],
    ['source', ['source should not be empty', 'source must be a string']],
    [
      'phoneNumber',
      [
        'phoneNumber must be an array',
        'phoneNumber should not be empty',
        'each value in phoneNumber should not be empty',
        'each value in phoneNumber must be a string',
      ],
    ],
    ['email', ['email must be an email']],
    ['description', ['description should not be empty', 'description must be a string']],
    ['location', ['location should not be empty', 'location must be a string']],
    ['position', ['position should not be empty', 'position must be a string']],
    ['company', ['company should not be empty', 'company must be a string']],
  ])('requires %s: 400 with its messages, absent or null, and stores nothing', async (field, messages) => {
    const { [field]: _dropped, ...without } = lead();
    const answer = await create(without);
    badRequest(answer, messages);
    badRequest(await create(lead({ [field]: null })), messages);
    expect(await storedLeads()).toHaveLength(1);
  });

  it('refuses values of the wrong type or form, listing every problem at once', async () => {
    expectInvalid(
      await create(lead({ business: ['1'], phoneNumber: '+49 40 555123', state: 'Pending', statusId: '1', email: 'lena.example.com', firstName: '' })),
      'firstName should not be empty',
      'each value in business must be a number conforming to the specified constraints',
      'phoneNumber must be an array',
      'state must be one of the following values: Active, Inactive',
      'statusId must be a number conforming to the specified constraints',
      'email must be an email',
    );
    expectInvalid(await create(lead({ phoneNumber: [4940555123] })), 'each value in phoneNumber must be a string');
    expect(await storedLeads()).toHaveLength(1);
  });

  it('takes socialMedia as optional and checks it when given', async () => {
    expectInvalid(await create(lead({ socialMedia: 'instagram.com/lena' })), 'socialMedia must be an object');
    expectInvalid(
      await create(lead({ socialMedia: { youtube: 5, tiktok: 'x' } })),
      'socialMedia.youtube must be a string',
      'socialMedia.property tiktok should not exist',
    );
    expect((await create(lead({ socialMedia: null }))).body.socialMedia).toBeNull();
  });

  it('refuses properties the DTO does not declare', async () => {
    badRequest(await create(lead({ phone: '+49 40 1', id: 9 })), ['property phone should not exist', 'property id should not exist']);
  });

  it('refuses the empty strings and arrays of fields the page marks Required, and stores nothing', async () => {
    badRequest(await create(lead({ photo: '', description: '', location: '', position: '', company: '', source: '', phoneNumber: [], business: [] })), [
      'business should not be empty',
      'photo should not be empty',
      'source should not be empty',
      'phoneNumber should not be empty',
      'description should not be empty',
      'location should not be empty',
      'position should not be empty',
      'company should not be empty',
    ]);
    badRequest(await create(lead({ phoneNumber: [''] })), ['each value in phoneNumber should not be empty']);
    expect(await storedLeads()).toHaveLength(1);
  });

  it('drops unknown businesses', async () => {
    const answer = await create(lead({ business: [2, 99, 2] }));
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ business: [{ id: 2, name: 'Iron Harbor Harbourside' }] });
  });

  it('answers 400 "Email already exists" for a taken email, whatever its case', async () => {
    badRequest(await create(lead({ email: 'BESTAND@Example.DE' })), 'Email already exists');
    expect((await create(lead())).status).toBe(201);
    badRequest(await create(lead({ email: 'Lena.Koch@example.com', firstName: 'Other' })), 'Email already exists');
    expect(await storedLeads()).toHaveLength(2);
  });

  it('answers 404 "No lead status found" for an unknown statusId', async () => {
    expectError(await create(lead({ statusId: 42 })), 404, 'No lead status found', 'Not Found');
    expect(await storedLeads()).toHaveLength(1);
  });

  it('reads a body not declared as JSON as empty, and answers 400 for malformed or non-object JSON', async () => {
    const plain = await crm('POST', '/leads', { raw: JSON.stringify(lead()), contentType: 'text/plain' });
    expectInvalid(plain, 'firstName must be a string', 'email must be an email');
    const malformed = await crm('POST', '/leads', { raw: '{"firstName": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(/JSON/) });
    badRequest(await crm('POST', '/leads', { raw: '[1, 2]' }), ['an unknown value was passed to the validate function']);
  });
});

describe('reading leads', () => {
  it('lists the team’s leads as {count, leads} and gets one by id', async () => {
    await create(lead());
    const list = await crm('GET', '/leads');
    expect(list.status).toBe(200);
    expect(list.body.count).toBe(2);
    expect(list.body.leads.map((l: Json) => [l.id, l.email, l.status])).toEqual([
      [1, 'bestand@example.de', 'Won'],
      [2, 'lena.koch@example.com', 'New'],
    ]);
    const one = await crm('GET', '/leads/1');
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: 1, firstName: 'Bernd', status: 'Won', business: [{ id: 1, name: 'Iron Harbor Fitness' }] });
  });

  it('answers 404 "Lead not found" for an unknown or non-numeric id', async () => {
    expectError(await crm('GET', '/leads/99'), 404, 'Lead not found', 'Not Found');
    expectError(await crm('GET', '/leads/abc'), 404, 'Lead not found', 'Not Found');
  });

  it('searches names, email, company and phone numbers, case-insensitively, answering an array', async () => {
    await create(lead());
    const byName = await crm('GET', '/leads/search?query=KOCH');
    expect(byName.status).toBe(200);
    expect(byName.body.map((l: Json) => l.id)).toEqual([2]);
    expect((await crm('GET', '/leads/search?query=hafen')).body.map((l: Json) => l.id)).toEqual([1]);
    expect((await crm('GET', '/leads/search?query=nobody')).body).toEqual([]);
    expect((await crm('GET', '/leads/search')).body).toHaveLength(2);
  });

  it('answers a search with the page’s fields only: no description, which GET /leads/{id} has', async () => {
    await create(lead({ description: 'Web form\n\nleadgate:sub-1' }));
    const [found] = (await crm('GET', '/leads/search?query=lena.koch@example.com')).body;
    expect(Object.keys(found).sort()).toEqual(['business', 'email', 'firstName', 'id', 'lastName', 'phoneNumber', 'status']);
    expect((await crm('GET', `/leads/${found.id}`)).body.description).toBe('Web form\n\nleadgate:sub-1');
  });
});

describe('comments', () => {
  it('adds a comment with 201 and reads it back with the logs, newest first', async () => {
    const id = (await create(lead())).body.id;
    clock += 60_000;
    const answer = await crm('POST', `/leads/comments/${id}`, { body: { content: 'Please call after 6pm' } });
    const later = new Date(clock).toISOString();
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 201,
      body: { id: 2, content: 'Please call after 6pm', user: DANA, createdAt: later },
    });
    const feed = await crm('GET', `/leads/logs-and-comments/${id}`);
    expect(feed.status).toBe(200);
    expect(feed.body).toEqual({
      logsAndComments: [
        { id: 2, content: 'Please call after 6pm', user: DANA, createdAt: later },
        { id: 2, action: 'CreateLead', entityType: 'Lead', user: { id: 7, email: DANA.email }, createdAt: AT },
      ],
      logsCount: 1,
      commentsCount: 1,
    });
    const stored = (await storedLeads()).find((l) => l.id === id);
    expect(stored?.comments).toEqual([{ id: 2, content: 'Please call after 6pm', user: DANA, createdAt: later }]);
  });

  it('shows the fixture lead’s comment and log', async () => {
    const feed = await crm('GET', '/leads/logs-and-comments/1');
    expect(feed.body.commentsCount).toBe(1);
    expect(feed.body.logsAndComments[0]).toMatchObject({ content: 'Came in for a tour, signed the same day.', user: DANA });
    expect((await crm('GET', '/leads/logs/1')).body).toEqual({
      count: 1,
      logs: [{ id: 1, action: 'CreateLead', entityType: 'Lead', user: { id: 7, email: DANA.email }, createdAt: '2026-01-12T09:30:00.000Z' }],
    });
  });

  it('answers 400 "Invalid lead ID", 404 "Lead not found" and 400 for a content that is no string', async () => {
    badRequest(await crm('POST', '/leads/comments/abc', { body: { content: 'x' } }), 'Invalid lead ID');
    badRequest(await crm('POST', '/leads/comments/0', { body: { content: 'x' } }), 'Invalid lead ID');
    expectError(await crm('POST', '/leads/comments/99', { body: { content: 'x' } }), 404, 'Lead not found', 'Not Found');
    badRequest(await crm('POST', '/leads/comments/1', { body: { content: 42 } }), ['content must be a string']);
    badRequest(await crm('GET', '/leads/logs-and-comments/abc'), 'Invalid lead ID');
    expectError(await crm('GET', '/leads/logs-and-comments/99'), 404, 'Lead not found', 'Not Found');
    expect((await crm('GET', '/leads/logs-and-comments/1')).body.commentsCount).toBe(1);
  });

  it('takes a comment without content, as the page marks it optional', async () => {
    expect(await crm('POST', '/leads/comments/1', { body: {} })).toMatchObject({ status: 201, body: { content: '' } });
  });
});

describe('changing leads', () => {
  it('PUT changes only the given fields, null leaves a field as it is, and logs UpdateLead', async () => {
    clock += 1000;
    const answer = await crm('PUT', '/leads/1', { body: { firstName: 'Bernhard', lastName: null, statusId: 2, email: 'BESTAND@example.de' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: 1, firstName: 'Bernhard', lastName: 'Bestand', status: 'Contacted', email: 'BESTAND@example.de' });
    expect(answer.body.updatedAt).toBe(new Date(clock).toISOString());
    expect((await storedLeads())[0]?.logs.map((l: Json) => l.action)).toEqual(['CreateLead', 'UpdateLead']);
  });

  it('PUT answers 404 for an unknown lead or status, 400 for a taken email or an invalid value', async () => {
    const other = (await create(lead())).body.id;
    expectError(await crm('PUT', '/leads/99', { body: { firstName: 'X' } }), 404, 'Lead not found', 'Not Found');
    expectError(await crm('PUT', `/leads/${other}`, { body: { statusId: 42 } }), 404, 'No lead status found', 'Not Found');
    badRequest(await crm('PUT', `/leads/${other}`, { body: { email: 'bestand@example.de' } }), 'Email already exists');
    expectInvalid(await crm('PUT', `/leads/${other}`, { body: { firstName: '', state: 'Gone' } }), 'firstName should not be empty');
  });

  it('archive hides leads from the list and search until restore, and logs both', async () => {
    const id = (await create(lead())).body.id;
    const archived = await crm('PATCH', '/leads/archive', { body: { ids: [id] } });
    expect({ status: archived.status, body: archived.body }).toEqual({
      status: 200,
      body: { message: 'Leads archived successfully', description: 'The leads have been archived successfully.' },
    });
    expect((await crm('GET', '/leads')).body.leads.map((l: Json) => l.id)).toEqual([1]);
    expect((await crm('GET', '/leads/search?query=koch')).body).toEqual([]);
    expect((await crm('GET', '/leads?archived=true')).body).toMatchObject({ count: 1, leads: [{ id, archived: true }] });
    badRequest(await create(lead({ firstName: 'Again' })), 'Email already exists');
    const restored = await crm('PATCH', '/leads/restore', { body: { ids: [id] } });
    expect(restored.body).toEqual({ message: 'Leads restored successfully', description: 'The leads have been restored successfully.' });
    expect((await crm('GET', '/leads')).body.count).toBe(2);
    expect((await storedLeads())[1]?.logs.map((l: Json) => l.action)).toEqual(['CreateLead', 'ArchiveLead', 'RestoreLead']);
  });

  it('archive and restore answer 400 "One or more leads not found" and change nothing, and 400 without ids', async () => {
    badRequest(await crm('PATCH', '/leads/archive', { body: { ids: [1, 99] } }), 'One or more leads not found');
    expect((await crm('GET', '/leads')).body.count).toBe(1);
    badRequest(await crm('PATCH', '/leads/restore', { body: { ids: [99] } }), 'One or more leads not found');
    expectInvalid(await crm('PATCH', '/leads/archive', { body: {} }), 'ids must be an array');
  });

  it('change-status moves leads to a status and answers [{id, status}]', async () => {
    const id = (await create(lead())).body.id;
    const answer = await crm('PUT', '/leads/change-status', { body: { ids: [1, id], statusId: 3 } });
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 200,
      body: [
        { id: 1, status: 'Trial booked' },
        { id, status: 'Trial booked' },
      ],
    });
    expect((await crm('GET', `/leads/${id}`)).body).toMatchObject({ statusId: 3, status: 'Trial booked' });
  });

  it('change-status answers 400 "Invalid status ID", 404 "Lead not found" and 400 without its fields', async () => {
    badRequest(await crm('PUT', '/leads/change-status', { body: { ids: [1], statusId: 42 } }), 'Invalid status ID');
    expectError(await crm('PUT', '/leads/change-status', { body: { ids: [1, 99], statusId: 2 } }), 404, 'Lead not found', 'Not Found');
    expect((await crm('GET', '/leads/1')).body.status).toBe('Won');
    expectInvalid(
      await crm('PUT', '/leads/change-status', { body: {} }),
      'ids must be an array',
      'statusId must be a number conforming to the specified constraints',
    );
  });
});

describe('control routes and faults', () => {
  const fault = (spec: Json) => control('POST', '/faults', spec);

  it('logs every request with the instance, the endpoint name and the credentials redacted', async () => {
    await crm('GET', '/leads/statuses');
    await create(lead(), undefined);
    await crm('POST', '/leads/comments/2', { body: { content: 'hi' }, headers: { Cookie: 'connect.sid=s%3Asecret' } });
    await crm('GET', '/leads');
    await crm('GET', '/leads/2');
    await crm('PUT', '/leads/2', { body: { firstName: 'L' } });
    await crm('GET', '/leads/search?query=l');
    await crm('GET', '/leads/logs-and-comments/2');
    await crm('PATCH', '/leads/archive', { body: { ids: [2] } });
    await crm('PATCH', '/leads/restore', { body: { ids: [2] } });
    await crm('PUT', '/leads/change-status', { body: { ids: [2], statusId: 2 } });
    await crm('POST', '/leads/status', { body: { name: 'Cold', primaryColor: 'gray' } });
    const requests: Json[] = (await control('GET', '/requests?tenant=gym-crm')).body.requests;
    expect(requests.map((r) => [r.tenant, r.endpoint, r.status])).toEqual([
      ['gym-crm', 'statuses', 200],
      ['gym-crm', 'create', 201],
      ['gym-crm', 'comment', 201],
      ['gym-crm', 'list', 200],
      ['gym-crm', 'get', 200],
      ['gym-crm', 'update', 200],
      ['gym-crm', 'search', 200],
      ['gym-crm', 'logs', 200],
      ['gym-crm', 'archive', 200],
      ['gym-crm', 'restore', 200],
      ['gym-crm', 'change-status', 200],
      ['gym-crm', 'create-status', 201],
    ]);
    expect(requests[1]).toMatchObject({ method: 'POST', path: '/gym-crm/leads', body: lead(), headers: { authorization: '[redacted]' } });
    expect(requests[2]?.headers.cookie).toBe('[redacted]');
    expect(JSON.stringify(requests)).not.toContain(TOKEN);
    expect(JSON.stringify(requests)).not.toContain('secret');
  });

  it('fail answers the NestJS body for the given status, only on the named endpoint, count times', async () => {
    expect((await fault({ mode: 'fail', tenant: 'gym-crm', endpoint: 'create', status: 503, count: 1 })).status).toBe(201);
    expect((await crm('GET', '/leads/statuses')).status).toBe(200);
    expectError(await create(lead()), 503, 'Service Unavailable');
    expect((await create(lead())).status).toBe(201);
    await fault({ mode: 'fail', endpoint: 'statuses', count: 1 });
    expectError(await crm('GET', '/leads/statuses'), 500, 'Internal server error');
    await fault({ mode: 'fail', endpoint: 'comment', status: 401, count: 1 });
    expectError(await crm('POST', '/leads/comments/1', { body: { content: 'x' } }), 401, 'Unauthorized');
  });

  it('rate-limit answers 429 with the throttler body and Retry-After', async () => {
    await fault({ mode: 'rate-limit', endpoint: 'create', retryAfter: 9, count: 1 });
    const answer = await create(lead());
    expectError(answer, 429, 'ThrottlerException: Too Many Requests');
    expect(answer.headers.get('retry-after')).toBe('9');
    expect(await storedLeads()).toHaveLength(1);
  });

  it('down destroys the connection; hang with delayMs answers late but normally', async () => {
    await fault({ mode: 'down', endpoint: 'create', count: 1 });
    await expect(create(lead())).rejects.toThrow(TypeError);
    await fault({ mode: 'hang', endpoint: 'create', delayMs: 100, count: 1 });
    const started = Date.now();
    expect((await create(lead())).status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('refuses a fault for an endpoint the CRM does not have', async () => {
    const answer = await fault({ mode: 'fail', endpoint: 'delete' });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toContain('statuses, create, comment');
  });

  it('lists an instance’s leads with comments and logs; reset goes back to the fixtures', async () => {
    await create(lead());
    await crm('POST', '/leads/status', { body: { name: 'Cold', primaryColor: 'gray' } });
    await fault({ mode: 'fail' });
    expect(await storedLeads()).toHaveLength(2);
    expect((await control('GET', '/instances/nowhere/leads')).status).toBe(404);
    await control('POST', '/reset');
    const [only, ...rest] = await storedLeads();
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ id: 1, email: 'bestand@example.de', status: 'Won', comments: [{ id: 1, user: DANA }] });
    expect((await crm('GET', '/leads/statuses')).body.statuses).toHaveLength(5);
    expect((await create(lead())).body.id).toBe(2);
    expect((await control('GET', '/requests')).body.requests).toHaveLength(2);
  });
});

describe('fixtures and its simulator list entry', () => {
  it('loads gym-crm with its token from CRM_DEMO_TOKEN and leaves the read-only user out without its variable', () => {
    const [definition] = readInstanceDefinitions();
    expect(definition).toMatchObject({ instance: 'gym-crm', name: 'Iron Harbor CRM', tokenEnv: 'CRM_DEMO_TOKEN' });
    expect(definition?.statuses.map((s) => `${s.id} ${s.name}`)).toEqual(['1 New', '2 Contacted', '3 Trial booked', '4 Won', '5 Lost']);
    expect(definition?.businesses).toHaveLength(2);
    const [fixture] = loadInstanceFixtures({ CRM_DEMO_TOKEN: 'only' });
    expect(fixture).toMatchObject({ token: 'only' });
    expect(fixture?.readOnlyToken).toBeUndefined();
    expect(fixture?.credentials).toBeUndefined();
    expect(loadInstanceFixtures(SECRETS)[0]?.credentials).toEqual(LOGIN);
  });

  it('refuses to load without CRM_DEMO_TOKEN, naming instance and variable', () => {
    expect(() => loadInstanceFixtures({})).toThrow(/gym-crm.*CRM_DEMO_TOKEN/);
    expect(() => loadInstanceFixtures({ CRM_DEMO_TOKEN: 'same', CRM_READONLY_TOKEN: 'same' })).toThrow(/CRM_READONLY_TOKEN/);
  });

  it('starts from its list entry with the .dev.vars secrets, and refuses to start without its token', async () => {
    const secrets = { CRM_DEMO_TOKEN: 'e' };
    const sim = await intercodeCrmEntry.create({ secrets });
    const started = await serveApp(sim.fetch, 0);
    try {
      const answer = await fetch(`${started.url}/gym-crm/leads/statuses`, { headers: { Authorization: 'Bearer e' } });
      expect(answer.status).toBe(200);
      const stored = await sim.app.request('/__sim/instances/gym-crm/leads');
      expect(await stored.json()).toMatchObject({ leads: [{ id: 1 }] });
    } finally {
      await started.close();
    }
    await expect(intercodeCrmEntry.create({ secrets: {} })).rejects.toThrow(/gym-crm.*CRM_DEMO_TOKEN/);
  });
});
