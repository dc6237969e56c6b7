import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ServedApp } from '../serve-app';
import { serveApp } from '../serve-app';
import { LOGIN_PAGE } from './error-response';
import { loadInstallationFixtures, readInstallationDefinitions } from './installations';
import { FilterError, parseFilter } from './odata-filter';
import { perfectGymClassicEntry } from './perfectgym-classic-entry';
import { createPerfectGymClassicSimulator } from './perfectgym-classic-simulator';

const CLIENT_ID = 'pgc-demo-client-7b1e';
const CLIENT_SECRET = 'pgc-demo-secret-c40d';
const SECRETS = { PG_CLASSIC_DEMO_CLIENT_ID: CLIENT_ID, PG_CLASSIC_DEMO_CLIENT_SECRET: CLIENT_SECRET };
const SUB = 'ironharbor';
const START = Date.parse('2026-05-04T10:00:00Z');

let clock = START;
let served: ServedApp;

type Json = Record<string, any>;
interface Answer {
  status: number;
  text: string;
  body: any;
  headers: Headers;
}

async function send(method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const response = await fetch(`${served.url}${path}`, { method, ...init, redirect: 'manual' });
  const text = await response.text();
  const isJson = /json/.test(response.headers.get('content-type') ?? '');
  return { status: response.status, text, body: isJson && text !== '' ? JSON.parse(text) : undefined, headers: response.headers };
}

/** A call to the demo installation, with its API client unless told otherwise. */
function pgm(
  method: string,
  path: string,
  options: { id?: string | null; secret?: string | null; body?: unknown; raw?: string; contentType?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  const id = options.id === undefined ? CLIENT_ID : options.id;
  const secret = options.secret === undefined ? CLIENT_SECRET : options.secret;
  if (id !== null) headers['X-Client-Id'] = id;
  if (secret !== null) headers['X-Client-Secret'] = secret;
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers['Content-Type'] = options.contentType ?? 'application/json';
  return send(method, `/${SUB}${path}`, { headers, ...(body === undefined ? {} : { body }) });
}

const control = (method: string, path: string) => send(method, `/__sim${path}`);
const storedLeads = async (): Promise<Json[]> => (await control('GET', `/tenants/${SUB}/leads`)).body.leads;

/** The body the community integrations send, for the demo installation. */
const lead = (changes: Json = {}): Json => ({
  firstName: 'Lena',
  lastName: 'Koch',
  email: 'lena.koch@example.com',
  phone: '+442079460958',
  clubId: 1,
  sourceId: 12,
  campaignId: 145,
  inquiredViaId: 81,
  agreements: [
    { id: 2, hasAgreed: true },
    { id: 5, hasAgreed: false },
  ],
  ...changes,
});

const addLead = (body: unknown) => pgm('POST', '/Api/v2.1/Crm2/AddLead', { body });
const lookup = (filter: string, version = 'v2.2') => pgm('GET', `/Api/${version}/odata/Members?$filter=${encodeURIComponent(filter)}`);
const emailsOf = (answer: Answer) => (answer.body.value as Json[]).map((m) => m.email);

/** The errors envelope, checked for code and property of each entry, in order. */
function expectErrors(answer: Answer, ...errors: [code: string, property?: string][]) {
  expect(answer.status).toBe(400);
  expect(answer.body.errors.map((e: Json) => [e.code, e.property])).toEqual(errors.map(([code, property]) => [code, property]));
  for (const error of answer.body.errors) expect(error.message).toEqual(expect.any(String));
}

beforeAll(async () => {
  const simulator = createPerfectGymClassicSimulator({ installations: loadInstallationFixtures(SECRETS), now: () => clock });
  served = await serveApp(simulator.fetch, 0);
});

afterAll(() => served.close());

beforeEach(async () => {
  clock = START;
  expect((await control('POST', '/reset')).status).toBe(200);
});

describe('the API client', () => {
  it('answers the HTML login page with a 200 to a request without X-Client-Id and X-Client-Secret, on any path', async () => {
    for (const answer of [
      await pgm('POST', '/Api/v2.1/Crm2/AddLead', { id: null, secret: null, body: lead() }),
      await pgm('GET', '/Api/v2.2/odata/Members', { secret: null }),
      await pgm('GET', '/Api/v2.2/odata/Members', { id: null }),
      await pgm('GET', '/Api/v2.2/Nothing', { id: null, secret: null }),
    ]) {
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
      expect(answer.text).toBe(LOGIN_PAGE);
      expect(answer.text.startsWith('<!DOCTYPE html>')).toBe(true);
    }
    expect(await storedLeads()).toEqual([]);
  });

  it('answers the login page to a wrong secret, a wrong id, and the two swapped', async () => {
    for (const [id, secret] of [
      [CLIENT_ID, 'wrong'],
      ['wrong', CLIENT_SECRET],
      [CLIENT_SECRET, CLIENT_ID],
    ]) {
      const refused = await pgm('POST', '/Api/v2.1/Crm2/AddLead', { id, secret, body: lead() });
      expect([refused.status, refused.text]).toEqual([200, LOGIN_PAGE]);
    }
    expect(await storedLeads()).toEqual([]);
    expect((await addLead(lead())).status).toBe(200);
  });

  it('answers an HTML 404 for an unknown installation', async () => {
    const answer = await send('POST', '/elsewhere/Api/v2.1/Crm2/AddLead', { headers: { 'X-Client-Id': CLIENT_ID, 'X-Client-Secret': CLIENT_SECRET } });
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('routes ignoring case, and answers Web API’s 404 and 405 for what it does not serve', async () => {
    expect((await pgm('POST', '/api/v2.1/crm2/addlead', { body: lead() })).status).toBe(200);
    expect((await pgm('GET', '/API/V2.2/ODATA/MEMBERS')).status).toBe(200);
    const notThere = await pgm('POST', '/Api/v2.2/Crm2/AddLead', { body: lead() });
    expect(notThere.status).toBe(404);
    expect(notThere.body.Message).toMatch(/^No HTTP resource was found that matches the request URI/);
    expect(await pgm('GET', '/Api/v2.1/Crm2/AddLead')).toMatchObject({
      status: 405,
      body: { Message: "The requested resource does not support http method 'GET'." },
    });
    expect((await pgm('DELETE', '/Api/v2.2/odata/Members')).status).toBe(405);
  });
});

describe('POST /Api/v2.1/Crm2/AddLead', () => {
  it('adds the lead and answers { leadId } with a 200', async () => {
    clock = Date.parse('2026-05-04T10:30:00Z');
    const answer = await addLead(lead());
    expect([answer.status, answer.body]).toEqual([200, { leadId: 52001 }]);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await addLead(lead({ email: 'second@example.com' }))).body).toEqual({ leadId: 52002 });
    const [stored] = await storedLeads();
    expect(stored).toEqual({
      leadId: 52001,
      firstName: 'Lena',
      lastName: 'Koch',
      email: 'lena.koch@example.com',
      phone: '+442079460958',
      clubId: 1,
      sourceId: 12,
      campaignId: 145,
      inquiredViaId: 81,
      agreements: [
        { id: 2, hasAgreed: true },
        { id: 5, hasAgreed: false },
      ],
      createdAt: '2026-05-04T10:30:00.000Z',
    });
  });

  it('takes property names in any case, as .NET binds them (ClubId, FIRSTNAME)', async () => {
    const { firstName: _f, clubId: _c, ...rest } = lead();
    expect((await addLead({ ...rest, FIRSTNAME: 'Lena', ClubId: 2 })).status).toBe(200);
    expect((await storedLeads())[0]).toMatchObject({ firstName: 'Lena', clubId: 2 });
  });

  it('needs only the names, the email and the club; an empty phone reads as none', async () => {
    const answer = await addLead({
      firstName: 'Lena',
      lastName: 'Koch',
      email: 'lena.koch@example.com',
      clubId: 1,
      phone: '',
      agreements: [{ id: 2, hasAgreed: true }],
    });
    expect(answer.status).toBe(200);
    expect((await storedLeads())[0]).toEqual({
      leadId: 52001,
      firstName: 'Lena',
      lastName: 'Koch',
      email: 'lena.koch@example.com',
      clubId: 1,
      agreements: [{ id: 2, hasAgreed: true }],
      createdAt: expect.any(String),
    });
  });

  it.each([
    ['firstName', 'FirstNameRequired', 'FirstName'],
    ['lastName', 'LastNameRequired', 'LastName'],
    ['email', 'EmailRequired', 'Email'],
    ['clubId', 'ClubIdRequired', 'ClubId'],
  ])('requires %s: absent, null or blank is %s on %s', async (property, code, named) => {
    const { [property]: _dropped, ...without } = lead();
    expectErrors(await addLead(without), [code, named]);
    expectErrors(await addLead(lead({ [property]: null })), [code, named]);
    if (property !== 'clubId') expectErrors(await addLead(lead({ [property]: '  ' })), [code, named]);
    expect(await storedLeads()).toEqual([]);
  });

  it('answers every problem at once, in the order of the body', async () => {
    expectErrors(
      await addLead(lead({ firstName: '', lastName: 'K'.repeat(51), email: 'lena.example.com', phone: '020 7946 0958', clubId: 9 })),
      ['FirstNameRequired', 'FirstName'],
      ['LastNameTooLong', 'LastName'],
      ['EmailInvalid', 'Email'],
      ['PhoneNumberInvalid', 'Phone'],
      ['ClubNotFound', 'ClubId'],
    );
  });

  it('accepts the lengths at the limit: names of 50 and an email of 100 characters', async () => {
    const email = `${'e'.repeat(88)}@example.com`;
    expect(email).toHaveLength(100);
    expect((await addLead(lead({ firstName: 'F'.repeat(50), lastName: 'L'.repeat(50), email }))).status).toBe(200);
    expectErrors(await addLead(lead({ email: `e${email}` })), ['EmailTooLong', 'Email']);
  });

  it.each([
    ['without a country code', '02079460958'],
    ['with spaces', '+44 20 7946 0958'],
    ['with dashes', '+44-20-7946-0958'],
    ['with 00 for +', '00442079460958'],
    ['too short', '+441234'],
    ['too long', '+4420794609581234'],
    ['as a number', 442079460958],
  ])('refuses a phone number %s with PhoneNumberInvalid', async (_name, phone) => {
    expectErrors(await addLead(lead({ phone })), ['PhoneNumberInvalid', 'Phone']);
  });

  it('takes quotes and plus signs in an email', async () => {
    expect((await addLead(lead({ email: "o'neil+trial@example.ie" }))).status).toBe(200);
  });

  it.each([
    ['sourceId', 99, 'SourceNotFound', 'SourceId'],
    ['campaignId', 99, 'CampaignNotFound', 'CampaignId'],
    ['inquiredViaId', 99, 'InquiredViaNotFound', 'InquiredViaId'],
    ['consultantId', 99, 'ConsultantNotFound', 'ConsultantId'],
    ['clubId', 3, 'ClubNotFound', 'ClubId'],
    ['sourceId', '12', 'InvalidValue', 'SourceId'],
    ['clubId', 1.5, 'InvalidValue', 'ClubId'],
    ['campaignId', -145, 'InvalidValue', 'CampaignId'],
  ])('refuses %s %j the installation does not have: %s', async (property, value, code, named) => {
    expectErrors(await addLead(lead({ [property]: value })), [code, named]);
  });

  it('takes the optional ids as absent when null, and a known consultant', async () => {
    expect((await addLead(lead({ sourceId: null, campaignId: null, inquiredViaId: null, consultantId: 165 }))).status).toBe(200);
    expect((await storedLeads())[0]).toMatchObject({ consultantId: 165 });
    expect((await storedLeads())[0]).not.toHaveProperty('sourceId');
  });

  it('refuses properties AddLead does not have, and one property given twice', async () => {
    expectErrors(await addLead(lead({ notes: 'Mornings', source: 'Website' })), ['UnknownProperty', 'notes'], ['UnknownProperty', 'source']);
    expectErrors(await addLead(lead({ Email: 'other@example.com' })), ['DuplicateProperty', 'Email']);
  });

  describe('agreements', () => {
    it('refuses an agreement type the installation does not have, and one given twice', async () => {
      expectErrors(
        await addLead(
          lead({
            agreements: [
              { id: 2, hasAgreed: true },
              { id: 9, hasAgreed: true },
              { id: 2, hasAgreed: true },
            ],
          }),
        ),
        ['AgreementNotFound', 'Agreements[1].Id'],
        ['AgreementDuplicated', 'Agreements[2].Id'],
      );
    });

    it('needs hasAgreed as true or false, an id as a number, and nothing else in an entry', async () => {
      expectErrors(
        await addLead(lead({ agreements: [{ id: 2, hasAgreed: true }, { id: 5 }, { id: '7', hasAgreed: 'yes' }, { id: 7, hasAgreed: true, flag: true }] })),
        ['HasAgreedRequired', 'Agreements[1].HasAgreed'],
        ['InvalidValue', 'Agreements[2].Id'],
        ['HasAgreedRequired', 'Agreements[2].HasAgreed'],
        ['UnknownProperty', 'Agreements[3].flag'],
      );
      expectErrors(await addLead(lead({ agreements: { id: 2, hasAgreed: true } })), ['InvalidValue', 'Agreements']);
      expectErrors(await addLead(lead({ agreements: [2] })), ['InvalidValue', 'Agreements[0]']);
    });

    it('takes agreements as optional and a privacy agreement not agreed to, as integrations send it', async () => {
      expect((await addLead(lead({ agreements: undefined }))).status).toBe(200);
      expect((await addLead(lead({ agreements: [{ id: 2, hasAgreed: false }] }))).status).toBe(200);
      expect((await storedLeads()).map((l) => l.agreements)).toEqual([[], [{ id: 2, hasAgreed: false }]]);
    });

    it('refuses a lead without an agreement the installation marks required, agreed to', async () => {
      const [definition] = readInstallationDefinitions();
      const strict = { ...definition!, agreements: definition!.agreements.map((a) => (a.id === 2 ? { ...a, required: true } : a)) };
      const sim = createPerfectGymClassicSimulator({ installations: loadInstallationFixtures(SECRETS, [strict]) });
      const own = await serveApp(sim.fetch, 0);
      try {
        const post = async (agreements: unknown) => {
          const response = await fetch(`${own.url}/${SUB}/Api/v2.1/Crm2/AddLead`, {
            method: 'POST',
            headers: { 'X-Client-Id': CLIENT_ID, 'X-Client-Secret': CLIENT_SECRET, 'Content-Type': 'application/json' },
            body: JSON.stringify(lead({ agreements })),
          });
          return { status: response.status, text: '', body: await response.json(), headers: response.headers };
        };
        expectErrors(await post([{ id: 5, hasAgreed: true }]), ['AgreementRequired', 'Agreements']);
        expectErrors(await post(undefined), ['AgreementRequired', 'Agreements']);
        expectErrors(
          await post([
            { id: 5, hasAgreed: true },
            { id: 2, hasAgreed: false },
          ]),
          ['AgreementRequired', 'Agreements[1].HasAgreed'],
        );
        expect((await post([{ id: 2, hasAgreed: true }])).status).toBe(200);
      } finally {
        await own.close();
      }
    });

    it('takes the agreement keys in any case', async () => {
      expect((await addLead(lead({ agreements: [{ Id: 2, HasAgreed: true }] }))).status).toBe(200);
      expect((await storedLeads())[0]?.agreements).toEqual([{ id: 2, hasAgreed: true }]);
    });
  });

  it('refuses a body not declared as JSON with 415, malformed JSON and a non-object with 400', async () => {
    const plain = await pgm('POST', '/Api/v2.1/Crm2/AddLead', { raw: JSON.stringify(lead()), contentType: 'text/plain' });
    expect([plain.status, plain.body]).toEqual([415, { Message: "The request entity's media type 'text/plain' is not supported for this resource." }]);
    expectErrors(await pgm('POST', '/Api/v2.1/Crm2/AddLead', { raw: '{"firstName": ' }), ['InvalidRequestBody', undefined]);
    expectErrors(await pgm('POST', '/Api/v2.1/Crm2/AddLead', { raw: '[1]' }), ['InvalidRequestBody', undefined]);
    expect(await storedLeads()).toEqual([]);
  });

  it('adds a lead for an email a member already has: the duplicate check is the caller’s', async () => {
    expect((await addLead(lead({ email: 'bestand@example.de' }))).status).toBe(200);
    expect((await addLead(lead({ email: 'bestand@example.de' }))).status).toBe(200);
    expect(await storedLeads()).toHaveLength(2);
  });
});

describe('GET /Api/v2.2/odata/Members', () => {
  it('finds a member by email among those not deleted, as an OData collection', async () => {
    const answer = await lookup("email eq 'bestand@example.de' and isDeleted eq false");
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json; odata\.metadata=minimal/);
    expect(answer.body).toEqual({
      '@odata.context': `${served.url}/${SUB}/Api/v2.2/odata/$metadata#Members`,
      value: [
        {
          id: 3001,
          firstName: 'Bernd',
          lastName: 'Bestand',
          email: 'bestand@example.de',
          phoneNumber: '+494055501000',
          homeClubId: 1,
          isActive: true,
          isDeleted: false,
        },
      ],
    });
  });

  it('compares emails ignoring case', async () => {
    expect(emailsOf(await lookup("email eq 'BESTAND@Example.DE' and isDeleted eq false"))).toEqual(['bestand@example.de']);
  });

  it('reads a quote doubled inside the literal as one quote', async () => {
    expect(emailsOf(await lookup("email eq 'aoife.o''neil+gym@example.ie' and isDeleted eq false"))).toEqual(["aoife.o'neil+gym@example.ie"]);
  });

  it('leaves deleted members out with isDeleted eq false, finds them with true or without the clause', async () => {
    expect(emailsOf(await lookup("email eq 'former.member@example.com' and isDeleted eq false"))).toEqual([]);
    expect(emailsOf(await lookup("email eq 'former.member@example.com' and isDeleted eq true"))).toEqual(['former.member@example.com']);
    expect(emailsOf(await lookup("email eq 'former.member@example.com'"))).toEqual(['former.member@example.com']);
  });

  it('answers an empty collection for an unknown email, and every member without a filter', async () => {
    expect((await lookup("email eq 'nobody@example.com' and isDeleted eq false")).body.value).toEqual([]);
    expect(emailsOf(await pgm('GET', '/Api/v2.2/odata/Members'))).toHaveLength(3);
  });

  it('serves the set under v2.1 too', async () => {
    const answer = await lookup("email eq 'bestand@example.de'", 'v2.1');
    expect(answer.body['@odata.context']).toContain('/Api/v2.1/odata/$metadata#Members');
    expect(emailsOf(answer)).toEqual(['bestand@example.de']);
  });

  it.each([
    ['other spacing', "email  eq\t'bestand@example.de'   and isDeleted eq false"],
    ['tolower on the property', "tolower(email) eq 'bestand@example.de' and isDeleted eq false"],
    ['the literal first', "'bestand@example.de' eq email"],
    ['parentheses and or', "(email eq 'nobody@example.com' or email eq 'bestand@example.de') and not (isDeleted eq true)"],
    ['a function', "contains(email, 'bestand') and endswith(email,'.de')"],
    ['another clause', "email eq 'bestand@example.de' and homeClubId eq 1 and isActive"],
  ])('takes any well-formed OData filter on email: %s', async (_name, filter) => {
    expect(emailsOf(await lookup(filter))).toEqual(['bestand@example.de']);
  });

  it.each([
    ['an unescaped quote', "email eq 'aoife.o'neil+gym@example.ie'", /^Syntax error/],
    ['an unterminated literal', "email eq 'bestand@example.de", /^There is an unterminated string literal/],
    ['a property in other case', "Email eq 'bestand@example.de'", /^Could not find a property named 'Email'/],
    ['an unknown property', "mail eq 'bestand@example.de'", /^Could not find a property named 'mail'/],
    ['an unquoted value', 'email eq bestand@example.de', /^Syntax error/],
    ['an operator in other case', "email EQ 'bestand@example.de'", /^Syntax error/],
    ['no space around the operator', "email eq'bestand@example.de'", /^Syntax error/],
    ['a C# operator', "email == 'bestand@example.de'", /^Syntax error/],
    ['a dangling and', "email eq 'bestand@example.de' and", /^Syntax error/],
    ['an unbalanced parenthesis', "(email eq 'bestand@example.de'", /^Syntax error/],
    ['a number for a string', 'email eq 1', /^A binary operator with incompatible types was detected\. Found operand types 'Edm\.String' and 'Edm\.Int32'/],
    ['a string for a boolean', "email eq 'x' and isDeleted eq 'false'", /^A binary operator with incompatible types/],
    ['no boolean at all', 'email', /^The \$filter expression must evaluate to a single boolean value/],
    ['an unknown function', "contain(email, 'bestand')", /^An unknown function with name 'contain'/],
    ['an empty filter', '', /^The \$filter expression must not be empty/],
  ])('refuses a filter with %s with an OData 400', async (_name, filter, message) => {
    const answer = await lookup(filter);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: { code: '', message: expect.stringMatching(/^The query specified in the URI is not valid\. /) } });
    expect(answer.body.error.message.replace('The query specified in the URI is not valid. ', '')).toMatch(message);
  });

  it('refuses query options it does not simulate', async () => {
    const answer = await pgm('GET', `/Api/v2.2/odata/Members?$filter=${encodeURIComponent("email eq 'bestand@example.de'")}&$expand=contracts`);
    expect([answer.status, answer.body]).toEqual([400, { error: { code: '', message: "The query parameter '$expand' is not supported." } }]);
  });

  it('reads a + in the query as a space, as any server does: the caller must encode it', async () => {
    const raw = await pgm('GET', "/Api/v2.2/odata/Members?$filter=email eq 'aoife.o''neil+gym@example.ie'");
    expect([raw.status, raw.body.value]).toEqual([200, []]);
  });
});

describe('GET /Api/v2.2/odata/Crm2Leads', () => {
  const leads = (filter: string) => pgm('GET', `/Api/v2.2/odata/Crm2Leads?$filter=${encodeURIComponent(filter)}`);

  it('lists the leads AddLead added, with id and createdDate, filtered by email and time', async () => {
    clock = Date.parse('2026-05-04T10:30:00Z');
    await addLead(lead());
    clock = Date.parse('2026-05-04T10:40:00Z');
    await addLead(lead({ email: 'Second@example.com', phone: undefined }));
    const all = await pgm('GET', '/Api/v2.2/odata/Crm2Leads');
    expect(all.body['@odata.context']).toBe(`${served.url}/${SUB}/Api/v2.2/odata/$metadata#Crm2Leads`);
    expect(all.body.value[0]).toEqual({
      id: 52001,
      firstName: 'Lena',
      lastName: 'Koch',
      email: 'lena.koch@example.com',
      phone: '+442079460958',
      clubId: 1,
      sourceId: 12,
      campaignId: 145,
      inquiredViaId: 81,
      createdDate: '2026-05-04T10:30:00.000Z',
    });
    expect((await leads("email eq 'second@example.com' and createdDate ge 2026-05-04T10:35:00Z")).body.value.map((l: Json) => l.id)).toEqual([52002]);
    expect((await leads("email eq 'lena.koch@example.com' and createdDate ge 2026-05-04T10:35:00Z")).body.value).toEqual([]);
    expect((await leads("createdDate ge '2026-05-04T10:35:00Z'")).status).toBe(400);
  });

  it('answers 405 to anything but GET, and is not served under v2.1', async () => {
    expect((await pgm('POST', '/Api/v2.2/odata/Crm2Leads', { body: lead() })).status).toBe(405);
    expect((await pgm('GET', '/Api/v2.1/odata/Crm2Leads')).status).toBe(404);
  });

  it('takes faults as crm-leads', async () => {
    await send('POST', '/__sim/faults', {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ mode: 'fail', endpoint: 'crm-leads', status: 500 }),
    });
    expect((await pgm('GET', '/Api/v2.2/odata/Crm2Leads')).status).toBe(500);
  });
});

describe('parseFilter', () => {
  const type = { name: 'T', properties: { email: 'Edm.String', n: 'Edm.Int32', at: 'Edm.DateTimeOffset', gone: 'Edm.Boolean' } } as const;
  it('reads a doubled quote, compares ignoring case, orders dates and numbers, and treats a missing value as null', () => {
    expect(parseFilter("email eq 'A''B@example.com'", type)({ email: "a'b@example.com" })).toBe(true);
    const since = parseFilter('at ge 2026-05-04T10:00:00Z and n lt 3', type);
    expect(since({ at: '2026-05-04T10:00:00.000Z', n: 2 })).toBe(true);
    expect(since({ at: '2026-05-04T09:59:59.999Z', n: 2 })).toBe(false);
    expect(since({ at: '2026-05-04T11:00:00+01:00', n: 2 })).toBe(true);
    expect(parseFilter('email eq null', type)({})).toBe(true);
    expect(parseFilter('not gone', type)({ gone: false })).toBe(true);
  });

  it('binds and tighter than or', () => {
    expect(parseFilter("email eq 'x' or email eq 'y' and n eq 1", type)({ email: 'x', n: 2 })).toBe(true);
    expect(parseFilter("(email eq 'x' or email eq 'y') and n eq 1", type)({ email: 'x', n: 2 })).toBe(false);
  });

  it('refuses a malformed date literal', () => {
    expect(() => parseFilter('at ge 2026-13-40T10:00:00Z', type)).toThrow(FilterError);
  });
});

describe('faults', () => {
  it('fail on add-lead answers the status and stores nothing; 503 comes as the web server’s HTML page', async () => {
    await send('POST', '/__sim/faults', {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ mode: 'fail', endpoint: 'add-lead', status: 503, count: 1 }),
    });
    const unavailable = await addLead(lead());
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('content-type')).toMatch(/^text\/html/);
    await send('POST', '/__sim/faults', {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ mode: 'fail', endpoint: 'add-lead', status: 500, count: 1 }),
    });
    expect(await addLead(lead())).toMatchObject({ status: 500, body: { Message: 'An error has occurred.' } });
    expect(await storedLeads()).toEqual([]);
    expect((await addLead(lead())).status).toBe(200);
  });

  it('rate-limit on members answers 429 with Retry-After and the errors envelope', async () => {
    await send('POST', '/__sim/faults', {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ mode: 'rate-limit', endpoint: 'members', retryAfter: 9 }),
    });
    const answer = await lookup("email eq 'bestand@example.de'");
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('9');
    expect(answer.body).toEqual({ errors: [{ code: 'TooManyRequests', message: expect.any(String) }] });
    expect((await addLead(lead())).status).toBe(200);
  });

  it('hang with delayMs on add-lead stores the lead though the client gave up, as a slow server does', async () => {
    await send('POST', '/__sim/faults', {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ mode: 'hang', endpoint: 'add-lead', delayMs: 300, count: 1 }),
    });
    await expect(
      fetch(`${served.url}/${SUB}/Api/v2.1/Crm2/AddLead`, {
        method: 'POST',
        headers: { 'X-Client-Id': CLIENT_ID, 'X-Client-Secret': CLIENT_SECRET, 'Content-Type': 'application/json' },
        body: JSON.stringify(lead()),
        signal: AbortSignal.timeout(100),
      }),
    ).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await storedLeads()).toHaveLength(1);
  });

  it('refuses faults for endpoints it does not have', async () => {
    const answer = await send('POST', '/__sim/faults', {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ mode: 'fail', endpoint: 'create' }),
    });
    expect(answer.status).toBe(400);
  });
});

describe('request log', () => {
  it('names installation and endpoint, keeps the Client ID and redacts the Client Secret', async () => {
    await addLead(lead());
    await lookup("email eq 'bestand@example.de'");
    await pgm('GET', '/Api/v2.2/odata/Members', { secret: 'wrong-secret' });
    const { requests } = (await control('GET', '/requests')).body as { requests: Json[] };
    expect(requests.map((r) => [r.method, r.tenant, r.endpoint, r.status])).toEqual([
      ['POST', SUB, 'add-lead', 200],
      ['GET', SUB, 'members', 200],
      ['GET', SUB, 'members', 200],
    ]);
    expect(requests[0]).toMatchObject({
      path: `/${SUB}/Api/v2.1/Crm2/AddLead`,
      headers: { 'x-client-id': CLIENT_ID, 'x-client-secret': '[redacted]' },
      body: lead(),
    });
    expect(JSON.stringify(requests)).not.toContain(CLIENT_SECRET);
    expect(JSON.stringify(requests)).not.toContain('wrong-secret');
  });

  it('forgets leads, log and lead ids on reset', async () => {
    await addLead(lead());
    await control('POST', '/reset');
    expect(await storedLeads()).toEqual([]);
    expect((await control('GET', '/requests')).body.requests).toEqual([]);
    expect((await addLead(lead())).body).toEqual({ leadId: 52001 });
  });

  it('answers 404 for the leads of an unknown installation', async () => {
    expect((await control('GET', '/tenants/elsewhere/leads')).status).toBe(404);
  });
});

describe('fixtures and its simulator list entry', () => {
  it('loads the demo installation from .dev.vars names', () => {
    const [installation] = loadInstallationFixtures(SECRETS);
    expect(installation).toMatchObject({ subdomain: SUB, clientIdEnv: 'PG_CLASSIC_DEMO_CLIENT_ID', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    expect(readInstallationDefinitions()).toHaveLength(1);
  });

  it('refuses to load without the Client ID or the Client Secret, naming installation and variable', () => {
    expect(() => loadInstallationFixtures({ PG_CLASSIC_DEMO_CLIENT_ID: 'a' })).toThrow(/ironharbor.*PG_CLASSIC_DEMO_CLIENT_SECRET/);
    expect(() => loadInstallationFixtures({ PG_CLASSIC_DEMO_CLIENT_SECRET: 'b' })).toThrow(/ironharbor.*PG_CLASSIC_DEMO_CLIENT_ID/);
  });

  it('starts from its list entry with the .dev.vars secrets, and refuses to start without its client', async () => {
    const secrets = { PG_CLASSIC_DEMO_CLIENT_ID: 'h', PG_CLASSIC_DEMO_CLIENT_SECRET: 'i' };
    const sim = await perfectGymClassicEntry.create({ secrets });
    const started = await serveApp(sim.fetch, 0);
    try {
      const answer = await fetch(`${started.url}/${SUB}/Api/v2.2/odata/Members`, { headers: { 'X-Client-Id': 'h', 'X-Client-Secret': 'i' } });
      expect(answer.status).toBe(200);
      expect(sim.kit.log.list()).toHaveLength(1);
    } finally {
      await started.close();
    }
    const { PG_CLASSIC_DEMO_CLIENT_SECRET: _dropped, ...withoutSecret } = secrets;
    await expect(perfectGymClassicEntry.create({ secrets: withoutSecret })).rejects.toThrow(/ironharbor.*PG_CLASSIC_DEMO_CLIENT_SECRET/);
  });
});
