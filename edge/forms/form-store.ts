import type { FormConfig } from './form-config';
import { FormConfigError, parseFormsFile } from './parse-forms-file';

/** A form's config as its operator wrote it, and where it stands: for the admin API's editor and history. */
export interface StoredFormConfig {
  readonly formId: string;
  /** 0 for a form only in a bundled forms file; its published version otherwise. */
  readonly version: number;
  readonly source: 'file' | 'published';
  /** The form's JSON exactly as in forms.json (no defaults filled in). */
  readonly config: Record<string, unknown>;
  readonly publishedAt: number | null;
  readonly publishedBy: string | null;
}

/** Where the Worker finds its forms. */
export interface FormStore {
  /** The form with this id, checked and bound to its vendor; undefined when there is none. */
  find(formId: string): Promise<FormConfig | undefined>;
  /** Every form, in id order: for the operator's overview. */
  list(): Promise<readonly FormConfig[]>;
  /** The form's config as written, with its version and source; undefined when there is none. */
  config(formId: string): Promise<StoredFormConfig | undefined>;
}

/** A forms file as an entry module imports it: its contents and the name its errors use. */
export interface FormsFile {
  readonly source: string;
  readonly json: unknown;
}

/**
 * The forms of one or more forms files, checked when the Worker starts, so a
 * broken file fails `wrangler dev` and `wrangler deploy` loudly instead of
 * failing visitors one by one. A form id may appear in only one of the files.
 */
export function formsFromFiles(...files: readonly FormsFile[]): FormStore {
  const forms = new Map<string, FormConfig>();
  const written = new Map<string, Record<string, unknown>>();
  for (const { source, json } of files) {
    const entries = (json as { forms: Record<string, unknown>[] }).forms;
    for (const [id, form] of parseFormsFile(json, source)) {
      if (forms.has(id)) throw new FormConfigError(`${source} is invalid:\n  form "${id}": id is used in another forms file too`);
      forms.set(id, form);
      written.set(id, entries.find((entry) => entry.id === id)!);
    }
  }
  const sorted = [...forms.values()].sort((a, b) => a.id.localeCompare(b.id));
  return {
    find: async (formId) => forms.get(formId),
    list: async () => sorted,
    config: async (formId) => {
      const config = written.get(formId);
      return config && { formId, version: 0, source: 'file', config: structuredClone(config), publishedAt: null, publishedBy: null };
    },
  };
}
