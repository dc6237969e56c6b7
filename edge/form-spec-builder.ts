import type { FieldRule, FieldSpec, FormSpec } from '../shared/form-spec';
import { buildLeadSchema, type LeadSchema } from '../shared/lead-schema';
import type { Locale } from '../shared/locales';
import type { ProfileQuestion } from './config/profile-config';
import type { FormConfig } from './forms/form-config';
import { vendorOf } from './forms/parse-forms-file';
import type { VendorForm } from './vendors/vendor-adapter';

type Localized = Partial<Record<Locale, string>>;

/** Operator text in the visitor's locale, else in the form's default one. */
function pick(text: Localized | undefined, locale: Locale, fallback: Locale): string | undefined {
  return text?.[locale] ?? text?.[fallback];
}

const groupOf = (name: string) => name.split('.')[0]!;

function contactFields(vendor: VendorForm): Set<string> {
  return new Set(vendor.rules.flatMap((rule) => (rule.kind === 'at-least-one' ? rule.fields : [])));
}

function isShown(field: FieldSpec, optionalFields: readonly string[] | undefined): boolean {
  if (field.required || !optionalFields) return true;
  return optionalFields.includes(field.name) || (groupOf(field.name) === 'address' && optionalFields.includes('address'));
}

/** The fields a profile entry names: a standard field, the whole address, or a question of the form's own. */
function profileFields(entry: string | ProfileQuestion, vendor: VendorForm, locale: Locale, fallback: Locale): FieldSpec[] {
  if (typeof entry === 'string') {
    return vendor.fields.filter((f) => f.name === entry || groupOf(f.name) === entry).map((f) => ({ ...f, required: false }));
  }
  return [
    {
      name: `profile.${entry.id}`,
      type: entry.type,
      required: false,
      label: pick(entry.label, locale, fallback) ?? entry.id,
      labelKey: 'field.custom',
      ...(entry.type === 'text' ? { maxLength: 200 } : {}),
      ...(entry.options ? { options: entry.options.map((o) => ({ value: o.value, label: pick(o.label, locale, fallback) ?? o.value })) } : {}),
    },
  ];
}

function profileOf(form: FormConfig, vendor: VendorForm, locale: Locale): FormSpec['profile'] {
  const profile = vendorOf(form).secondStep;
  if (!profile) return undefined;
  const title = pick(profile.title, locale, form.defaultLocale);
  const intro = pick(profile.intro, locale, form.defaultLocale);
  return {
    ...(title ? { title } : {}),
    ...(intro ? { intro } : {}),
    fields: profile.fields.flatMap((entry) => profileFields(entry, vendor, locale, form.defaultLocale)),
  };
}

function consentFields(form: FormConfig, vendor: VendorForm, locale: Locale): FieldSpec[] {
  const privacyText = form.consent.text?.[locale];
  const fields: FieldSpec[] = [
    {
      name: 'consent.privacy',
      type: 'consent',
      required: true,
      labelKey: 'field.consent.privacy',
      link: form.consent.privacyPolicyUrl,
      ...(privacyText ? { label: privacyText } : {}),
    },
  ];
  const marketingText = form.consent.marketingText?.[locale];
  const label = marketingText ? { label: marketingText } : {};
  if (vendor.marketing && form.consent.marketing === 'matrix') {
    fields.push({ name: 'consent.channels', type: 'channels', required: false, labelKey: 'field.consent.channels', matrix: vendor.marketing, ...label });
  } else if (vendor.marketing && form.consent.marketing === 'single') {
    fields.push({ name: 'consent.marketing', type: 'consent', required: false, labelKey: 'field.consent.marketing', ...label });
  }
  return fields;
}

/**
 * Rules for the fields actually shown. An "at least one of" group the operator
 * narrowed to one field makes that field required; never narrowed to none.
 */
function narrowRules(rules: readonly FieldRule[], fields: FieldSpec[]): FieldRule[] {
  const names = new Set(fields.map((f) => f.name));
  return rules.flatMap((rule): FieldRule[] => {
    if (rule.kind === 'all-or-none') return rule.fields.every((n) => names.has(n)) ? [rule] : [];
    const shown = rule.fields.filter((n) => names.has(n));
    if (shown.length > 1) return [{ ...rule, fields: shown }];
    const only = fields.findIndex((f) => f.name === shown[0]);
    if (only >= 0) fields[only] = { ...fields[only]!, required: true };
    return [];
  });
}

function successOf(form: FormConfig, locale: Locale): FormSpec['success'] {
  if (!form.success) return {};
  if ('redirectUrl' in form.success) return { redirectUrl: form.success.redirectUrl };
  const message = form.success.message[locale];
  return message ? { message } : {};
}

/**
 * The public FormSpec: the vendor's fields, narrowed and relabelled by the
 * operator's config, in one locale. Nothing secret or vendor-internal goes in.
 */
export function buildFormSpec(form: FormConfig, vendor: VendorForm, locale: Locale): FormSpec {
  const overrides = form.labels?.[locale] ?? {};
  const profile = profileOf(form, vendor, locale);
  const inProfile = new Set(profile?.fields.map((f) => f.name));
  const contact = contactFields(vendor);
  // A contact group is never hidden whole: the vendor needs one way to reach the visitor.
  const contactShown = vendor.fields.some((f) => contact.has(f.name) && isShown(f, form.optionalFields));
  const fields = vendor.fields
    .filter((field) => !inProfile.has(field.name))
    .filter((field) => isShown(field, form.optionalFields) || (!contactShown && contact.has(field.name)))
    .map((field) => {
      const text = overrides[field.name];
      return { ...field, ...(text?.label ? { label: text.label } : {}), ...(text?.help ? { help: text.help } : {}) };
    });
  const rules = narrowRules(vendor.rules, fields);
  fields.push(...consentFields(form, vendor, locale));
  return {
    formId: form.id,
    locale,
    fields,
    rules,
    texts: { ...form.texts?.[locale] },
    success: successOf(form, locale),
    ...(profile ? { profile } : {}),
  };
}

// Derived once per form and vendor rules (the rules cache hands out the same object while they
// are fresh): building a spec and its lead checker on every request would be most of a
// submission's CPU. Keyed by the objects themselves, so a changed form or refreshed rules build anew.
const specs = new WeakMap<FormConfig, WeakMap<VendorForm, Map<Locale, FormSpec>>>();
const schemas = new WeakMap<FormSpec, LeadSchema>();

/** `buildFormSpec`, built once per form, rules and locale (by default the form's, which submissions are checked in). Read-only. */
export function formSpecFor(form: FormConfig, vendor: VendorForm, locale: Locale = form.defaultLocale): FormSpec {
  let byRules = specs.get(form);
  if (!byRules) specs.set(form, (byRules = new WeakMap()));
  let byLocale = byRules.get(vendor);
  if (!byLocale) byRules.set(vendor, (byLocale = new Map()));
  let spec = byLocale.get(locale);
  if (!spec) byLocale.set(locale, (spec = buildFormSpec(form, vendor, locale)));
  return spec;
}

/** The lead checker for a spec, built once per spec. */
export function leadSchemaFor(spec: FormSpec): LeadSchema {
  let schema = schemas.get(spec);
  if (!schema) schemas.set(spec, (schema = buildLeadSchema(spec)));
  return schema;
}
