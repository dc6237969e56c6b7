import type { FormConfig } from '../shared/form-config';
import type { FieldSpec, FormSpec } from '../shared/form-spec';
import type { Locale } from '../shared/locales';
import type { VendorForm } from './vendors/vendor-adapter';

function isShown(field: FieldSpec, optionalFields: readonly string[] | undefined): boolean {
  if (field.required || !optionalFields) return true;
  const group = field.name.split('.')[0]!;
  return optionalFields.includes(field.name) || (group === 'address' && optionalFields.includes(group));
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
  const fields = vendor.fields
    .filter((field) => isShown(field, form.optionalFields))
    .map((field) => {
      const text = overrides[field.name];
      return { ...field, ...(text?.label ? { label: text.label } : {}), ...(text?.help ? { help: text.help } : {}) };
    });
  fields.push(...consentFields(form, vendor, locale));
  const names = new Set(fields.map((f) => f.name));
  return {
    formId: form.id,
    locale,
    fields,
    rules: vendor.rules.filter((rule) => rule.fields.every((name) => names.has(name))),
    texts: { ...form.texts?.[locale] },
    success: successOf(form, locale),
  };
}
