import type { FieldError } from './api-error';
import { CAMPAIGN_PARAMS } from './campaign-params';
import type { FieldErrorCode } from './error-codes';
import type { FieldSpec, FormSpec } from './form-spec';
import type { Lead } from './lead';
import { isPlainText } from './plain-text';
import { unhandled } from './unhandled';

// Hand-written rather than valibot: this module ships in the widget, whose whole
// budget is 14 KB gzip. Its tests (lead-schema.test.ts) pin every rule and code.

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INTEGER = /^-?\d{1,15}$/;
// Digits with the separators people type: "+49 (0)30 123-456", "030/123456".
const PHONE = /^\+?[0-9][0-9 ()./-]*$/;
// The email rule valibot's `email()` applied, kept so the widget, the Worker and earlier leads agree.
// A web address a person types: http(s), a host with a dot, no spaces; what follows the host is free.
const WEB_ADDRESS = /^https?:\/\/[^\s/?#.]+\.[^\s/?#]+(?:[/?#]\S*)?$/i;
const EMAIL = /^[\w+-]+(?:\.[\w+-]+)*@[\da-zA-Z]+(?:[.-][\da-zA-Z]+)*\.[a-zA-Z]{2,}$/u;

/** One value's verdict: its cleaned value (undefined: leave it out), or why it is refused. */
type Verdict = { readonly code: FieldErrorCode; readonly value?: undefined } | { readonly code?: undefined; readonly value: unknown };
/** Checks one value; `undefined` means the key was not sent. */
type Rule = (raw: unknown) => Verdict;
/** Reports one problem at a dotted path. */
type Report = (path: string, code: FieldErrorCode) => void;

const fail = (code: FieldErrorCode): Verdict => ({ code });
const pass = (value: unknown): Verdict => ({ value });
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const unique = (items: readonly unknown[]) => new Set(items).size === items.length;
const missing = (field: FieldSpec) => (field.required ? fail('required') : pass(undefined));

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const today = () => new Date().toISOString().slice(0, 10);

/** The checks on a non-empty, trimmed string, in the order the first failure is reported. */
function stringProblem(field: FieldSpec, s: string): FieldErrorCode | undefined {
  if (field.maxLength !== undefined && s.length > field.maxLength) return 'too_long';
  switch (field.type) {
    case 'text':
    case 'textarea':
      return undefined;
    case 'email':
      return EMAIL.test(s) ? undefined : 'invalid_email';
    case 'tel':
      return PHONE.test(s) && (s.match(/\d/g)?.length ?? 0) >= 5 ? undefined : 'invalid_phone';
    case 'url':
      return WEB_ADDRESS.test(s) ? undefined : 'invalid_url';
    case 'date':
      if (!DATE.test(s) || !isRealDate(s)) return 'invalid_date';
      // As text, today's month and day `minAge` years back (a 29 February too; today itself without a minAge).
      if (field.range === 'past' && !(s < +today().slice(0, 4) - (field.minAge ?? 0) + today().slice(4))) return 'invalid_date';
      if (field.range === 'future' && !(s >= today())) return 'invalid_date';
      return undefined;
    case 'integer':
      return INTEGER.test(s) ? undefined : 'invalid_number';
    case 'select':
    case 'country':
      return (field.options ?? []).some((o) => o.value === s) ? undefined : 'invalid_option';
    // Not strings: fieldRule gives each a rule of its own, so none reaches this check.
    case 'multiselect':
    case 'yes-no':
    case 'consent':
    case 'channels':
      return undefined;
    default:
      return unhandled(field.type);
  }
}

/** Strings: plain text only (line breaks too where `multiline`), trimmed and NFC-normalised; empty counts as not given. */
function textRule(field: FieldSpec, multiline: boolean): Rule {
  return (raw) => {
    if (raw === undefined) return missing(field);
    if (typeof raw !== 'string') return fail('invalid_type');
    if (!isPlainText(raw, multiline)) return fail('invalid_characters');
    // One kind of line break, so a length is the same on every system.
    const s = (multiline ? raw.replace(/\r\n?/g, '\n') : raw).trim().normalize('NFC');
    if (s === '') return missing(field);
    const problem = stringProblem(field, s);
    return problem ? fail(problem) : pass(s);
  };
}

function multiselectRule(field: FieldSpec): Rule {
  const values = (field.options ?? []).map((o) => o.value);
  return (raw) => {
    if (raw === undefined) return missing(field);
    if (!Array.isArray(raw)) return fail('invalid_type');
    if (!raw.every((v) => values.includes(v as string)) || !unique(raw)) return fail('invalid_option');
    return raw.length > 0 ? pass(raw) : missing(field);
  };
}

/** The consent matrix: opted-in channels per known category. */
function channelsRule(field: FieldSpec, report: Report): Rule {
  const categories = new Map((field.matrix?.categories ?? []).map((c) => [c.category, c.channels]));
  return (raw) => {
    if (raw === undefined) return pass(undefined);
    if (!isRecord(raw)) return fail('invalid_type');
    for (const [category, channels] of categories) {
      const chosen = raw[category];
      if (chosen === undefined) continue;
      if (!Array.isArray(chosen)) return fail('invalid_type');
      if (!chosen.every((c) => channels.includes(c as string)) || !unique(chosen)) return fail('invalid_option');
    }
    for (const key of Object.keys(raw)) if (!categories.has(key)) report(`${field.name}.${key}`, 'unknown_field');
    return pass(raw);
  };
}

function fieldRule(field: FieldSpec, report: Report): Rule {
  switch (field.type) {
    case 'text':
    case 'email':
    case 'tel':
    case 'url':
    case 'date':
    case 'integer':
    case 'select':
    case 'country':
      return textRule(field, false);
    case 'textarea':
      return textRule(field, true);
    case 'multiselect':
      return multiselectRule(field);
    case 'yes-no':
      return (raw) => (raw === undefined ? missing(field) : typeof raw === 'boolean' ? pass(raw) : fail('invalid_type'));
    case 'consent':
      return (raw) =>
        raw === undefined
          ? missing(field)
          : raw === true || (!field.required && raw === false)
            ? pass(raw)
            : fail(raw === false ? 'must_accept' : 'invalid_type');
    case 'channels':
      return channelsRule(field, report);
    default:
      return unhandled(field.type);
  }
}

/** Campaign parameters, the referrer and the landing page, as the widget reads them from the page. */
const ATTRIBUTION: readonly (readonly [string, number])[] = [...CAMPAIGN_PARAMS.map((key) => [key, 500] as const), ['referrer', 2000], ['landingPage', 2000]];

function attributionRule(report: Report): Rule {
  return (raw) => {
    if (raw === undefined) return pass(undefined);
    if (!isRecord(raw)) return fail('invalid_type');
    const out: Record<string, string> = {};
    for (const [key, max] of ATTRIBUTION) {
      const value = raw[key];
      if (value === undefined) continue;
      const code = typeof value !== 'string' ? 'invalid_type' : !isPlainText(value) ? 'invalid_characters' : value.trim().length > max ? 'too_long' : undefined;
      if (code) report(`attribution.${key}`, code);
      else out[key] = (value as string).trim();
    }
    for (const key of Object.keys(raw)) if (!ATTRIBUTION.some(([known]) => known === key)) report(`attribution.${key}`, 'unknown_field');
    return pass(out);
  };
}

/** A checker for one form's leads: the cleaned lead, and every problem by its path in the order found. */
export type LeadSchema = (input: unknown) => { readonly lead: Record<string, unknown>; readonly problems: readonly (readonly [string, FieldErrorCode])[] };

/**
 * Builds the strict checker for one form's leads from its spec. The widget and
 * the Worker both validate with it; the Worker's verdict is the one that counts.
 */
export function buildLeadSchema(spec: FormSpec): LeadSchema {
  return (input) => {
    const problems: [string, FieldErrorCode][] = [];
    const report: Report = (path, code) => problems.push([path, code]);
    const lead: Record<string, unknown> = {};
    if (!isRecord(input)) {
      report('', 'invalid_type');
      return { lead, problems };
    }
    const run = (target: Record<string, unknown>, source: Record<string, unknown>, key: string, path: string, rule: Rule) => {
      const verdict = rule(source[key]);
      if (verdict.code) report(path, verdict.code);
      else if (verdict.value !== undefined) target[key] = verdict.value;
    };
    // Top-level fields in the spec's order, then each group (address, consent, custom, profile) whole.
    const groups = new Map<string, FieldSpec[]>();
    for (const field of spec.fields) {
      const [head, key, ...rest] = field.name.split('.');
      if (rest.length > 0) throw new Error(`Field name "${field.name}" is nested too deep`);
      if (key === undefined) run(lead, input, head!, field.name, fieldRule(field, report));
      else groups.set(head!, [...(groups.get(head!) ?? []), field]);
    }
    for (const [name, fields] of groups) {
      const raw = input[name] === undefined ? {} : input[name];
      if (!isRecord(raw)) {
        report(name, 'invalid_type');
        continue;
      }
      const group: Record<string, unknown> = {};
      for (const field of fields) run(group, raw, field.name.split('.')[1]!, field.name, fieldRule(field, report));
      for (const key of Object.keys(raw)) if (!fields.some((f) => f.name === `${name}.${key}`)) report(`${name}.${key}`, 'unknown_field');
      // A group nobody filled in is left out of the lead.
      if (Object.keys(group).length > 0) lead[name] = group;
    }
    // Every lead may say its language (two letters) and where it came from.
    run(lead, input, 'language', 'language', (raw) =>
      raw === undefined ? pass(undefined) : typeof raw !== 'string' ? fail('invalid_type') : /^[a-z]{2}$/.test(raw) ? pass(raw) : fail('invalid'),
    );
    run(lead, input, 'attribution', 'attribution', attributionRule(report));
    const known = new Set([...spec.fields.map((f) => f.name.split('.')[0]!), 'language', 'attribution']);
    for (const key of Object.keys(input)) if (!known.has(key)) report(key, 'unknown_field');
    return { lead, problems };
  };
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

function isFilled(value: unknown): boolean {
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return value !== undefined && value !== null;
}

function readPath(input: unknown, path: string): unknown {
  let current = input;
  for (const key of path.split('.')) {
    if (!isRecord(current)) return undefined;
    current = current[key];
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

export type LeadValidation = { readonly success: true; readonly lead: Lead } | { readonly success: false; readonly errors: readonly FieldError[] };

/** Validates a lead against a form's spec: one error per field, in form order. */
export function validateLead(spec: FormSpec, input: unknown, schema = buildLeadSchema(spec)): LeadValidation {
  const { lead, problems } = schema(input);
  const names = new Set(spec.fields.map((f) => f.name));
  const byField = new Map<string, FieldError>();
  for (const [path, code] of problems) {
    const field = fieldNameFor(path, names);
    if (!byField.has(field)) byField.set(field, { field, code });
  }
  for (const error of ruleErrors(spec, input)) {
    if (!byField.has(error.field)) byField.set(error.field, error);
  }
  if (byField.size === 0) return { success: true, lead: lead as Lead };
  const order = spec.fields.map((f) => f.name);
  const groups = new Map(spec.rules.flatMap((r) => (r.kind === 'at-least-one' ? [[r.name, r.fields[0] ?? ''] as const] : [])));
  const rank = (field: string) => {
    const i = order.indexOf(groups.get(field) ?? field);
    return i < 0 ? order.length : i;
  };
  return { success: false, errors: [...byField.values()].sort((a, b) => rank(a.field) - rank(b.field)) };
}
