import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import type { FormSpec } from '../shared/form-spec';
import { simulatorClient } from '../tests/stack/simulator-client';
import { resetBindings } from './test-migrations';
import { postLead, request, secretValues } from './test-support';

const FORM = 'demo-perfectgym-classic';
// GB as default country, and existingMember "duplicate" (tests/test-forms.json).
const GB_FORM = 'test-perfectgym-classic-gb';
const SUB = 'ironharbor';
const pgm = simulatorClient(inject('simulators')['perfectgym-classic']);

beforeEach(async () => {
  await resetBindings();
  await pgm.reset();
});

let n = 0;
const lead = (overrides: Record<string, unknown> = {}) => ({
  firstName: 'Lena',
  lastName: 'Koch',
  email: `lena.${Date.now()}.${++n}@example.com`,
  consent: { privacy: true },
  ...overrides,
});

function expectNoSecretIn(text: string) {
  for (const secret of secretValues()) expect(text).not.toContain(secret);
}

describe('the demo-perfectgym-classic form', () => {
  it('asks for names, email, an optional phone, privacy and one marketing checkbox, and shows no secret', async () => {
    const response = await request(`/v1/forms/${FORM}`);
    const text = await response.text();
    const spec = JSON.parse(text) as FormSpec;
    expect(spec.fields.map((f) => [f.name, f.type, f.required])).toEqual([
      ['firstName', 'text', true],
      ['lastName', 'text', true],
      ['email', 'email', true],
      ['phone', 'tel', false],
      ['consent.privacy', 'consent', true],
      ['consent.marketing', 'consent', false],
    ]);
    expect(spec.fields.find((f) => f.name === 'phone')?.help).toBe('With your country code, e.g. +44 20 7946 0958.');
    expectNoSecretIn(text);
    expect(text).not.toMatch(/ironharbor|8797|clubId|agreement/i);
  });

  it('adds the lead with the form’s club, defaults and agreements, and answers 201', async () => {
    const given = lead({ phone: '+44 20 7946 0958', consent: { privacy: true, marketing: true } });
    const response = await postLead(FORM, given);
    const text = await response.text();
    expect(response.status).toBe(201);
    expect(JSON.parse(text)).toMatchObject({ status: 'delivered' });
    expectNoSecretIn(text);
    const [lookup, added] = await pgm.requests(SUB);
    expect([lookup?.endpoint, added?.endpoint]).toEqual(['members', 'add-lead']);
    expect(added?.body).toEqual({
      firstName: 'Lena',
      lastName: 'Koch',
      email: given.email,
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
    expect(JSON.stringify(await pgm.requests(SUB))).not.toContain(env.PG_CLASSIC_DEMO_CLIENT_SECRET);
  });

  it('still sends a member’s enquiry as a lead, and answers 201', async () => {
    const response = await postLead(FORM, lead({ email: 'Bestand@example.de' }));
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ status: 'delivered' });
    expect((await pgm.requests(SUB)).map((r) => r.endpoint)).toEqual(['members', 'add-lead']);
    expect(await pgm.leads(SUB)).toMatchObject([{ email: 'Bestand@example.de' }]);
  });

  it('sends the lead when the member lookup fails, instead of holding it', async () => {
    await pgm.fault({ tenant: SUB, endpoint: 'members', mode: 'fail', status: 500 });
    const response = await postLead(FORM, lead());
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ status: 'delivered' });
    expect(await pgm.leads(SUB)).toHaveLength(1);
  });

  it('puts a phone number it cannot read as E.164 on the phone field, and sends nothing to PGM', async () => {
    const response = await postLead(FORM, lead({ phone: '020 7946 0958' }));
    const text = await response.text();
    expect(response.status).toBe(422);
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'VALIDATION_FAILED', fields: [{ field: 'phone', code: 'invalid_phone' }] } });
    expectNoSecretIn(text);
    expect((await pgm.requests(SUB)).map((r) => r.endpoint)).toEqual([]);
  });

  it('sends a national number as E.164 with the form’s default country', async () => {
    const response = await postLead(GB_FORM, lead({ phone: '020 7946 0958' }));
    expect(response.status).toBe(201);
    expect(await pgm.leads(SUB)).toMatchObject([{ phone: '+442079460958' }]);
  });

  it('answers a member’s email with the duplicate outcome on a form that says existingMember "duplicate", and adds no lead', async () => {
    const response = await postLead(GB_FORM, lead({ email: 'bestand@example.de' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'duplicate' });
    expect((await pgm.requests(SUB)).map((r) => r.endpoint)).toEqual(['members']);
    expect(await pgm.leads(SUB)).toEqual([]);
  });

  it('refuses a message: AddLead has nowhere to put it', async () => {
    const response = await postLead(FORM, lead({ note: 'Mornings suit me' }));
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', fields: [{ field: 'note', code: 'unknown_field' }] } });
    expect(await pgm.requests(SUB)).toEqual([]);
  });

  it('stores and queues the lead when PGM is unavailable, and says nothing of it to the visitor', async () => {
    await pgm.fault({ tenant: SUB, endpoint: 'add-lead', mode: 'fail', status: 503, count: 1 });
    const response = await postLead(FORM, lead());
    const text = await response.text();
    expect(response.status).toBe(202);
    expect(JSON.parse(text)).toMatchObject({ status: 'accepted' });
    expect(text).not.toMatch(/Service Unavailable|html/i);
    expectNoSecretIn(text);
  });
});
