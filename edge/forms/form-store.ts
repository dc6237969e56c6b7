import type { FormConfig } from './form-config';
import { FormConfigError, parseFormsFile } from './parse-forms-file';

/** Where the Worker finds its forms. */
export interface FormStore {
  /** The form with this id, checked and bound to its vendor; undefined when there is none. */
  find(formId: string): Promise<FormConfig | undefined>;
  /** Every form, in id order: for the operator's overview. */
  list(): Promise<readonly FormConfig[]>;
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
  for (const { source, json } of files) {
    for (const [id, form] of parseFormsFile(json, source)) {
      if (forms.has(id)) throw new FormConfigError(`${source} is invalid:\n  form "${id}": id is used in another forms file too`);
      forms.set(id, form);
    }
  }
  const sorted = [...forms.values()].sort((a, b) => a.id.localeCompare(b.id));
  return { find: async (formId) => forms.get(formId), list: async () => sorted };
}
