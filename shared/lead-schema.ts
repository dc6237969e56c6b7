import * as v from 'valibot';
import type { FieldError } from './api-error';
import { AttributionSchema } from './attribution';
import { FIELD_ERROR_CODES, type FieldErrorCode } from './error-codes';
import type { FieldSpec, FormSpec } from './form-spec';
import type { Lead } from './lead';
import { isPlainText } from './plain-text';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INTEGER = /^-?\d{1,15}$/;
// Digits with the separators people type: "+49 (0)30 123-456", "030/123456".
const PHONE = /^\+?[0-9][0-9 ()./-]*$/;

type AnySchema = v.GenericSchema<unknown, unknown>;

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

// valibot reports a missing key through the entry's own schema with `received: "undefined"`.
const missingOr =
  (code: FieldErrorCode) =>
  (issue: v.BaseIssue<unknown>): FieldErrorCode =>
    issue.received === 'undefined' ? 'required' : code;

function stringChecks(field: FieldSpec) {
  const checks: v.PipeItem<string, string, v.BaseIssue<unknown>>[] = [];
  if (field.maxLength !== undefined) checks.push(v.maxLength(field.maxLength, 'too_long'));
  switch (field.type) {
    case 'email':
      checks.push(v.email('invalid_email'));
      break;
    case 'tel':
      checks.push(
        v.regex(PHONE, 'invalid_phone'),
        v.check((s) => (s.match(/\d/g)?.length ?? 0) >= 5, 'invalid_phone'),
      );
      break;
    case 'date':
      checks.push(v.regex(DATE, 'invalid_date'), v.check(isRealDate, 'invalid_date'));
      if (field.range === 'past') checks.push(v.check((s) => s < today(), 'invalid_date'));
      if (field.range === 'future') checks.push(v.check((s) => s >= today(), 'invalid_date'));
      break;
    case 'integer':
      checks.push(v.regex(INTEGER, 'invalid_number'));
      break;
    case 'select':
    case 'country': {
      const values = new Set((field.options ?? []).map((o) => o.value));
      checks.push(v.check((s) => values.has(s), 'invalid_option'));
      break;
    }
  }
  return checks;
}

function stringField(field: FieldSpec): AnySchema {
  const multiline = field.type === 'textarea';
  const clean = v.pipe(
    v.string(missingOr('invalid_type')),
    v.check((s) => isPlainText(s, multiline), 'invalid_characters'),
    // One kind of line break, so a length is the same on every system.
    v.transform((s) => (multiline ? s.replace(/\r\n?/g, '\n') : s)),
    v.trim(),
    v.normalize('NFC'),
  );
  const checks = stringChecks(field);
  if (field.required) return v.pipe(clean, v.nonEmpty<string, 'required'>('required'), ...checks) as AnySchema;
  // An optional field left empty is simply absent.
  return v.optional(
    v.pipe(
      clean,
      v.transform((s) => (s === '' ? undefined : s)),
      v.optional(v.pipe(v.string(), ...checks)),
    ),
  ) as AnySchema;
}

function unique<T>(items: readonly T[]): boolean {
  return new Set(items).size === items.length;
}

function multiselectField(field: FieldSpec): AnySchema {
  const values = (field.options ?? []).map((o) => o.value);
  const list = v.pipe(
    v.array(v.picklist(values, 'invalid_option'), missingOr('invalid_type')),
    v.check(unique, 'invalid_option'),
  );
  if (field.required) return v.pipe(list, v.minLength(1, 'required')) as AnySchema;
  return v.optional(v.pipe(list, v.transform((a) => (a.length > 0 ? a : undefined)))) as AnySchema;
}

function channelsField(field: FieldSpec): AnySchema {
  const entries: Record<string, AnySchema> = {};
  for (const { category, channels } of field.matrix?.categories ?? []) {
    entries[category] = v.optional(
      v.pipe(
        v.array(v.picklist(channels, 'invalid_option'), 'invalid_type'),
        v.check(unique, 'invalid_option'),
      ),
    ) as AnySchema;
  }
  return v.optional(v.strictObject(entries, objectMessage)) as AnySchema;
}

function fieldSchema(field: FieldSpec): AnySchema {
  switch (field.type) {
    case 'multiselect':
      return multiselectField(field);
    case 'yes-no':
      return field.required
        ? v.boolean(missingOr('invalid_type'))
        : (v.optional(v.boolean('invalid_type')) as AnySchema);
    case 'consent':
      return field.required
        ? v.literal(true, (issue) => (issue.received === 'false' || issue.received === 'undefined' ? 'must_accept' : 'invalid_type'))
        : (v.optional(v.boolean('invalid_type')) as AnySchema);
    case 'channels':
      return channelsField(field);
    default:
      return stringField(field);
  }
}

// Unknown keys are refused by name so an integration bug is obvious.
const objectMessage = (issue: v.BaseIssue<unknown>): FieldErrorCode =>
  issue.expected === 'never' ? 'unknown_field' : issue.received === 'undefined' ? 'required' : 'invalid_type';

/**
 * Builds the strict schema for one form's leads from its spec. The widget and
 * the Worker both validate with it; the Worker's verdict is the one that counts.
 */
export function buildLeadSchema(spec: FormSpec): AnySchema {
  const top: Record<string, AnySchema> = {};
  const groups = new Map<string, Record<string, AnySchema>>();
  for (const field of spec.fields) {
    const [head, key, ...rest] = field.name.split('.');
    if (head === undefined || rest.length > 0) throw new Error(`Field name "${field.name}" is nested too deep`);
    if (key === undefined) {
      top[head] = fieldSchema(field);
      continue;
    }
    const entries = groups.get(head) ?? {};
    entries[key] = fieldSchema(field);
    groups.set(head, entries);
  }
  for (const [name, entries] of groups) {
    // A missing group is read as empty, so its required fields are named one by one;
    // an empty group is dropped from the lead.
    top[name] = v.pipe(
      v.optional(v.strictObject(entries, objectMessage), {}),
      v.transform((group) => (Object.values(group).some((x) => x !== undefined) ? group : undefined)),
    ) as AnySchema;
  }
  top.language ??= v.optional(v.pipe(v.string('invalid_type'), v.regex(/^[a-z]{2}$/, 'invalid'))) as AnySchema;
  top.attribution ??= v.optional(AttributionSchema) as AnySchema;
  return v.strictObject(top, objectMessage) as AnySchema;
}

function fieldNameFor(path: string, names: ReadonlySet<string>): string {
  let candidate = path;
  while (candidate) {
    if (names.has(candidate)) return candidate;
    const cut = candidate.lastIndexOf('.');
    if (cut < 0) break;
    candidate = candidate.slice(0, cut);
  }
  return path;
}

function toFieldCode(message: string): FieldErrorCode {
  return (FIELD_ERROR_CODES as readonly string[]).includes(message) ? (message as FieldErrorCode) : 'invalid';
}

function isFilled(value: unknown): boolean {
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return value !== undefined && value !== null;
}

function readPath(input: unknown, path: string): unknown {
  let current = input;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function ruleErrors(spec: FormSpec, input: unknown): FieldError[] {
  const errors: FieldError[] = [];
  for (const rule of spec.rules) {
    const filled = rule.fields.map((name) => isFilled(readPath(input, name)));
    if (rule.kind === 'at-least-one') {
      if (!filled.some(Boolean)) errors.push({ field: rule.name, code: 'one_required' });
      continue;
    }
    if (!filled.some(Boolean)) continue;
    rule.fields.forEach((name, i) => {
      if (!filled[i]) errors.push({ field: name, code: 'required' });
    });
  }
  return errors;
}

export type LeadValidation =
  | { readonly success: true; readonly lead: Lead }
  | { readonly success: false; readonly errors: readonly FieldError[] };

/** Validates a lead against a form's spec: one error per field, in form order. */
export function validateLead(spec: FormSpec, input: unknown, schema = buildLeadSchema(spec)): LeadValidation {
  const result = v.safeParse(schema, input);
  const names = new Set(spec.fields.map((f) => f.name));
  const byField = new Map<string, FieldError>();
  if (!result.success) {
    for (const issue of result.issues) {
      const path = (issue.path ?? []).map((p) => String(p.key)).join('.');
      const field = fieldNameFor(path, names);
      if (!byField.has(field)) byField.set(field, { field, code: toFieldCode(issue.message) });
    }
  }
  for (const error of ruleErrors(spec, input)) {
    if (!byField.has(error.field)) byField.set(error.field, error);
  }
  if (result.success && byField.size === 0) return { success: true, lead: result.output as Lead };
  const order = spec.fields.map((f) => f.name);
  const groups = new Map(spec.rules.flatMap((r) => (r.kind === 'at-least-one' ? [[r.name, r.fields[0] ?? ''] as const] : [])));
  const rank = (field: string) => {
    const i = order.indexOf(groups.get(field) ?? field);
    return i < 0 ? order.length : i;
  };
  return { success: false, errors: [...byField.values()].sort((a, b) => rank(a.field) - rank(b.field)) };
}
