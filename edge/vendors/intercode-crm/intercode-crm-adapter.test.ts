import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import type { Lead } from '../../../shared/lead';
import { crmControl } from '../../../tests/stack/simulator-client';
import type { AttributionConfig } from '../../config/attribution-config';
import { adapterContract } from '../adapter-contract';
import { brokerSessionSource } from './broker-session-source';
import { type CrmSessionSource, staticToken } from './crm-session';
import { intercodeCrmAdapter } from './intercode-crm-adapter';
import { intercodeCrm } from './intercode-crm-vendor';

const url = inject('simulators')['intercode-crm'];
const crm = crmControl(url);
const INSTANCE = 'gym-crm';
const BASE = `${url}/${INSTANCE}`;
// Short, so the contract's lost answer (a hang past it) costs little.
const TIMEOUT_MS = 1500;
const DEFAULTS = { source: 'Website', business: [1], photo: 'web-lead.png', state: 'Active', location: 'Hamburg', position: 'Prospect', company: 'Private' };
let n = 0;

function adapter(
  session: CrmSessionSource,
  extra: { messageIn?: 'description' | 'comment'; attribution?: AttributionConfig; onCommentFailed?: (r: string) => void } = {},
) {
  return intercodeCrmAdapter({ baseUrl: BASE, session, statusName: 'New', defaults: DEFAULTS, messageIn: 'description', timeoutMs: TIMEOUT_MS, ...extra });
}
const meta = (afterUnknown = false) => ({ submissionId: `crm-${Date.now()}-${++n}`, marketing: 'none' as const, afterUnknown, receivedAt: Date.now() });
const person = (overrides: Lead = {}): Lead => ({
  firstName: 'Lena',
  lastName: 'Koch',
  email: `crm.${Date.now()}.${++n}@example.com`,
  phone: '+49 40 555123',
  ...overrides,
});
const byToken = () => adapter(staticToken(env.CRM_DEMO_TOKEN));
const byLogin = (password = env.CRM_LOGIN_PASSWORD) =>
  adapter(brokerSessionSource(env.CRM_SESSIONS, { baseUrl: BASE, email: env.CRM_LOGIN_EMAIL, password, timeoutMs: TIMEOUT_MS }));
const posts = async (path: string) => (await crm.requests(INSTANCE)).filter((r) => r.method === 'POST' && r.path === `/${INSTANCE}${path}`);

const existing = async () => (await crm.instanceLeads(INSTANCE)).length;
let before = 0;
adapterContract('intercode-crm', {
  adapter: byToken,
  misconfiguredAdapter: () => adapter(staticToken('not-the-token')),
  validLead: () => person({ email: `contract.${Date.now()}.${++n}@example.com` }),
  // Past Leadgate's own schema: the kit's "email must be an email" lands on the email field.
  leadTheVendorRefuses: () => ({ lead: person({ email: 'not-an-email' }), field: 'email' }),
  fault: async (fault) => {
    await crm.fault({ tenant: INSTANCE, endpoint: 'create', ...fault });
  },
  // The simulator stores the lead and answers after the adapter stopped waiting.
  loseNextAnswer: async () => {
    await crm.fault({ tenant: INSTANCE, endpoint: 'create', mode: 'hang', delayMs: TIMEOUT_MS + 1000, count: 1 });
  },
  afterLostAnswer: 'delivered',
  // The fixture holds one customer already; the contract counts the leads it adds.
  stored: async () => (await existing()) - before,
  reset: async () => {
    await crm.reset();
    before = await existing();
  },
});

describe('intercode-crm: exactly once after a lost answer', () => {
  beforeEach(async () => {
    await crm.reset();
  });

  it('calls a 500 on create unknown, never transient: the CRM may have stored the lead', async () => {
    const crmAdapter = byToken();
    const rules = await crmAdapter.fetchRules();
    await crm.fault({ tenant: INSTANCE, endpoint: 'create', mode: 'fail', status: 500, count: 1 });
    expect(await crmAdapter.deliver(person(), rules, meta())).toMatchObject({ kind: 'unknown', reason: 'status_500' });
  });

  it('marks the lead with the submission, so the lookup finds this one and not an earlier lead of the same email', async () => {
    const crmAdapter = byToken();
    const rules = await crmAdapter.fetchRules();
    const m = meta();
    await crmAdapter.deliver(person(), rules, m);
    expect((await posts('/leads'))[0]?.body).toMatchObject({ description: `Web form\n\nleadgate:${m.submissionId}` });
  });

  it('sends nothing when the search after a lost answer fails: transient, never a blind create', async () => {
    const crmAdapter = byToken();
    const rules = await crmAdapter.fetchRules();
    await crm.fault({ tenant: INSTANCE, endpoint: 'search', mode: 'fail', status: 503, count: 1 });
    expect(await crmAdapter.deliver(person(), rules, meta(true))).toMatchObject({ kind: 'transient' });
    expect(await posts('/leads')).toEqual([]);
  });

  it('creates after a lost answer when the lead with that email is an earlier customer’s, and answers duplicate', async () => {
    const crmAdapter = byToken();
    const rules = await crmAdapter.fetchRules();
    const outcome = await crmAdapter.deliver(person({ email: 'bestand@example.de' }), rules, meta(true));
    expect(outcome).toMatchObject({ kind: 'duplicate', vendorId: '1' });
    expect(await posts('/leads')).toHaveLength(1);
  });
});

describe('intercode-crm: required values', () => {
  beforeEach(async () => {
    await crm.reset();
  });

  it('sends the visitor’s phone and the form’s defaults, no required value empty', async () => {
    const crmAdapter = byToken();
    expect(await crmAdapter.deliver(person(), await crmAdapter.fetchRules(), meta())).toMatchObject({ kind: 'delivered' });
    expect((await posts('/leads'))[0]?.body).toMatchObject({ phoneNumber: ['+49 40 555123'], ...DEFAULTS });
  });

  it('asks the visitor for a phone number, as the CRM requires one', () => {
    expect(
      byToken()
        .describe({ statuses: [] })
        .fields.find((f) => f.name === 'phone'),
    ).toMatchObject({ required: true });
  });
});

describe('intercode-crm: a service account’s login', () => {
  beforeEach(async () => {
    await crm.reset();
    // A session cached by an earlier test is ended too: the first call signs in again either way.
    await crm.endSessions(INSTANCE);
  });
  const logins = async () => (await crm.requests(INSTANCE)).filter((r) => r.endpoint === 'login');

  it('signs in once for many leads, never sending the password or session to the log', async () => {
    const crmAdapter = byLogin();
    const rules = await crmAdapter.fetchRules();
    for (let i = 0; i < 3; i++) expect(await crmAdapter.deliver(person(), rules, meta())).toMatchObject({ kind: 'delivered' });
    expect(await posts('/leads')).toHaveLength(3);
    expect((await logins()).filter((r) => r.status === 200)).toHaveLength(1);
    const log = JSON.stringify(await crm.requests(INSTANCE));
    expect(log).not.toContain(env.CRM_LOGIN_PASSWORD);
    expect(log).not.toContain('connect.sid=');
  });

  it('signs in again after a 401 and delivers the lead once', async () => {
    const crmAdapter = byLogin();
    const rules = await crmAdapter.fetchRules();
    await crm.endSessions(INSTANCE);
    await crm.clearRequests();
    expect(await crmAdapter.deliver(person(), rules, meta())).toMatchObject({ kind: 'delivered' });
    expect((await posts('/leads')).map((r) => r.status)).toEqual([401, 201]);
    expect(await logins()).toHaveLength(1);
  });

  it('calls a refused login misconfigured, and creates nothing', async () => {
    const crmAdapter = byLogin('not-the-password');
    const rules = await byToken().fetchRules();
    expect(await crmAdapter.deliver(person(), rules, meta())).toMatchObject({ kind: 'misconfigured', code: 'VENDOR_AUTH_FAILED' });
    // A session cached before may be tried (and refused) first; nothing is stored either way.
    expect((await posts('/leads')).filter((r) => r.status !== 401)).toEqual([]);
    expect((await logins()).map((r) => r.status)).toEqual([401]);
  });
});

describe('intercode-crm: an existing email', () => {
  beforeEach(async () => {
    await crm.reset();
  });

  it('adds the visitor’s message and campaign to the existing lead as a comment: duplicate, kept in a comment', async () => {
    const crmAdapter = byToken();
    const lead = person({ email: 'bestand@example.de', note: 'Can I bring a friend?', attribution: { utm_campaign: 'spring-2026' } });
    expect(await crmAdapter.deliver(lead, await crmAdapter.fetchRules(), meta())).toEqual({ kind: 'duplicate', vendorId: '1', kept: 'comment' });
    const [existingLead] = (await crm.instanceLeads(INSTANCE)) as { comments: { content: string }[] }[];
    expect(existingLead?.comments.at(-1)?.content).toBe(
      'New web form enquiry from this lead:\nCan I bring a friend?\n\n— Leadgate attribution —\nCampaign: spring-2026',
    );
  });

  it('answers duplicate without `kept` when the comment could not be added', async () => {
    const crmAdapter = byToken();
    const rules = await crmAdapter.fetchRules();
    await crm.fault({ tenant: INSTANCE, endpoint: 'comment', mode: 'fail', status: 500, count: 1 });
    const lead = person({ email: 'bestand@example.de', note: 'Can I bring a friend?' });
    expect(await crmAdapter.deliver(lead, rules, meta())).toEqual({ kind: 'duplicate', vendorId: '1' });
  });
});

describe('intercode-crm: the status cache key', () => {
  const form = (connection: Record<string, unknown>) => {
    const bound = intercodeCrm.bind({
      id: 'crm-key',
      vendor: 'intercode-crm',
      connection: { baseUrl: 'https://crm.example/api', ...connection },
      allowedOrigins: ['https://gym.example'],
      defaultLocale: 'en',
      defaults: { business: [1], photo: 'p.png', location: 'Hamburg', position: 'Prospect', company: 'Private' },
      consent: { privacyPolicyUrl: 'https://gym.example/privacy', marketing: 'none' },
    });
    if (!bound.success) throw new Error(JSON.stringify(bound.issues.map((i) => i.message)));
    return intercodeCrm.connectionKey(bound.form);
  };

  it('keys by base URL and team (the signed-in user), never a secret’s value', () => {
    const teamA = form({ tokenSecret: 'CRM_TEAM_A_TOKEN' });
    expect(teamA).not.toBe(form({ tokenSecret: 'CRM_TEAM_B_TOKEN' }));
    expect(teamA).not.toBe(form({ login: { emailSecret: 'CRM_A_EMAIL', passwordSecret: 'CRM_A_PASSWORD' } }));
    expect(teamA).toBe(form({ tokenSecret: 'CRM_TEAM_A_TOKEN', timeoutMs: 5000 }));
  });

  it('refuses a form with both or neither of login and token, and one without the required defaults', () => {
    expect(() => form({})).toThrow(/either login or tokenSecret/);
    expect(() => form({ tokenSecret: 'T', login: { emailSecret: 'E', passwordSecret: 'P' } })).toThrow(/either login or tokenSecret/);
    const bound = intercodeCrm.bind({
      id: 'crm-empty',
      vendor: 'intercode-crm',
      connection: { baseUrl: 'https://crm.example/api', tokenSecret: 'CRM_T' },
      allowedOrigins: ['https://gym.example'],
      defaultLocale: 'en',
      defaults: { business: [], photo: '', location: 'Hamburg', position: 'Prospect', company: 'Private' },
      consent: { privacyPolicyUrl: 'https://gym.example/privacy', marketing: 'none' },
    });
    expect(bound.success).toBe(false);
  });
});

describe('intercode-crm attribution', () => {
  beforeEach(async () => {
    await crm.reset();
  });

  const SEPARATOR = '— Leadgate attribution —';
  const attributed = (overrides: Lead = {}): Lead => person({ email: `attribution.${Date.now()}.${++n}@example.com`, ...overrides });

  /** Delivers through a form with these settings; the body of `POST /leads`, its marker line left off. */
  async function deliver(lead: Lead, attribution?: AttributionConfig, messageIn: 'description' | 'comment' = 'description') {
    const crmAdapter = adapter(staticToken(env.CRM_DEMO_TOKEN), { messageIn, ...(attribution ? { attribution } : {}) });
    const m = meta();
    expect(await crmAdapter.deliver(lead, await crmAdapter.fetchRules(), m)).toMatchObject({ kind: 'delivered' });
    const created = await posts('/leads');
    expect(created).toHaveLength(1);
    const body = created[0]!.body as Record<string, unknown>;
    const marker = `\n\nleadgate:${m.submissionId}`;
    expect(String(body.description).endsWith(marker)).toBe(true);
    return { ...body, description: String(body.description).slice(0, -marker.length) } as Record<string, unknown>;
  }

  it('puts the message and then the attribution block in the description, and the utm_source in the source', async () => {
    const body = await deliver(
      attributed({
        note: 'Please call after 6pm',
        attribution: { utm_source: 'instagram', utm_campaign: 'spring-2026', referrer: 'https://www.instagram.com/' },
      }),
    );
    expect(body).toMatchObject({
      description: `Please call after 6pm\n\n${SEPARATOR}\nSource: instagram\nCampaign: spring-2026\nReferrer: https://www.instagram.com/`,
      source: 'instagram',
    });
  });

  it('names the campaign by the parameter the form reads it from', async () => {
    const body = await deliver(attributed({ attribution: { utm_campaign: 'spring-2026', utm_content: 'CMPGN-123' } }), {
      campaign: 'utm_content',
      notes: true,
    });
    expect(body.description).toBe(`${SEPARATOR}\nCampaign: CMPGN-123\nCampaign name: spring-2026`);
    expect(body.source).toBe('Website');
  });

  it('leaves the block out with notes off: the message alone, or "Web form" when it goes in as a comment', async () => {
    const attribution = { utm_source: 'instagram', utm_campaign: 'spring-2026' };
    expect(await deliver(attributed({ note: 'Please call after 6pm', attribution }), { campaign: 'utm_campaign', notes: false })).toMatchObject({
      description: 'Please call after 6pm',
      source: 'instagram',
    });
    await crm.reset();
    expect((await deliver(attributed({ note: 'Please call after 6pm', attribution }), { campaign: 'utm_campaign', notes: false }, 'comment')).description).toBe(
      'Web form',
    );
  });

  it('sends no block and no separator for a lead without attribution', async () => {
    expect(await deliver(attributed({ note: 'Please call after 6pm' }))).toMatchObject({ description: 'Please call after 6pm', source: 'Website' });
    await crm.reset();
    expect((await deliver(attributed())).description).toBe('Web form');
  });
});
