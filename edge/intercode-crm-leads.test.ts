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
  consent: { privacy: true },
  ...overrides,
});

describe('the demo-crm form (Intercode SaaS Kit)', () => {
  it('asks for names, email, phone and a message, and shows no secret', async () => {
    const response = await request(`/v1/forms/${FORM}`);
    const text = await response.text();
    const spec = JSON.parse(text) as FormSpec;
    expect(spec.fields.map((f) => [f.name, f.required])).toEqual([
      ['firstName', true],
      ['lastName', true],
      ['email', true],
      ['phone', false],
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
      description: '— Leadgate attribution —\nSource: instagram\nCampaign: spring-2026\nReferrer: https://www.instagram.com/',
      source: 'instagram',
      statusId: 1,
      business: [1],
      photo: '',
      state: 'Active',
      location: 'Hamburg',
      position: 'Prospect',
      company: 'Private',
    });
    expect(posts[1]?.body).toEqual({ content: 'Please call after 6pm' });
    expect(JSON.stringify(await crm.requests(INSTANCE))).not.toContain('Bearer ');
  });

  it('answers "Email already exists" with the duplicate outcome', async () => {
    const response = await postLead(FORM, lead({ email: 'bestand@example.de' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'duplicate' });
  });
});
