import type { FieldSpec } from '../../shared/form-spec';

export interface FieldIds {
  /** The control's id (or the prefix of its options' ids). */
  readonly base: string;
  readonly help: string;
  readonly error: string;
  /** The element to focus when the field is the first one with an error. */
  readonly focus: string;
}

/**
 * Ids for one field's control, help and error. `prefix` is unique per mounted
 * form, so two forms rendered outside a shadow root do not clash.
 */
export function fieldIds(prefix: string, field: Pick<FieldSpec, 'name' | 'type'>): FieldIds {
  const base = `${prefix}-${field.name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const grouped = field.type === 'multiselect' || field.type === 'yes-no';
  return {
    base,
    help: `${base}-help`,
    error: `${base}-error`,
    focus: grouped ? `${base}-0` : field.type === 'channels' ? `${base}-0-0` : base,
  };
}

/** The ids an aria-describedby should name, error first so it is read first. */
export function describedBy(ids: FieldIds, hasHelp: boolean, hasError: boolean): string | undefined {
  const names = [hasError ? ids.error : '', hasHelp ? ids.help : ''].filter(Boolean);
  return names.length > 0 ? names.join(' ') : undefined;
}
