import { type Context, Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import * as v from 'valibot';
import {
  DraftFormRequestSchema,
  type FormConfigCheck,
  type FormConfigIssue,
  type FormConfigView,
  type FormVersionAction,
  type FormVersionDetail,
  type FormVersionList,
  type FormVersionSummary,
  PublishFormRequestSchema,
  type PublishFormResult,
  RollbackFormRequestSchema,
  type SpecCachePurge,
} from '../../shared/admin-forms';
import { matchLocale } from '../../shared/locales';
import { mayUseForm } from '../admin-access/scoped-token';
import type { AppEnv } from '../app-env';
import { LeadgateError } from '../errors';
import { vendorRules } from '../form-rules';
import type { FormConfig } from '../forms/form-config';
import type { StoredFormConfig } from '../forms/form-store';
import { type FormVersion, formVersions } from '../forms/form-versions';
import { checkFormConfig, vendorOf } from '../forms/parse-forms-file';
import { forgetPublishedForm } from '../forms/published-forms';
import { missingSecretsOf } from '../forms/secret-names';
import { log } from '../logger';
import { jsonBody } from '../middleware/json-body';
import { recordAdminAction } from '../privacy/audit-log';
import { servedSpec } from '../served-spec';
import { expireRules } from '../vendors/rules-cache';

/** A form config is a few KB; the largest bundled one is under 4 KB. */
const MAX_CONFIG_BYTES = 64 * 1024;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A request body read with `schema`; else 400 INVALID_REQUEST naming each broken key of the body. */
async function bodyOf<S extends v.GenericSchema>(c: Context<AppEnv>, schema: S): Promise<v.InferOutput<S>> {
  const parsed = v.safeParse(schema, JSON.parse(await c.req.text()));
  if (parsed.success) return parsed.output;
  // valibot's own wording quotes the input; only the schemas' own messages and the key paths are answered.
  const issues = parsed.issues.map((issue) => ({
    path: v.getDotPath(issue) ?? '',
    message: issue.message.startsWith('Invalid key:') ? (issue.expected === 'never' ? 'is not a key here' : 'is required') : issue.message,
  }));
  throw new LeadgateError('INVALID_REQUEST', { detail: { issues } });
}

/** The config's problems, worded as `npm run check:forms` words them, and its id checked against the URL's. */
function checkDraft(formId: string, config: Record<string, unknown>): { form: FormConfig; issues: [] } | { form: undefined; issues: FormConfigIssue[] } {
  const checked = checkFormConfig(config);
  const idIssue: FormConfigIssue[] =
    typeof config.id === 'string' && config.id !== formId ? [{ path: 'id', message: `must be "${formId}", the form's id in the URL` }] : [];
  if (checked.success && idIssue.length === 0) return { form: checked.form, issues: [] };
  return { form: undefined, issues: [...(checked.success ? [] : checked.issues), ...idIssue] };
}

/** A config that can be published: valid, and every secret it names set on this Worker. Else 422, and nothing changes. */
function publishable(c: Context<AppEnv>, formId: string, config: Record<string, unknown>): FormConfig {
  const { form, issues } = checkDraft(formId, config);
  if (!form) throw new LeadgateError('FORM_CONFIG_INVALID', { detail: { issues } });
  const secrets = missingSecretsOf(form, c.env);
  if (secrets.length > 0) throw new LeadgateError('FORM_SECRET_MISSING', { detail: { secrets } });
  return form;
}

/** Key order aside, the same JSON: an unchanged config is not published as a new version. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function view(c: Context<AppEnv>, stored: StoredFormConfig): FormConfigView {
  const checked = checkFormConfig(stored.config);
  return {
    formId: stored.formId,
    version: stored.version,
    source: stored.source,
    config: stored.config,
    publishedAt: iso(stored.publishedAt),
    publishedBy: stored.publishedBy,
    missingSecrets: checked.success ? missingSecretsOf(checked.form, c.env) : [],
  };
}

const summaryOf = (row: FormVersion): FormVersionSummary => ({
  version: row.version,
  action: row.action,
  publishedAt: new Date(row.publishedAt).toISOString(),
  publishedBy: row.publishedBy,
  note: row.note,
});

/**
 * Clears what a form's spec is built from: this isolate's copy of the form,
 * and the vendor's rules for its connection, fetched anew before this answers
 * (while the vendor is down the old rules stay, stale-if-error). Other
 * isolates read the form again within FORM_CACHE_TTL_SECONDS.
 */
async function purgeSpec(c: Context<AppEnv>, form: FormConfig | undefined, formId: string): Promise<void> {
  forgetPublishedForm(formId);
  if (!form) return;
  const vendor = vendorOf(form);
  if (!(await expireRules(c.env.RULES_CACHE, vendor.rulesKey))) return;
  const refreshes: Promise<unknown>[] = [];
  try {
    await vendorRules(form, c.env, {
      waitUntil: (promise) => refreshes.push(promise),
      log: (level, event, detail) => log(level, event, c, detail),
    });
    await Promise.all(refreshes);
  } catch (error) {
    // A form that cannot reach its vendor (or lacks a secret) is purged all the same; its next spec says why.
    log('warn', 'spec_purge_refresh_failed', c, { error: (error as Error).name });
  }
}

/**
 * A new version over `baseVersion`: 409 FORM_VERSION_CONFLICT when someone
 * else published since, nothing written and 200 `changed: false` when the
 * config is the current one; else appended, audited and the spec purged.
 */
async function publishVersion(
  c: Context<AppEnv>,
  entry: { formId: string; baseVersion: number; config: Record<string, unknown>; form: FormConfig; action: FormVersionAction; note?: string | undefined },
) {
  const { formId, baseVersion } = entry;
  const current = await c.var.forms.config(formId);
  const currentVersion = current?.version ?? 0;
  if (baseVersion !== currentVersion) throw new LeadgateError('FORM_VERSION_CONFLICT', { detail: { expectedVersion: baseVersion, currentVersion } });
  if (current && canonical(current.config) === canonical(entry.config)) return c.json({ ...view(c, current), changed: false } satisfies PublishFormResult);
  const now = Date.now();
  const actor = c.get('adminActor');
  const appended = await formVersions(c.env.DB).append({ ...entry, publishedBy: actor }, now);
  if (!appended.ok) throw new LeadgateError('FORM_VERSION_CONFLICT', { detail: { expectedVersion: baseVersion, currentVersion: appended.currentVersion } });
  await recordAdminAction(
    c.env.DB,
    { actor, action: `form_${entry.action}`, formId, target: `version:${appended.version}`, count: 1, requestId: c.get('requestId') },
    now,
  );
  log('info', 'form_published', c, { formId, version: appended.version, action: entry.action });
  await purgeSpec(c, entry.form, formId);
  const stored: StoredFormConfig = { formId, version: appended.version, source: 'published', config: entry.config, publishedAt: now, publishedBy: actor };
  return c.json({ ...view(c, stored), changed: true } satisfies PublishFormResult);
}

/** GET `config`: the form's config as written, its version and source, and the secrets it lacks. */
async function showFormConfig(c: Context<AppEnv>) {
  const stored = await c.var.forms.config(c.req.param('formId') ?? '');
  if (!stored) throw new LeadgateError('FORM_NOT_FOUND');
  return c.json(view(c, stored) satisfies FormConfigView);
}

/** PUT `config`: publishes a new version (or creates the form, global token, baseVersion 0). */
async function publishFormConfig(c: Context<AppEnv>) {
  const formId = c.req.param('formId') ?? '';
  const { baseVersion, config, note, action } = await bodyOf(c, PublishFormRequestSchema);
  const form = publishable(c, formId, config);
  return publishVersion(c, { formId, baseVersion, config, form, action: action ?? 'publish', note });
}

/** POST `config/check`: the editor's verdict on a draft; nothing is stored. */
async function checkFormDraft(c: Context<AppEnv>) {
  const { config } = await bodyOf(c, DraftFormRequestSchema);
  const { form, issues } = checkDraft(c.req.param('formId') ?? '', config);
  const missingSecrets = form ? missingSecretsOf(form, c.env) : [];
  return c.json({ ok: issues.length === 0 && missingSecrets.length === 0, issues, missingSecrets } satisfies FormConfigCheck);
}

/** POST `config/preview`: the FormSpec the widget would render for a draft, built as GET /v1/forms/:id builds it. */
async function previewFormDraft(c: Context<AppEnv>) {
  const formId = c.req.param('formId') ?? '';
  const { config, locale } = await bodyOf(c, DraftFormRequestSchema);
  const form = publishable(c, formId, config);
  c.set('form', form);
  const spec = await servedSpec(c, (locale === undefined ? undefined : matchLocale([locale])) ?? form.defaultLocale);
  return c.json({ spec });
}

/** GET `config/versions`: the form's published versions, newest first (none for a form only in a file). */
async function listFormVersions(c: Context<AppEnv>) {
  const rows = await formVersions(c.env.DB).history(c.get('form').id);
  return c.json({ versions: rows.map(summaryOf) } satisfies FormVersionList);
}

const VersionParamSchema = v.pipe(v.string(), v.regex(/^[1-9]\d{0,8}$/), v.transform(Number));

/** GET `config/versions/:version`: one version with its config. */
async function showFormVersion(c: Context<AppEnv>) {
  const version = v.safeParse(VersionParamSchema, c.req.param('version'));
  const row = version.success ? await formVersions(c.env.DB).version(c.get('form').id, version.output) : undefined;
  if (!row) throw new LeadgateError('FORM_VERSION_NOT_FOUND');
  return c.json({ ...summaryOf(row), formId: row.formId, config: row.config } satisfies FormVersionDetail);
}

/** POST `config/rollback`: an earlier version's config published again, as a new version. */
async function rollbackFormConfig(c: Context<AppEnv>) {
  const formId = c.get('form').id;
  const { version, baseVersion, note } = await bodyOf(c, RollbackFormRequestSchema);
  const row = await formVersions(c.env.DB).version(formId, version);
  if (!row) throw new LeadgateError('FORM_VERSION_NOT_FOUND');
  // Checked again: the schema, or the Worker's secrets, may have changed since that version.
  const form = publishable(c, formId, row.config);
  return publishVersion(c, { formId, baseVersion, config: row.config, form, action: 'rollback', note: note ?? `rollback to version ${version}` });
}

/** POST `spec-cache/purge`: the form's next spec is built from D1 and the vendor's rules as they are now. */
async function purgeSpecCache(c: Context<AppEnv>) {
  const form = c.get('form');
  await purgeSpec(c, form, form.id);
  await recordAdminAction(c.env.DB, { actor: c.get('adminActor'), action: 'spec_purge', formId: form.id, requestId: c.get('requestId') });
  return c.json({ purged: true } satisfies SpecCachePurge);
}

/**
 * `:formId` for the config routes: a scoped token's own forms only (404
 * FORM_NOT_FOUND for any other, as for a form that does not exist). A form
 * that does not exist yet passes for the global token's PUT, which creates it,
 * and its check of the config first (`npm run forms -- import` checks every form before it publishes any).
 */
const creatable = (method: string, path: string) => (method === 'PUT' && /\/config$/.test(path)) || (method === 'POST' && /\/config\/check$/.test(path));

const configFormContext = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const formId = c.req.param('formId') ?? '';
    if (!mayUseForm(c.var.adminForms, formId)) throw new LeadgateError('FORM_NOT_FOUND');
    const form = await c.var.forms.find(formId);
    if (form) c.set('form', form);
    // A scoped token edits the forms it is given; only the global token creates a form, or checks one it is about to create.
    else if (!(c.var.adminForms === null && creatable(c.req.method, c.req.path))) throw new LeadgateError('FORM_NOT_FOUND');
    await next();
  });

/**
 * `/v1/admin/forms/:formId/config…` and `/spec-cache/purge`: forms at run
 * time. A publish is checked with the forms file's schema, refused while it
 * names a Worker secret the Worker lacks, versioned (409 over a stale
 * version), audited, and in effect without a deploy (see published-forms.ts).
 * admin.ts mounts it behind the admin guard, before the form context of the
 * other form routes, so that a PUT can create a form.
 */
export const adminFormRoutes = new Hono<AppEnv>();

const body = jsonBody({ maxBytes: MAX_CONFIG_BYTES });
adminFormRoutes.use('/forms/:formId/config', configFormContext());
adminFormRoutes.use('/forms/:formId/config/*', configFormContext());
adminFormRoutes.use('/forms/:formId/spec-cache/*', configFormContext());
adminFormRoutes.get('/forms/:formId/config', showFormConfig);
adminFormRoutes.put('/forms/:formId/config', body, publishFormConfig);
adminFormRoutes.post('/forms/:formId/config/check', body, checkFormDraft);
adminFormRoutes.post('/forms/:formId/config/preview', body, previewFormDraft);
adminFormRoutes.get('/forms/:formId/config/versions', listFormVersions);
adminFormRoutes.get('/forms/:formId/config/versions/:version', showFormVersion);
adminFormRoutes.post('/forms/:formId/config/rollback', body, rollbackFormConfig);
adminFormRoutes.post('/forms/:formId/spec-cache/purge', purgeSpecCache);
