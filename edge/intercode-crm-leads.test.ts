import { beforeEach, describe, expect, inject, it } from 'vitest';
import type { FormSpec } from '../shared/form-spec';
import { crmControl } from '../tests/stack/simulator-client';
import { resetBindings } from './test-migrations';
import { postLead, request, secretValues } from './test-support';

const FORM = 'demo-crm';
const INSTANCE = 'gym-crm';
const crm = crmControl(inject('simulators')['intercode-crm']);

beforeEach(async () => {
  await resetBindings();
  await crm.reset();
});

let n = 0;
const lead = (overrides: Record<string, unknown> = {}) => ({
  firstName: 'Lena',
  lastName: 'Koch',
  email: `lena.${Date.now()}.${++n}@example.com`,
  phone: '+49 40 555123',
  consent: { privacy: true },
  ...overrides,
});

describe('the demo-crm form (Intercode SaaS Kit)', () => {
  it('asks for names, email, a phone (the CRM requires one) and a message, and shows no secret', async () => {
    const response = await request(`/v1/forms/${FORM}`);
    const text = await response.text();
    const spec = JSON.parse(text) as FormSpec;
    expect(spec.fields.map((f) => [f.name, f.required])).toEqual([
      ['firstName', true],
      ['lastName', true],
      ['email', true],
      ['phone', true],
      ['note', false],
      ['consent.privacy', true],
    ]);
    for (const secret of secretValues()) expect(text).not.toContain(secret);
  });

  it('creates the lead with the status named in the config, the defaults and the attribution, and the message as a comment', async () => {
    const given = lead({
      phone: '+49 40 555123',
      note: 'Please call after 6pm',
      attribution: { utm_source: 'instagram', utm_campaign: 'spring-2026', referrer: 'https://www.instagram.com/' },
    });
    const response = await postLead(FORM, given);
    expect(response.status).toBe(201);
    const posts = (await crm.requests(INSTANCE)).filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.path)).toEqual([`/${INSTANCE}/leads`, expect.stringMatching(new RegExp(`^/${INSTANCE}/leads/comments/`))]);
    expect(posts[0]?.body).toEqual({
      firstName: 'Lena',
      lastName: 'Koch',
      email: given.email,
      phoneNumber: ['+49 40 555123'],
      description: expect.stringMatching(
        /^— Leadgate attribution —\nSource: instagram\nCampaign: spring-2026\nReferrer: https:\/\/www\.instagram\.com\/\n\nleadgate:\S+$/,
      ),
      source: 'instagram',
      statusId: 1,
      business: [1],
      photo: 'web-lead.png',
      state: 'Active',
      location: 'Hamburg',
      position: 'Prospect',
      company: 'Private',
    });
    expect(posts[1]?.body).toEqual({ content: 'Please call after 6pm' });
    expect(JSON.stringify(await crm.requests(INSTANCE))).not.toContain('Bearer ');
  });

  it('answers "Email already exists" with the duplicate outcome, and adds the message to the existing lead as a comment', async () => {
    const response = await postLead(FORM, lead({ email: 'bestand@example.de', note: 'Is the sauna open on Sundays?' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'duplicate' });
    const [existing] = (await crm.instanceLeads(INSTANCE)) as { id: number; comments: { content: string }[] }[];
    expect(existing?.comments.at(-1)?.content).toBe('New web form enquiry from this lead:\nIs the sauna open on Sundays?');
  });
});

describe('a CRM form signed in with a service account (test-crm-login)', () => {
  it('signs in, creates the lead with the session, and keeps the password and session out of the CRM’s log', async () => {
    await crm.endSessions(INSTANCE);
    const given = lead();
    const response = await postLead('test-crm-login', given);
    expect(response.status).toBe(201);
    const requests = await crm.requests(INSTANCE);
    expect(requests.filter((r) => r.endpoint === 'login' && r.status === 200)).toHaveLength(1);
    expect(requests.filter((r) => r.endpoint === 'create').at(-1)).toMatchObject({ status: 201, headers: { cookie: '[redacted]' } });
    expect((await crm.instanceLeads(INSTANCE)).map((l) => l.email)).toContain(given.email);
    const text = JSON.stringify(requests);
    for (const secret of secretValues()) expect(text).not.toContain(secret);
  });
});
