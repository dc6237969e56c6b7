import type { FieldType, FormSpec } from '../../../shared/form-spec';

/** Opted-in channels per message category, as the consent matrix holds them. */
export type ChannelsValue = Readonly<Record<string, readonly string[]>>;

/** What one control holds: text, a yes/no or consent answer, chosen options, or channels. */
export type FieldValue = string | boolean | readonly string[] | ChannelsValue | undefined;

/** The form's state, keyed by field name (`address.city`), before it becomes a Lead. */
export type FormValues = Readonly<Record<string, FieldValue>>;

/** What each type's control holds before the visitor touches it: text inputs '', everything else unanswered. */
const INITIAL = {
  text: '',
  email: '',
  tel: '',
  url: '',
  textarea: '',
  date: '',
  integer: '',
  select: '',
  country: '',
  multiselect: undefined,
  'yes-no': undefined,
  consent: undefined,
  channels: undefined,
} satisfies Record<FieldType, FieldValue>;

/** Empty values for every field, by its type. */
export function initialValues(spec: FormSpec): FormValues {
  return Object.fromEntries(spec.fields.map((f) => [f.name, INITIAL[f.type]]));
}
