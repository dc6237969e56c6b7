import type { FieldErrorCode } from '../../../shared/error-codes';
import type { FieldOption, FieldSpec, FieldType } from '../../../shared/form-spec';
import type { Locale } from '../../../shared/locales';
import { unhandled } from '../../../shared/unhandled';
import type { Translator } from '../../i18n/create-translator';
import type { MessageKey } from '../../i18n/en';

// "LOYALTY_PROGRAM" → "Loyalty program", "taxId" → "Tax id": for codes and fields a newer Worker sends before the widget has words for them.
function humanize(code: string): string {
  const words = code
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_.-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The field's visible label: the spec's literal label, else the widget's text for its labelKey. */
export function fieldLabel(field: FieldSpec, t: Translator): string {
  return (
    field.label ?? t.find(field.labelKey) ?? (field.name.startsWith('custom.') ? t.text('field.custom') : humanize(field.name.split('.').pop() ?? field.name))
  );
}

export function optionLabel(option: FieldOption, t: Translator): string {
  return option.label ?? (option.labelKey ? t.find(option.labelKey) : undefined) ?? option.value;
}

export function categoryLabel(category: string, t: Translator): string {
  return t.find(`category.${category}`) ?? humanize(category);
}

export function channelLabel(channel: string, t: Translator): string {
  return t.find(`channel.${channel}`) ?? humanize(channel);
}

/**
 * The legend, help and "one of these" error of an at-least-one rule's group:
 * the widget's texts for the rule's name (`contact`), else words built from
 * its fields' labels.
 */
export function groupText(name: string, fields: readonly FieldSpec[], t: Translator): { legend: string; help: string; error: string } {
  return {
    legend: t.find(`group.${name}`) ?? fields.map((f) => fieldLabel(f, t)).join(` ${t.text('form.or')} `),
    help: t.find(`group.${name}.help`) ?? t.text('group.oneOf.help'),
    error: t.find(`error.one_required.${name}`) ?? t.text('error.one_required'),
  };
}

/** What a missing answer asks for, by field type: fill it in, choose, or tick the box. */
function requiredText(type: FieldType): MessageKey {
  switch (type) {
    case 'text':
    case 'email':
    case 'tel':
    case 'url':
    case 'textarea':
    case 'date':
    case 'integer':
      return 'error.required';
    case 'select':
    case 'country':
    case 'multiselect':
    case 'yes-no':
      return 'error.required.choice';
    case 'consent':
      return 'error.must_accept';
    case 'channels':
      return 'error.required';
    default:
      return unhandled(type);
  }
}

/** The visitor-facing text for why a field was refused, worded for that field. */
export function errorText(field: FieldSpec | undefined, code: FieldErrorCode, t: Translator): string {
  if (code === 'required' && field) return t.text(requiredText(field.type));
  if (code === 'too_long' && field?.maxLength !== undefined) return t.text('error.too_long', { max: field.maxLength });
  if (code === 'too_long') return t.text('error.invalid');
  if (code === 'invalid_date' && field?.range === 'past') return t.text('error.invalid_date.past');
  if (code === 'invalid_date' && field?.range === 'future') return t.text('error.invalid_date.future');
  return t.text(`error.${code}`);
}

const regionNames = new Map<Locale, Intl.DisplayNames | null>();

/** A country's name in the visitor's language, from its ISO 3166 code. */
export function countryName(code: string, locale: Locale): string {
  if (!regionNames.has(locale)) {
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames([locale], { type: 'region' });
    } catch {
      // Very old browsers: the bare code is still a usable label.
    }
    regionNames.set(locale, names);
  }
  try {
    return regionNames.get(locale)?.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** Country options labelled in the visitor's language and sorted the way they read. */
export function countryOptions(field: FieldSpec, locale: Locale): { value: string; label: string }[] {
  const collator = new Intl.Collator(locale);
  return (field.options ?? [])
    .map((o) => ({ value: o.value, label: o.label ?? countryName(o.value, locale) }))
    .sort((a, b) => collator.compare(a.label, b.label));
}
