import * as v from 'valibot';
import type { FormVendor } from '../vendors/form-vendor';
import { vendorNamed } from '../vendors/registry';
import { allowedKeysAt } from './allowed-keys';
import { closestKey } from './closest-key';
import { type FormConfig, FormConfigSchema } from './form-config';

export const FormsFileSchema = v.strictObject({
  $schema: v.optional(v.string()),
  // May be empty: a production Worker's forms can all be published in D1 through the console.
  forms: v.array(v.unknown(), 'must be a list of forms'),
});

export class FormConfigError extends Error {
  override name = 'FormConfigError';
}

/** An unknown key's message: the allowed key it most likely misspells, else the keys allowed there. */
function describeUnknownKey(schema: v.GenericSchema, issue: v.BaseIssue<unknown>): string {
  const path = issue.path ?? [];
  const allowed = allowedKeysAt(schema, path) ?? [];
  const meant = closestKey(String(path.at(-1)?.key), allowed);
  // valibot's own wording ("Expected never") says nothing to an operator; a schema's own message stays.
  const message = issue.message.startsWith('Invalid key:') ? `is not a key here${meant ? '' : ` (known: ${allowed.join(', ')})`}` : issue.message;
  return meant ? `${message}; did you mean "${meant}"?` : message;
}

/** A missing key's message, naming the key the object has that most likely misspells it. */
function describeMissingKey(issue: v.BaseIssue<unknown>): string {
  const last = issue.path?.at(-1);
  const present = typeof last?.input === 'object' && last.input !== null ? Object.keys(last.input) : [];
  const written = closestKey(String(last?.key), present);
  return `is required${written ? `; is "${written}" meant to be it?` : ''}`;
}

/** One issue as an operator reads it: the key path it is at, and what is expected there. */
function describeIssue(issue: v.BaseIssue<unknown>, schema: v.GenericSchema): { readonly path: string; readonly message: string } {
  const keyIssue = issue.type === 'strict_object' || issue.type === 'object';
  const message =
    keyIssue && issue.expected === 'never'
      ? describeUnknownKey(schema, issue)
      : keyIssue && issue.received === 'undefined' && issue.message.startsWith('Invalid key:')
        ? describeMissingKey(issue)
        : issue.message;
  return { path: v.getDotPath(issue) ?? '', message };
}

function describeIssues(where: string, issues: readonly v.BaseIssue<unknown>[], schema: v.GenericSchema): string[] {
  return issues.map((issue) => {
    const { path, message } = describeIssue(issue, schema);
    return `${where}${path ? `: ${path}` : ''}: ${message}`;
  });
}

// Each checked form's vendor, bound once: the config stays plain data everywhere else.
const vendors = new WeakMap<FormConfig, FormVendor>();

/**
 * Checks one form config with the schema of the vendor it names and binds it to
 * that vendor, typed end to end (the config, the adapter and its rules never
 * meet as `unknown`). The issues name every broken key.
 */
export function checkForm(
  raw: unknown,
): { readonly success: true; readonly form: FormConfig } | { readonly success: false; readonly issues: readonly v.BaseIssue<unknown>[] } {
  const vendor = typeof raw === 'object' && raw !== null ? vendorNamed(Reflect.get(raw, 'vendor')) : undefined;
  // An unknown vendor, or no object at all: the composed schema words the issue.
  if (!vendor) return { success: false, issues: v.safeParse(FormConfigSchema, raw).issues ?? [] };
  const bound = vendor.bind(raw);
  if (!bound.success) return bound;
  const { form } = bound;
  vendors.set(form, bound.open(form.cacheTtlSeconds));
  return { success: true, form };
}

/**
 * Checks one form config as `forms.json` would hold it, for the admin API: the
 * form, or every problem at its key path, worded as the forms file's checker
 * words it (did-you-mean included).
 */
export function checkFormConfig(
  raw: unknown,
): { readonly success: true; readonly form: FormConfig } | { readonly success: false; readonly issues: readonly { path: string; message: string }[] } {
  const result = checkForm(raw);
  if (result.success) return result;
  return { success: false, issues: result.issues.map((issue) => describeIssue(issue, FormConfigSchema)) };
}

/** The vendor a checked form is bound to. A form that did not come through `checkForm` is checked now. */
export function vendorOf(form: FormConfig): FormVendor {
  const known = vendors.get(form);
  if (known) return known;
  const checked = checkForm(form);
  if (!checked.success) throw new FormConfigError(describeIssues(`form "${form.id}"`, checked.issues, FormConfigSchema).join('\n'));
  const vendor = vendors.get(checked.form)!;
  vendors.set(form, vendor);
  return vendor;
}

/**
 * Checks the operator's forms file. Throws one FormConfigError that names every
 * broken form and field, so a bad config fails at start and at deploy.
 */
export function parseFormsFile(raw: unknown, source = 'forms.json'): ReadonlyMap<string, FormConfig> {
  const file = v.safeParse(FormsFileSchema, raw);
  if (!file.success) throw new FormConfigError(`${source} is invalid:\n  ${describeIssues(source, file.issues, FormsFileSchema).join('\n  ')}`);
  const problems: string[] = [];
  const forms = new Map<string, FormConfig>();
  file.output.forms.forEach((entry, index) => {
    const id = typeof entry === 'object' && entry !== null ? Reflect.get(entry, 'id') : undefined;
    const where = `form ${typeof id === 'string' && id !== '' ? `"${id}"` : `#${index + 1}`}`;
    const result = checkForm(entry);
    if (!result.success) {
      problems.push(...describeIssues(where, result.issues, FormConfigSchema));
      return;
    }
    if (forms.has(result.form.id)) problems.push(`${where}: id is used by another form too`);
    forms.set(result.form.id, result.form);
  });
  if (problems.length > 0) throw new FormConfigError(`${source} is invalid:\n  ${problems.join('\n  ')}`);
  return forms;
}
