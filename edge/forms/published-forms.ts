import { log } from '../logger';
import type { FormConfig } from './form-config';
import type { FormStore } from './form-store';
import { type FormVersion, formVersions } from './form-versions';
import { checkForm } from './parse-forms-file';

/**
 * How long an isolate uses a published form it has read from D1 before it
 * reads it again: a publish reaches every isolate within this time, without a
 * deploy (the isolate that took the publish, at once). Under the spec's own
 * `max-age` (routes/spec.ts), so the Worker is never the slower of the two.
 */
export const FORM_CACHE_TTL_SECONDS = 10;

/** What a Worker entry module hands the routes, the queue consumer and the sweep: its forms, given the bindings of the moment. */
export type FormSource = (env: Env) => FormStore;

interface Cached<T> {
  readonly at: number;
  readonly value: T;
}

// Per isolate: a Worker has one D1 database.
const cache: { forms: Map<string, Cached<FormConfig | null>>; all?: Cached<FormConfig[]> } = { forms: new Map() };
// A checked form per version, so an unchanged form keeps its identity (what the spec memos key on).
const checked = new Map<string, FormConfig | null>();

/** A stored version as a checked form; null (and an error logged) when it no longer passes the schema, e.g. after an upgrade. */
function formOf(row: FormVersion): FormConfig | null {
  const key = `${row.formId}\u0000${row.version}\u0000${row.publishedAt}`;
  if (checked.has(key)) return checked.get(key)!;
  const result = checkForm(row.config);
  const form = result.success && result.form.id === row.formId ? result.form : null;
  // GUESS: the bundled form (if any) answers instead; an operator sees the error and publishes a fixed version.
  if (!form) log('error', 'published_form_invalid', undefined, { formId: row.formId, version: row.version });
  checked.set(key, form);
  return form;
}

const fresh = (entry: Cached<unknown> | undefined, now: number) => entry !== undefined && now - entry.at < FORM_CACHE_TTL_SECONDS * 1000;

/** Drops this isolate's copy of a form, so its next use reads D1 again: after a publish, a rollback or a purge. */
export function forgetPublishedForm(formId: string): void {
  cache.forms.delete(formId);
  delete cache.all;
}

/** Drops this isolate's copy of every published form (the tests, after emptying D1). */
export function forgetPublishedForms(): void {
  cache.forms.clear();
  delete cache.all;
}

/**
 * The bundled forms with those published in D1 over them: a published form
 * overrides the bundled form of the same id, and a form published under a new
 * id joins them. Read through a per-isolate cache of FORM_CACHE_TTL_SECONDS.
 */
export function formsWithPublished(bundled: FormStore, db: D1Database): FormStore {
  const versions = formVersions(db);
  return {
    async find(formId) {
      const now = Date.now();
      let entry = cache.forms.get(formId);
      if (!fresh(entry, now)) {
        const row = await versions.current(formId);
        entry = { at: now, value: row ? formOf(row) : null };
        cache.forms.set(formId, entry);
      }
      return entry!.value ?? bundled.find(formId);
    },
    async list() {
      const now = Date.now();
      if (!cache.all || !fresh(cache.all, now)) {
        const published = (await versions.currentAll()).map(formOf).filter((form): form is FormConfig => form !== null);
        const byId = new Map((await bundled.list()).map((form) => [form.id, form]));
        for (const form of published) byId.set(form.id, form);
        cache.all = { at: now, value: [...byId.values()].sort((a, b) => a.id.localeCompare(b.id)) };
      }
      return cache.all.value;
    },
    // The editor's view reads D1 each time: an operator sees what was just published, whatever this isolate holds.
    async config(formId) {
      const row = await versions.current(formId);
      if (!row) return bundled.config(formId);
      return { formId, version: row.version, source: 'published', config: row.config, publishedAt: row.publishedAt, publishedBy: row.publishedBy };
    },
  };
}

/** A Worker's forms: the bundled ones, with those published in the request's D1 over them. */
export const withPublished =
  (bundled: FormStore): FormSource =>
  (env) =>
    formsWithPublished(bundled, env.DB);
