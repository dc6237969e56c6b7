/**
 * The editor's view of a form config: the JSON exactly as `GET …/config` gave it, changed one key at a
 * time. The console does not validate it: the Worker's `…/config/preview` and `PUT …/config` do,
 * with the same schema as forms.json, and their issues are shown as they come.
 */
export type ConfigDraft = Record<string, unknown>;

/** `GET /v1/admin/forms/:formId/config`, and one problem of a draft (its key path and what is expected there). */
export type { FormConfigIssue as ConfigIssue, FormConfigView as FormConfigAnswer } from '../shared/admin-forms';

/** The optional fields the editor offers as checkboxes (custom fields stay as the config has them). */
export const OPTIONAL_FIELDS = ['email', 'phone', 'gender', 'birthDate', 'address', 'note'] as const;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value at a dotted path, or undefined. */
export function read(draft: ConfigDraft, path: string): unknown {
  let value: unknown = draft;
  for (const key of path.split('.')) value = isObject(value) ? value[key] : undefined;
  return value;
}

/**
 * A copy of the draft with the value at a dotted path set; `undefined` or '' removes the key, and an
 * object left empty by that is removed too, so an emptied text falls back to the default instead of
 * publishing an empty string.
 */
export function write(draft: ConfigDraft, path: string, value: unknown): ConfigDraft {
  const [key, ...rest] = path.split('.');
  const copy: ConfigDraft = { ...draft };
  if (rest.length === 0) {
    if (value === undefined || value === '') delete copy[key!];
    else copy[key!] = value;
    return copy;
  }
  const inner = write(isObject(copy[key!]) ? (copy[key!] as ConfigDraft) : {}, rest.join('.'), value);
  if (Object.keys(inner).length === 0) delete copy[key!];
  else copy[key!] = inner;
  return copy;
}
