import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { FormSpec } from '../shared/form-spec';
import { connectControl } from '../tests/stack/simulator-client';
import { CATALOG } from '../widget/i18n/catalog';
import { resetBindings } from './test-migrations';
import { postLead, request } from './test-support';

const FORM = 'demo-magicline';
const TENANT = 'connectdemo';
const sim = connectControl(inject('simulators')['magicline-connect']);

// Everything Leadgate sent had to pass the vendor's own OpenAPI file.
afterAll(async () => {
  expect(await sim.specViolations()).toEqual([]);
});

beforeEach(async () => {
  await resetBindings();
  await sim.reset();
});

async function spec(): Promise<FormSpec> {
  const response = await request(`/v1/forms/${FORM}?locale=de`);
  expect(response.status).toBe(200);
  return response.json();
}

let n = 0;
const lead = (overrides: Record<string, unknown> = {}) => ({
  studioId: '1229489601',
  firstName: 'Jonas',
  lastName: 'Becker',
  email: `jonas.${Date.now()}.${++n}@example.com`,
  birthDate: '1990-01-02',
  consent: { privacy: true },
  ...overrides,
});

describe('the demo-magicline form (Magicline Connect)', () => {
  it('offers the chain’s studios and the strictest of their field modes', async () => {
    const { fields } = await spec();
    const studio = fields.find((f) => f.name === 'studioId');
    expect(studio).toMatchObject({ type: 'select', required: true });
    expect(studio?.options?.map((o) => o.value)).toEqual(['1229489600', '1229489601', '1229489602']);
    expect(studio?.options?.every((o) => o.label?.startsWith('Iron Harbor'))).toBe(true);
    const byName = Object.fromEntries(fields.map((f) => [f.name, f]));
    expect(byName.email).toMatchObject({ required: true, maxLength: 300 });
    expect(byName.firstName).toMatchObject({ required: true, maxLength: 100 });
    expect(byName.note).toMatchObject({ maxLength: 1000 });
    expect(byName.birthDate?.required).toBe(true); // MANDATORY in one studio of the chain
    expect(byName['address.street']?.required).toBe(false); // OPTIONAL in one, INACTIVE in the others
    // Known by name across the chain: Schwabing's categories have other ids under the same names.
    const matrix = byName['consent.channels']?.matrix;
    expect(matrix?.categories.map((c) => [c.category, c.label])).toEqual([
      ['Newsletter', 'Newsletter'],
      ['Angebote & Aktionen', 'Angebote & Aktionen'],
    ]);
  });

  it('labels every channel of the consent matrix in each of the widget’s languages', async () => {
    const channels = new Set((await spec()).fields.flatMap((f) => f.matrix?.categories.flatMap((c) => c.channels) ?? []));
    expect(channels).toContain('MYSPORTS_MESSAGE');
    for (const [locale, messages] of Object.entries(CATALOG)) {
      for (const channel of channels)
        expect([locale, channel, (messages as Record<string, string>)[`channel.${channel}`]]).toEqual([locale, channel, expect.any(String)]);
    }
  });

  it('asks for the chain’s minimum age (Schwabing’s 16) and refuses a younger visitor before anything is sent', async () => {
    const birthDate = (await spec()).fields.find((f) => f.name === 'birthDate');
    expect(birthDate).toMatchObject({ required: true, minAge: 16 });
    const young = `${new Date().getUTCFullYear() - 15}-01-01`;
    const response = await postLead(FORM, lead({ studioId: '1229489602', birthDate: young }));
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: { fields: [{ field: 'birthDate', code: 'invalid_date' }] } });
    expect((await sim.requests(TENANT)).filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('sends the lead for the chosen studio with its campaign, locale and one preference per message category', async () => {
    const { fields } = await spec();
    const matrix = fields.find((f) => f.name === 'consent.channels')!.matrix!;
    const first = matrix.categories[0]!;
    const response = await postLead(
      FORM,
      lead({ consent: { privacy: true, channels: { [first.category]: [first.channels[0]] } }, language: 'de', attribution: { utm_campaign: 'ig-trial-week' } }),
    );
    expect(response.status).toBe(201);
    const [created] = (await sim.requests(TENANT)).filter((r) => r.method === 'POST');
    const body = created?.body as Record<string, unknown>;
    expect(body).toMatchObject({ studioId: 1229489601, firstname: 'Jonas', lastname: 'Becker', locale: 'de_DE', dateOfBirth: '1990-01-02' });
    expect(typeof body.sourceCampaignId).toBe('number');
    const preferences = body.communicationPreferences as { messageCategoryId: number; activeCommunicationChannels: string[] }[];
    const settings = (await sim.requests(TENANT)).filter((r) => r.path.includes('/communication-settings'));
    expect(settings.length).toBeGreaterThan(0);
    expect(new Set(preferences.map((p) => p.messageCategoryId)).size).toBe(preferences.length);
    // Altona's category of that name has the chain's id.
    const ids: Record<string, number> = { Newsletter: 1001, 'Angebote & Aktionen': 1002 };
    expect(preferences.find((p) => p.messageCategoryId === ids[first.category])?.activeCommunicationChannels).toContain(first.channels[0]);
    expect(body.privacyConfiguration).toMatchObject({
      [first.channels[0] === 'EMAIL' ? 'email' : first.channels[0] === 'PHONE' ? 'phone' : first.channels[0] === 'LETTER' ? 'letter' : 'textMessage']: true,
    });
  });

  it('sends no campaign when utm_campaign matches none of the studio’s campaigns', async () => {
    expect((await postLead(FORM, lead({ attribution: { utm_campaign: 'no-such-campaign' } }))).status).toBe(201);
    const [created] = (await sim.requests(TENANT)).filter((r) => r.method === 'POST');
    expect((created?.body as Record<string, unknown>).sourceCampaignId).toBeUndefined();
  });

  it('writes where the lead came from below the visitor’s message in notes', async () => {
    const attribution = { utm_source: 'instagram', utm_campaign: 'ig-trial-week', landingPage: 'https://www.ironharbor.example/probetraining' };
    expect((await postLead(FORM, lead({ note: 'Kommt mit Freundin', attribution }))).status).toBe(201);
    const [created] = (await sim.requests(TENANT)).filter((r) => r.method === 'POST');
    expect(created?.body).toMatchObject({
      notes:
        'Kommt mit Freundin\n\n— Leadgate attribution —\nSource: instagram\nCampaign: ig-trial-week\nLanding page: https://www.ironharbor.example/probetraining',
      sourceCampaignId: 3102,
    });
  });

  it('answers 409 CONFLICT with the duplicate outcome', async () => {
    const response = await postLead(FORM, lead({ email: 'bestand@example.de' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'duplicate' });
    expect(await sim.leads(TENANT)).toEqual([]);
  });

  it('asks which studio before anything is sent', async () => {
    const { studioId: _, ...noStudio } = lead();
    const response = await postLead(FORM, noStudio);
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: { fields: [{ field: 'studioId', code: 'required' }] } });
    expect((await sim.requests(TENANT)).filter((r) => r.method === 'POST')).toEqual([]);
  });
});
