import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import type { FormSpec } from '../shared/form-spec';
import type { Proof } from '../shared/submission';
import { virtuagymControl } from '../tests/stack/simulator-client';
import { resetBindings } from './test-migrations';
import { deliveryOf, humanProof, postLead, request, secretValues } from './test-support';

const FORM = 'demo-virtuagym';
const CLUB = 41234;
const vg = virtuagymControl(inject('simulators').virtuagym);

beforeEach(async () => {
  await resetBindings(); // also drops the token brokers' cached tokens
  await vg.reset();
});

let n = 0;
const lead = (overrides: Record<string, unknown> = {}) => ({
  firstName: 'Sanne',
  lastName: 'de Vries',
  email: `sanne.${Date.now()}.${++n}@example.com`,
  consent: { privacy: true },
  ...overrides,
});

/** The second step as the widget sends it: the answers, the first step's profile key, a person's proof unless `proof` says otherwise. */
async function postProfile(submissionId: string, profile: unknown, profileKey: string | undefined, proof?: Proof | null): Promise<Response> {
  const evidence = proof === undefined ? await humanProof(FORM) : proof;
  return request(`/v1/forms/${FORM}/leads/${submissionId}/profile`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:8800' },
    body: JSON.stringify({ profile, ...(profileKey === undefined ? {} : { profileKey }), ...(evidence === null ? {} : { proof: evidence }) }),
  });
}

/** A delivered lead under `key`, and the profile key its answer gave the widget. */
async function delivered(key: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await postLead(FORM, lead(overrides), { 'Idempotency-Key': key });
  expect(response.status).toBe(201);
  const { profileKey } = (await response.json()) as { profileKey?: string };
  expect(profileKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
  return profileKey!;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the demo-virtuagym form', () => {
  it('asks for names and "an email address or a phone number", and offers a second step', async () => {
    const spec: FormSpec = await (await request(`/v1/forms/${FORM}?locale=de`)).json();
    expect(spec.fields.map((f) => [f.name, f.required, f.maxLength])).toEqual([
      ['firstName', true, 50],
      ['lastName', true, 50],
      ['email', false, 60],
      ['phone', false, 42],
      ['note', false, 3500],
      ['consent.privacy', true, undefined],
    ]);
    expect(spec.rules).toEqual([{ kind: 'at-least-one', name: 'contact', fields: ['email', 'phone'] }]);
    expect(spec.profile?.title).toBe('Erzähl uns noch ein bisschen mehr (optional)');
    expect(spec.profile?.fields.map((f) => [f.name, f.type, f.label])).toEqual([
      ['profile.goal', 'select', 'Was ist dein wichtigstes Ziel?'],
      ['profile.trainingTime', 'multiselect', 'Wann trainierst du am liebsten?'],
      ['birthDate', 'date', undefined],
      ['gender', 'select', undefined],
    ]);
    expect(spec.profile?.fields.find((f) => f.name === 'gender')?.options?.map((o) => o.value)).toEqual(['female', 'male']);
    const text = JSON.stringify(spec);
    for (const secret of secretValues()) expect(text).not.toContain(secret);
  });

  it('creates the lead in Virtuagym’s documented shape with the form’s defaults and the submission id', async () => {
    const given = lead({ phone: '+31 6 12345678', note: 'Mornings suit me', language: 'nl' });
    const response = await postLead(FORM, given, { 'Idempotency-Key': 'vg-sub-0001-abc' });
    expect(response.status).toBe(201);
    const [created] = await vg.clubLeads(CLUB);
    expect(created).toMatchObject({
      firstname: 'Sanne',
      lastname: 'de Vries',
      email: given.email,
      phone: '+31 6 12345678',
      note: 'Mornings suit me',
      language: 'nl',
      status_id: '1',
      source_id: '2',
      external_id: 'vg-sub-0001-abc',
    });
    const token = (await vg.requests()).find((r) => r.path.endsWith('/openid-connect/token'));
    expect(token?.headers['x-represent-club-id']).toBe(String(CLUB));
    expect(JSON.stringify(await vg.requests())).not.toContain(env.VG_DEMO_CLIENT_SECRET);
  });

  it('enforces "an email address or a phone number" before anything is sent', async () => {
    const response = await postLead(FORM, lead({ email: '' }));
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', fields: [{ field: 'contact', code: 'one_required' }] } });
    expect(await vg.requests()).toEqual([]);
  });

  it('accepts a phone number alone', async () => {
    expect((await postLead(FORM, lead({ email: undefined, phone: '0612345678' }))).status).toBe(201);
  });

  it('sets the lead source the form maps the page’s utm_source to, else its default, with the attribution in the note', async () => {
    const landingPage = 'https://www.gym.example/free-week';
    expect((await postLead(FORM, lead({ note: 'Mornings suit me', attribution: { utm_source: 'Instagram', utm_medium: 'cpc', landingPage } }))).status).toBe(
      201,
    );
    expect((await postLead(FORM, lead({ attribution: { utm_source: 'tiktok', landingPage } }))).status).toBe(201);
    const leads = await vg.clubLeads(CLUB);
    expect(leads.map((l) => [l.source_id, l.note])).toEqual([
      ['12', `Mornings suit me\n\n— Leadgate attribution —\nSource: Instagram / cpc\nLanding page: ${landingPage}`],
      ['2', `— Leadgate attribution —\nSource: tiktok\nLanding page: ${landingPage}`],
    ]);
  });
});

describe('attribution and the Worker’s logs', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('never log an attribution value, delivered, held or updated', async () => {
    const lines: string[] = [];
    for (const method of ['log', 'info', 'warn', 'error'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        lines.push(args.map(String).join(' '));
      });
    }
    const attribution = {
      utm_source: 'instagram',
      utm_medium: 'zq-medium',
      utm_campaign: 'zq-campaign',
      gclid: 'zq-gclid',
      referrer: 'https://zq-referrer.example/',
      landingPage: 'https://zq-landing.example/',
    };
    const profileKey = await delivered('vg-logs-0001', { attribution });
    expect((await postProfile('vg-logs-0001', { profile: { goal: 'get-fit' } }, profileKey)).status).toBe(200);
    await vg.fault({ tenant: String(CLUB), endpoint: 'create', mode: 'fail', status: 403 });
    expect((await postLead(FORM, lead({ attribution }))).status).toBe(202);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((line) => /instagram|zq-/.test(line) || line.includes(profileKey))).toEqual([]);
  });
});

describe('Virtuagym tokens', () => {
  it('makes exactly one token request for 50 concurrent submissions with a cold cache', async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, () => postLead(FORM, lead())));
    expect(answers.map((r) => r.status)).toEqual(Array(50).fill(201));
    expect((await vg.tokens()).issued).toBe(1);
    expect(await vg.clubLeads(CLUB)).toHaveLength(50);
  });

  it('renews a token that expires mid-run exactly once per expiry, losing no lead', async () => {
    await vg.setTokenLifetime(env.VG_DEMO_CLIENT_ID, 2);
    const batch = async () => (await Promise.all(Array.from({ length: 10 }, () => postLead(FORM, lead())))).map((r) => r.status);
    const issued: number[] = [];
    for (let round = 0; round < 3; round++) {
      expect(await batch()).toEqual(Array(10).fill(201));
      issued.push((await vg.tokens()).issued);
      await sleep(2100); // past the vendor's expiry
    }
    expect(issued).toEqual([1, 2, 3]);
    expect(await vg.clubLeads(CLUB)).toHaveLength(30);
  }, 20_000);

  it('replaces a token the gateway refuses once, retries once, and delivers', async () => {
    expect((await postLead(FORM, lead())).status).toBe(201);
    await vg.revokeTokens(CLUB);
    const answers = await Promise.all(Array.from({ length: 10 }, () => postLead(FORM, lead())));
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect((await vg.tokens()).issued).toBe(2);
    expect(await vg.clubLeads(CLUB)).toHaveLength(11);
  });
});

describe('Virtuagym refusing the form’s setup', () => {
  const held = (id: string) => env.DB.prepare('SELECT status, error_code, lead_json FROM deliveries WHERE id = ?').bind(id).first<Record<string, string>>();

  it.each([
    ['invalid_client from the token endpoint', { endpoint: 'token' as const, status: 401 }, 'VENDOR_INVALID_CLIENT'],
    // Keycloak's 400 for a grant or scope it will never give this client (unsupported_grant_type, invalid_scope, …).
    ['a refused grant from the token endpoint', { endpoint: 'token' as const, status: 400 }, 'VENDOR_TOKEN_REFUSED'],
    ['403 for the club from the gateway', { endpoint: 'create' as const, status: 403 }, 'VENDOR_CLUB_FORBIDDEN'],
  ])('keeps the lead for an operator on %s', async (_name, fault, code) => {
    await vg.fault({ tenant: String(CLUB), mode: 'fail', ...fault });
    const key = `vg-held-${fault.endpoint}-0001`;
    const response = await postLead(FORM, lead(), { 'Idempotency-Key': key });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ status: 'accepted', submissionId: key });
    const row = await held(key);
    expect(row).toMatchObject({ status: 'queued', error_code: code });
    expect((await deliveryOf(FORM, key)).lead).toMatchObject({ firstName: 'Sanne' });
    expect(await vg.clubLeads(CLUB)).toEqual([]);
  });
});

describe('the second step', () => {
  it('updates the same lead with PUT of the full lead: what the first step sent, the standard fields, the questions in the note', async () => {
    const email = `profile.${Date.now()}@example.com`;
    const profileKey = await delivered('vg-profile-0001', { note: 'Mornings suit me', email });
    const response = await postProfile(
      'vg-profile-0001',
      {
        birthDate: '1992-03-04',
        gender: 'female',
        profile: { goal: 'build-muscle', trainingTime: ['morning', 'weekend'] },
      },
      profileKey,
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'updated', submissionId: 'vg-profile-0001' });
    const leads = await vg.clubLeads(CLUB);
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({
      birthday: '1992-03-04',
      gender: 'f',
      note: 'Mornings suit me\n\nWhat is your main goal?: Build muscle\nWhen do you prefer to train?: Mornings, Weekends',
      status_id: '1',
    });
    const put = (await vg.requests()).find((r) => r.method === 'PUT');
    // The doc gives update the same parameters as create: the whole lead, never just the changes.
    expect(put?.body).toEqual({
      firstname: 'Sanne',
      lastname: 'de Vries',
      email,
      birthday: '1992-03-04',
      gender: 'f',
      note: leads[0]!.note,
      status_id: 1,
      source: 2,
      external_id: 'vg-profile-0001',
    });
  });

  it('keeps the attribution block below the answers when the note is replaced', async () => {
    const profileKey = await delivered('vg-profile-0003', { note: 'Mornings suit me', attribution: { utm_source: 'google', utm_campaign: 'spring-2026' } });
    expect((await postProfile('vg-profile-0003', { profile: { goal: 'get-fit' } }, profileKey)).status).toBe(200);
    const put = (await vg.requests()).find((r) => r.method === 'PUT' && r.status === 200);
    expect(put?.body).toMatchObject({
      note: 'Mornings suit me\n\nWhat is your main goal?: Get fitter overall\n\n— Leadgate attribution —\nSource: google\nCampaign: spring-2026',
      source: 14,
    });
    expect((await vg.clubLeads(CLUB))[0]).toMatchObject({ source_id: '14', note: (put?.body as { note: string }).note });
  });

  it('never takes attribution from the second step', async () => {
    const profileKey = await delivered('vg-profile-0004', { attribution: { utm_source: 'google' } });
    expect((await postProfile('vg-profile-0004', { profile: { goal: 'get-fit' }, attribution: { utm_source: 'forged' } }, profileKey)).status).toBe(200);
    const put = (await vg.requests()).find((r) => r.method === 'PUT' && r.status === 200);
    expect(put?.body).toMatchObject({ note: 'What is your main goal?: Get fitter overall\n\n— Leadgate attribution —\nSource: google', source: 14 });
  });

  it('keeps the note of a long message and its answers within 3500 characters', async () => {
    const message = 'Ik train graag vroeg. '.repeat(157).trim(); // 3453 characters, near the form's 3500
    const profileKey = await delivered('vg-profile-0005', { note: message });
    const response = await postProfile('vg-profile-0005', { profile: { goal: 'build-muscle', trainingTime: ['morning', 'weekend'] } }, profileKey);
    expect(response.status).toBe(200);
    const note = (await vg.clubLeads(CLUB))[0]!.note as string;
    expect(note).toHaveLength(3500);
    expect(note.startsWith(`${message}\n\nWhat is your main goal?: Build muscle\nWhen`)).toBe(true);
    expect(note.endsWith('…')).toBe(true);
  });

  it('refuses an invalid answer with a field error and changes nothing', async () => {
    const profileKey = await delivered('vg-profile-0002');
    const response = await postProfile('vg-profile-0002', { profile: { goal: 'world-domination' } }, profileKey);
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', fields: [{ field: 'profile.goal', code: 'invalid_option' }] } });
    expect((await vg.requests()).some((r) => r.method === 'PUT')).toBe(false);
    // A refused answer does not spend the key: the corrected one goes through.
    expect((await postProfile('vg-profile-0002', { profile: { goal: 'get-fit' } }, profileKey)).status).toBe(200);
  });

  describe('its profile key', () => {
    const puts = async () => (await vg.requests()).filter((r) => r.method === 'PUT').length;
    const answer = { profile: { goal: 'get-fit' } };

    it('is refused without one (400), with nothing changed', async () => {
      await delivered('vg-key-0001');
      const response = await postProfile('vg-key-0001', answer, undefined);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'INVALID_REQUEST' } });
      expect(await puts()).toBe(0);
    });

    it('is refused with a wrong one, or another submission’s (409), with nothing changed', async () => {
      await delivered('vg-key-0002');
      const others = await delivered('vg-key-0003');
      for (const key of ['A'.repeat(43), others]) {
        const response = await postProfile('vg-key-0002', answer, key);
        expect(response.status).toBe(409);
        expect(await response.json()).toMatchObject({ error: { code: 'PROFILE_NOT_AVAILABLE' } });
      }
      expect(await puts()).toBe(0);
    });

    it('is spent by the update it authorised: a second use is refused (409)', async () => {
      const profileKey = await delivered('vg-key-0004');
      expect((await postProfile('vg-key-0004', answer, profileKey)).status).toBe(200);
      const again = await postProfile('vg-key-0004', { profile: { goal: 'build-muscle' } }, profileKey);
      expect(again.status).toBe(409);
      expect(await again.json()).toMatchObject({ error: { code: 'PROFILE_NOT_AVAILABLE' } });
      expect(await puts()).toBe(1);
    });

    it('makes one change of two steps sent at once with it', async () => {
      const profileKey = await delivered('vg-key-0005');
      const answers = await Promise.all([postProfile('vg-key-0005', answer, profileKey), postProfile('vg-key-0005', answer, profileKey)]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await puts()).toBe(1);
    });

    it('expires with the 24-hour window (409), with nothing changed', async () => {
      const profileKey = await delivered('vg-key-0006');
      // As if the lead had come in a day and a minute ago.
      await env.DB.prepare('UPDATE deliveries SET created_at = created_at - ?1 WHERE id = ?2')
        .bind(24 * 3_600_000 + 60_000, 'vg-key-0006')
        .run();
      expect((await postProfile('vg-key-0006', answer, profileKey)).status).toBe(409);
      expect(await puts()).toBe(0);
    });

    it('still needs a person’s proof: without one, or with the trap filled, refused (403) without spending the key', async () => {
      const profileKey = await delivered('vg-key-0007');
      for (const proof of [null, await humanProof(FORM, { trap: 'https://spam.example' })]) {
        const response = await postProfile('vg-key-0007', answer, profileKey, proof);
        expect(response.status).toBe(403);
        expect(await response.json()).toMatchObject({ error: { code: 'BOT_CHECK_FAILED' } });
      }
      expect(await puts()).toBe(0);
      expect((await postProfile('vg-key-0007', answer, profileKey)).status).toBe(200);
    });

    it('is given back when Virtuagym fails the update, so the visitor’s retry with it goes through', async () => {
      const profileKey = await delivered('vg-key-0010');
      await vg.fault({ tenant: String(CLUB), endpoint: 'update', mode: 'fail', status: 503, count: 1 });
      const failed = await postProfile('vg-key-0010', answer, profileKey);
      expect(failed.status).toBe(503);
      expect(await failed.json()).toMatchObject({ error: { code: 'VENDOR_UNAVAILABLE' } });
      const retried = await postProfile('vg-key-0010', answer, profileKey);
      expect(retried.status).toBe(200);
      expect(await retried.json()).toEqual({ status: 'updated', submissionId: 'vg-key-0010' });
    });

    it('comes only with the answer that delivered the lead, not with a repeat’s', async () => {
      const email = `repeat.${Date.now()}@example.com`;
      await delivered('vg-key-0008', { email });
      const repeat = await postLead(FORM, lead({ email }), { 'Idempotency-Key': 'vg-key-0008' });
      expect(repeat.status).toBe(201);
      expect(await repeat.json()).not.toHaveProperty('profileKey');
    });

    it('is stored only as a keyed hash', async () => {
      const profileKey = await delivered('vg-key-0009');
      const row = await env.DB.prepare('SELECT * FROM deliveries WHERE id = ?1').bind('vg-key-0009').first<Record<string, unknown>>();
      expect(row?.profile_key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(row)).not.toContain(profileKey);
    });
  });

  it('answers an unknown submission with 404 and a form without a second step with 409', async () => {
    const profileKey = await delivered('vg-profile-0006');
    expect((await postProfile('vg-nobody-0001', { gender: 'male' }, profileKey)).status).toBe(404);
    const other = await request('/v1/forms/demo-perfectgym/leads/vg-nobody-0001/profile', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:8800' },
      body: JSON.stringify({ profile: { gender: 'male' }, profileKey, proof: await humanProof('demo-perfectgym') }),
    });
    expect(other.status).toBe(409);
  });
});
