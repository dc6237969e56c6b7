import type { FieldSpec, FormSpec } from '../../../shared/form-spec';

/** Opted-in channels per message category, as the consent matrix holds them. */
export type ChannelsValue = Readonly<Record<string, readonly string[]>>;

/** What one control holds: text, a yes/no or consent answer, chosen options, or channels. */
export type FieldValue = string | boolean | readonly string[] | ChannelsValue | undefined;

/** The form's state, keyed by field name (`address.city`), before it becomes a Lead. */
export type FormValues = Readonly<Record<string, FieldValue>>;

const TEXT_TYPES: ReadonlySet<FieldSpec['type']> = new Set(['text', 'email', 'tel', 'textarea', 'date', 'integer', 'select', 'country']);

export function isTextType(type: FieldSpec['type']): boolean {
  return TEXT_TYPES.has(type);
}

/** Empty values for every field: text inputs start as '', everything else unanswered. */
export function initialValues(spec: FormSpec): FormValues {
  return Object.fromEntries(spec.fields.map((f) => [f.name, isTextType(f.type) ? '' : undefined]));
}
