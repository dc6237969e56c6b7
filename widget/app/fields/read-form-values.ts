import type { FormSpec } from '../../../shared/form-spec';
import { unhandled } from '../../../shared/unhandled';
import { fieldIds } from './field-ids';
import { type ChannelsValue, type FieldValue, type FormValues, initialValues } from './form-values';

/** Form data by control name, as a form submits it: `FormData`, or the `URLSearchParams` of a posted form. */
export interface FormEntries {
  getAll(name: string): readonly unknown[];
}

/**
 * The values of the form the widget rendered, read from its form data: what the
 * visitor typed and ticked into the server-rendered form before the app arrived
 * (the state the app hydrates with, so its first render keeps the DOM as it is),
 * or what a browser without JavaScript posted. `idPrefix` is the one the form was rendered with.
 */
export function readFormValues(entries: FormEntries, spec: FormSpec, idPrefix: string): FormValues {
  const all = (name: string) => entries.getAll(name).filter((value): value is string => typeof value === 'string');
  const read = (field: FormSpec['fields'][number], empty: FieldValue): FieldValue => {
    switch (field.type) {
      case 'text':
      case 'email':
      case 'tel':
      case 'url':
      case 'textarea':
      case 'date':
      case 'integer':
      case 'select':
      case 'country':
        return all(field.name)[0] ?? empty;
      case 'consent':
        return all(field.name).length > 0 ? true : empty;
      case 'yes-no': {
        const picked = all(fieldIds(idPrefix, field).base)[0];
        return picked === undefined ? empty : picked === 'yes';
      }
      case 'multiselect': {
        const picked = all(fieldIds(idPrefix, field).base);
        return picked.length > 0 ? picked : empty;
      }
      case 'channels': {
        const chosen: Record<string, string[]> = {};
        for (const { category } of field.matrix?.categories ?? []) {
          const picked = all(`${field.name}.${category}`);
          if (picked.length > 0) chosen[category] = picked;
        }
        return Object.keys(chosen).length > 0 ? (chosen as ChannelsValue) : empty;
      }
      default:
        return unhandled(field.type);
    }
  };
  const initial = initialValues(spec);
  return Object.fromEntries(spec.fields.map((field) => [field.name, read(field, initial[field.name])]));
}
