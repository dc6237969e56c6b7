import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import demoForms from '../../demo-forms.json';
import type { FormConfigCheck, FormConfigView, FormVersionDetail, FormVersionList, PublishFormResult } from '../../shared/admin-forms';
import type { CreatedAdminToken } from '../../shared/admin-tokens';
import type { ApiErrorBody } from '../../shared/api-error';
import type { FormSpec } from '../../shared/form-spec';
import { adminTokenStore } from '../admin-access/admin-token-store';
import { resetBindings } from '../test-migrations';
import { adminRequest, perfectGymLead, postLead, request, sim } from '../test-support';
import { FORM_CACHE_TTL_SECONDS } from './published-forms';

const FORM = 'demo-perfectgym';
const OTHER = 'demo-magicline-open';
const NEW_ORIGIN = 'https://new-gym.example';
const bundled = () => structuredClone(demoForms.forms.find((form) => form.id === FORM)!) as Record<string, unknown> & (typeof demoForms.forms)[number];

beforeEach(async () => {
  await resetBindings();
  await sim.reset();
});

const json = { 'Content-Type': 'application/json' };

function put(formId: string, body: unknown, token?: string): Promise<Response> {
  const init = { method: 'PUT', headers: json, body: JSON.stringify(body) };
  return token ? asToken(token, `/forms/${formId}/config`, init) : adminRequest(`/forms/${formId}/config`, init);
}

function post(path: string, body: unknown): Promise<Response> {
  return adminRequest(path, { method: 'POST', headers: json, body: JSON.stringify(body) });
}

function asToken(token: string, path: string, init: RequestInit = {}): Promise<Response> {
  return request(`/v1/admin${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, ...init.headers } });
}

async function errorOf(response: Response): Promise<ApiErrorBody['error']> {
  return ((await response.json()) as ApiErrorBody).error;
}

async function configOf(formId: string): Promise<FormConfigView> {
  const response = await adminRequest(`/forms/${formId}/config`);
  expect(response.status).toBe(200);
  return response.json();
}

async function specOf(formId: string, locale = 'en'): Promise<FormSpec> {
  const response = await request(`/v1/forms/${formId}?locale=${locale}`, { headers: { Origin: 'http://localhost:8800' } });
  expect(response.status).toBe(200);
  return response.json();
}

async function auditRows(): Promise<Record<string, unknown>[]> {
  return (await env.DB.prepare('SELECT actor, action, form_id, target FROM admin_audit ORDER BY seq').all()).results;
}

/** The bundled demo form with a new title and one more allowed origin. */
function edited(title = 'Train with us, free') {
  const config = bundled();
  config.texts!.en.title = title;
  config.allowedOrigins = [...config.allowedOrigins, NEW_ORIGIN];
  return config;
}

describe('publishing a form', () => {
  it('shows a bundled form as version 0 from the file, its JSON as in demo-forms.json', async () => {
    const view = await configOf(FORM);
    expect(view).toEqual({ formId: FORM, version: 0, source: 'file', config: bundled(), publishedAt: null, publishedBy: null, missingSecrets: [] });
  });

  it('takes effect at once, without a deploy: the public spec and a lead use the new config', async () => {
    const origin = { Origin: NEW_ORIGIN };
    expect((await postLead(FORM, perfectGymLead(), origin)).status).toBe(403);

    const response = await put(FORM, { baseVersion: 0, config: edited(), note: 'spring campaign' });
    expect(response.status).toBe(200);
    const result = (await response.json()) as PublishFormResult;
    expect(result).toMatchObject({ formId: FORM, version: 1, source: 'published', changed: true, publishedBy: 'admin', missingSecrets: [] });

    expect((await specOf(FORM)).texts.title).toBe('Train with us, free');
    expect((await postLead(FORM, perfectGymLead(), origin)).status).toBe(201);
    expect((await configOf(FORM)).config).toEqual(edited());
  });

  it('creates a new form when the global token publishes over version 0', async () => {
    const config = { ...edited(), id: 'new-gym' };
    const response = await put('new-gym', { baseVersion: 0, config });
    expect(response.status).toBe(200);
    expect((await specOf('new-gym')).texts.title).toBe('Train with us, free');
    const list = (await adminRequest('/forms/new-gym/config/versions').then((r) => r.json())) as FormVersionList;
    expect(list.versions.map((entry) => [entry.version, entry.action])).toEqual([[1, 'publish']]);
  });

  it('checks a form the global token has not created yet (as an import does before it publishes), storing nothing', async () => {
    const good = (await (await post('/forms/new-gym/config/check', { config: { ...edited(), id: 'new-gym' } })).json()) as FormConfigCheck;
    expect(good).toEqual({ ok: true, issues: [], missingSecrets: [] });
    const bad = (await (await post('/forms/new-gym/config/check', { config: { ...edited(), id: 'new-gym', colour: 'red' } })).json()) as FormConfigCheck;
    expect([bad.ok, bad.issues[0]?.path]).toEqual([false, 'colour']);
    expect((await adminRequest('/forms/new-gym/config')).status).toBe(404);
    // Only checking: a preview or a rollback of a form that does not exist is still 404.
    expect((await post('/forms/new-gym/config/preview', { config: { ...edited(), id: 'new-gym' } })).status).toBe(404);
  });

  it('refuses the second of two publishes over the same version with 409 and both versions, and keeps the first', async () => {
    expect((await put(FORM, { baseVersion: 0, config: edited('First editor') })).status).toBe(200);
    const second = await put(FORM, { baseVersion: 0, config: edited('Second editor') });
    expect(second.status).toBe(409);
    expect(await errorOf(second)).toMatchObject({ code: 'FORM_VERSION_CONFLICT', expectedVersion: 0, currentVersion: 1 });
    expect((await specOf(FORM)).texts.title).toBe('First editor');
  });

  it('lets only one of two simultaneous publishes win', async () => {
    const [a, b] = await Promise.all([put(FORM, { baseVersion: 0, config: edited('A') }), put(FORM, { baseVersion: 0, config: edited('B') })]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const versions = (await adminRequest(`/forms/${FORM}/config/versions`).then((r) => r.json())) as FormVersionList;
    expect(versions.versions).toHaveLength(1);
  });

  it('refuses an invalid config with 422, every problem at its path, and changes nothing', async () => {
    const config: Record<string, unknown> = edited();
    config.defaultLocal = 'de';
    delete config.defaultLocale;
    config.connection = { baseUrl: 'not a url', apiKeySecret: 'pg-demo-key' };
    const response = await put(FORM, { baseVersion: 0, config });
    expect(response.status).toBe(422);
    const error = await errorOf(response);
    expect(error.code).toBe('FORM_CONFIG_INVALID');
    expect(error.issues).toEqual(
      expect.arrayContaining([
        { path: 'defaultLocal', message: 'is not a key here; did you mean "defaultLocale"?' },
        { path: 'connection.baseUrl', message: 'must be an absolute URL' },
        { path: 'connection.apiKeySecret', message: 'must be the NAME of a Worker secret (A-Z, 0-9, _), never the secret itself' },
      ]),
    );
    expect(error.issues!.length).toBeGreaterThanOrEqual(4);
    expect((await configOf(FORM)).version).toBe(0);
    expect((await adminRequest(`/forms/${FORM}/config/versions`).then((r) => r.json())) as FormVersionList).toEqual({ versions: [] });
    expect(await auditRows()).toEqual([]);
  });

  it("refuses a config whose id is not the URL's", async () => {
    const response = await put(FORM, { baseVersion: 0, config: { ...edited(), id: 'another-form' } });
    expect(response.status).toBe(422);
    expect((await errorOf(response)).issues).toEqual([{ path: 'id', message: `must be "${FORM}", the form's id in the URL` }]);
  });

  it('refuses a config naming a Worker secret the Worker lacks with 422 and its name, and changes nothing', async () => {
    const config = edited();
    config.connection.apiKeySecret = 'PG_NOT_SET_ANYWHERE';
    const response = await put(FORM, { baseVersion: 0, config });
    expect(response.status).toBe(422);
    expect(await errorOf(response)).toMatchObject({ code: 'FORM_SECRET_MISSING', secrets: ['PG_NOT_SET_ANYWHERE'] });
    expect(JSON.stringify(await errorOf(await put(FORM, { baseVersion: 0, config })))).not.toContain(env.PG_DEMO_API_KEY);
    expect((await configOf(FORM)).version).toBe(0);

    const check = (await (await post(`/forms/${FORM}/config/check`, { config })).json()) as FormConfigCheck;
    expect(check).toEqual({ ok: false, issues: [], missingSecrets: ['PG_NOT_SET_ANYWHERE'] });
  });

  it('says nothing changed when the config is the current one', async () => {
    const first = (await (await put(FORM, { baseVersion: 0, config: bundled() })).json()) as PublishFormResult;
    expect(first).toMatchObject({ version: 0, source: 'file', changed: false });
    await put(FORM, { baseVersion: 0, config: edited() });
    const again = (await (await put(FORM, { baseVersion: 1, config: edited() })).json()) as PublishFormResult;
    expect(again).toMatchObject({ version: 1, changed: false });
    expect(((await adminRequest(`/forms/${FORM}/config/versions`).then((r) => r.json())) as FormVersionList).versions).toHaveLength(1);
  });

  it('rolls back to an earlier version as a new version, in effect at once', async () => {
    await put(FORM, { baseVersion: 0, config: edited('Version one') });
    await put(FORM, { baseVersion: 1, config: edited('Version two') });
    expect((await specOf(FORM)).texts.title).toBe('Version two');

    const stale = await post(`/forms/${FORM}/config/rollback`, { version: 1, baseVersion: 1 });
    expect(stale.status).toBe(409);
    const response = await post(`/forms/${FORM}/config/rollback`, { version: 1, baseVersion: 2 });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ version: 3, changed: true });
    expect((await specOf(FORM)).texts.title).toBe('Version one');

    const history = (await adminRequest(`/forms/${FORM}/config/versions`).then((r) => r.json())) as FormVersionList;
    expect(history.versions.map((entry) => [entry.version, entry.action, entry.note])).toEqual([
      [3, 'rollback', 'rollback to version 1'],
      [2, 'publish', null],
      [1, 'publish', null],
    ]);
    const one = (await adminRequest(`/forms/${FORM}/config/versions/1`).then((r) => r.json())) as FormVersionDetail;
    expect(one).toMatchObject({ formId: FORM, version: 1, action: 'publish', publishedBy: 'admin' });
    expect(one.config).toEqual(edited('Version one'));
    expect((await errorOf(await adminRequest(`/forms/${FORM}/config/versions/9`))).code).toBe('FORM_VERSION_NOT_FOUND');
    expect((await post(`/forms/${FORM}/config/rollback`, { version: 9, baseVersion: 3 })).status).toBe(404);
  });

  it('previews a draft as the public spec would be, and checks one, storing nothing', async () => {
    const preview = await post(`/forms/${FORM}/config/preview`, { config: edited('Draft title'), locale: 'en' });
    expect(preview.status).toBe(200);
    const { spec } = (await preview.json()) as { spec: FormSpec };
    const published = await specOf(FORM);
    expect(spec.texts.title).toBe('Draft title');
    expect(spec.fields).toEqual(published.fields);
    expect(published.texts.title).not.toBe('Draft title');

    const invalid = await post(`/forms/${FORM}/config/preview`, { config: { ...edited(), colour: 'red' } });
    expect(invalid.status).toBe(422);
    const check = (await (await post(`/forms/${FORM}/config/check`, { config: { ...edited(), colour: 'red' } })).json()) as FormConfigCheck;
    expect(check.ok).toBe(false);
    expect(check.issues[0]?.path).toBe('colour');
    expect((await configOf(FORM)).version).toBe(0);
  });

  it('answers a body that is not a publish with 400 naming its keys', async () => {
    const response = await put(FORM, { config: edited() });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ code: 'INVALID_REQUEST', issues: [{ path: 'baseVersion', message: 'is required' }] });
  });

  it('purges the cached spec: the next spec reads the vendor rules anew', async () => {
    await specOf(FORM);
    const before = (await sim.requests()).length;
    const response = await adminRequest(`/forms/${FORM}/spec-cache/purge`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ purged: true });
    expect((await sim.requests()).length).toBeGreaterThan(before);
    await specOf(FORM);
  });

  it('audits every publish, rollback, import and purge with the actor, never the config', async () => {
    await put(FORM, { baseVersion: 0, config: edited('One') });
    await put(FORM, { baseVersion: 1, config: edited('Two'), action: 'import' });
    await post(`/forms/${FORM}/config/rollback`, { version: 1, baseVersion: 2 });
    await adminRequest(`/forms/${FORM}/spec-cache/purge`, { method: 'POST' });
    expect(await auditRows()).toEqual([
      { actor: 'admin', action: 'form_publish', form_id: FORM, target: 'version:1' },
      { actor: 'admin', action: 'form_import', form_id: FORM, target: 'version:2' },
      { actor: 'admin', action: 'form_rollback', form_id: FORM, target: 'version:3' },
      { actor: 'admin', action: 'spec_purge', form_id: FORM, target: null },
    ]);
  });

  it(`keeps its copy of a published form at most ${FORM_CACHE_TTL_SECONDS} s`, () => {
    expect(FORM_CACHE_TTL_SECONDS).toBeLessThanOrEqual(60);
  });
});

describe('scoped tokens and forms', () => {
  async function createToken(forms: string[]): Promise<CreatedAdminToken> {
    const response = await post('/tokens', { forms, label: 'agency' });
    expect(response.status).toBe(201);
    return response.json();
  }

  it('edit their own forms, and are audited as themselves', async () => {
    const { token, id } = await createToken([FORM]);
    const response = await put(FORM, { baseVersion: 0, config: edited() }, token);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ version: 1, publishedBy: `token:${id}` });
    expect((await asToken(token, `/forms/${FORM}/config/versions`)).status).toBe(200);
    expect(await auditRows()).toContainEqual({ actor: `token:${id}`, action: 'form_publish', form_id: FORM, target: 'version:1' });
  });

  it("see another form's config as a form that does not exist, and cannot publish it", async () => {
    const { token } = await createToken([FORM]);
    const other = await asToken(token, `/forms/${OTHER}/config`);
    const missing = await asToken(token, '/forms/no-such-form/config');
    expect([other.status, missing.status]).toEqual([404, 404]);
    expect(await other.text()).toBe(await missing.text());
    const config = { ...demoForms.forms.find((form) => form.id === OTHER)!, defaultLocale: 'en' };
    expect((await put(OTHER, { baseVersion: 0, config }, token)).status).toBe(404);
    expect((await configOf(OTHER)).version).toBe(0);
  });

  it('cannot create a new form, even one named in their list', async () => {
    // The API makes tokens for forms that exist only; a token naming one that does not is made here in D1 directly.
    const { token } = await adminTokenStore(env).create([FORM, 'brand-new-gym'], 'agency');
    const response = await put('brand-new-gym', { baseVersion: 0, config: { ...edited(), id: 'brand-new-gym' } }, token);
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('FORM_NOT_FOUND');
    expect((await adminRequest('/forms/brand-new-gym/config')).status).toBe(404);
    expect((await asToken(token, '/forms/brand-new-gym/config/check', { method: 'POST', headers: json, body: JSON.stringify({ config: {} }) })).status).toBe(
      404,
    );
  });
});
