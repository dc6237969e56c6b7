import type { FieldSpec, FieldType } from '../../../shared/form-spec';

export interface FieldIds {
  /** The control's id (or the prefix of its options' ids). */
  readonly base: string;
  readonly help: string;
  readonly error: string;
  /** The element to focus when the field is the first one with an error. */
  readonly focus: string;
}

// What an error focuses, after the field's base id: the first option of a choice, the first
// channel of the matrix's first category, else the control itself.
const FOCUS_SUFFIX = {
  text: '',
  email: '',
  tel: '',
  url: '',
  textarea: '',
  date: '',
  integer: '',
  select: '',
  country: '',
  multiselect: '-0',
  'yes-no': '-0',
  consent: '',
  channels: '-0-0',
} satisfies Record<FieldType, string>;

/**
 * Ids for one field's control, help and error. `prefix` is unique per mounted
 * form, so two forms rendered outside a shadow root do not clash.
 */
export function fieldIds(prefix: string, field: Pick<FieldSpec, 'name' | 'type'>): FieldIds {
  const base = `${prefix}-${field.name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return { base, help: `${base}-help`, error: `${base}-error`, focus: base + FOCUS_SUFFIX[field.type] };
}

/** Ids for a group's help and error; `index` is the group's place among the form's blocks. */
export function groupIds(prefix: string, index: number): { readonly help: string; readonly error: string } {
  return { help: `${prefix}-group-${index}-help`, error: `${prefix}-group-${index}-error` };
}

/**
 * The ids an aria-describedby should name, errors first so they are read
 * first; `groupError` is the error its at-least-one group shows, if any.
 */
export function describedBy(ids: FieldIds, hasHelp: boolean, hasError: boolean, groupError?: string): string | undefined {
  const names = [hasError ? ids.error : '', groupError ?? '', hasHelp ? ids.help : ''].filter(Boolean);
  return names.length > 0 ? names.join(' ') : undefined;
}
