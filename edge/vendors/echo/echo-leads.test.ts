import { beforeEach, describe, expect, inject, it } from 'vitest';
import type { FormSpec } from '../../../shared/form-spec';
import { simulatorClient } from '../../../tests/stack/simulator-client';
import { resetBindings } from '../../test-migrations';
import { postLead, request } from '../../test-support';

const FORM = 'test-echo';
const sim = simulatorClient(inject('simulators').echo);

beforeEach(async () => {
  await resetBindings();
  await sim.reset();
});

describe('a form of the echo vendor, through the Worker', () => {
  it('refuses a website that is not a web address, on that field', async () => {
    const lead = { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', custom: { website: 'ada.example.org' }, consent: { privacy: true } };
    const response = await postLead(FORM, lead);
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: { fields: unknown } }).error.fields).toEqual([{ field: 'custom.website', code: 'invalid_url' }]);
    expect(await sim.leads('echo-demo')).toEqual([]);
  });

  it('serves the fields its descriptor describes and delivers a lead to its store', async () => {
    const spec = (await (await request(`/v1/forms/${FORM}`)).json()) as FormSpec;
    expect(spec.fields.map((f) => [f.name, f.type])).toEqual([
      ['firstName', 'text'],
      ['lastName', 'text'],
      ['email', 'email'],
      ['custom.website', 'url'],
      ['note', 'textarea'],
      ['consent.privacy', 'consent'],
    ]);

    const lead = {
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: `ada.${Date.now()}@example.com`,
      custom: { website: 'https://ada.example.org' },
      note: 'Evenings',
      consent: { privacy: true },
    };
    const response = await postLead(FORM, lead, { 'Idempotency-Key': 'echo-route-0001' });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ status: 'delivered', submissionId: 'echo-route-0001' });
    expect(await sim.leads('echo-demo')).toEqual([
      expect.objectContaining({ reference: 'echo-route-0001', email: lead.email, website: 'https://ada.example.org', note: 'Evenings' }),
    ]);
  });
});
