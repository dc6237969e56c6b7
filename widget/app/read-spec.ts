import type { FormSpec } from '../../shared/form-spec';
import { LOCALES } from '../../shared/locales';

/**
 * The spec as the Worker sent it, if it has the shape the widget renders from;
 * otherwise it throws, so the loader shows its fallback. The Worker built it
 * from the same type (shared/form-spec), so a shape check is enough here.
 */
export function readSpec(data: unknown): FormSpec {
  const spec = data as Partial<FormSpec> | null;
  const fieldsOk = (fields: unknown) =>
    Array.isArray(fields) &&
    fields.every(
      (f: Partial<FormSpec['fields'][number]> | null) => typeof f?.name === 'string' && typeof f.type === 'string' && typeof f.labelKey === 'string',
    );
  const ok =
    typeof spec?.formId === 'string' &&
    (LOCALES as readonly unknown[]).includes(spec.locale) &&
    fieldsOk(spec.fields) &&
    Array.isArray(spec.rules) &&
    typeof spec.texts === 'object' &&
    typeof spec.success === 'object' &&
    (spec.profile === undefined || fieldsOk(spec.profile.fields));
  if (!ok) throw new Error('the form spec is not one this widget can render');
  return spec as FormSpec;
}
