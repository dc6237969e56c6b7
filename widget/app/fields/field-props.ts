import type { FieldErrorCode } from '../../../shared/error-codes';
import type { FieldSpec, FieldType } from '../../../shared/form-spec';
import type { Translator } from '../../i18n/create-translator';
import type { FieldIds } from './field-ids';
import type { FieldValue } from './form-values';

/** What every field component gets from the form; `T` is the field types the component renders. */
export interface FieldProps<T extends FieldType = FieldType> {
  readonly field: FieldSpec & { readonly type: T };
  readonly value: FieldValue;
  readonly error: FieldErrorCode | undefined;
  readonly ids: FieldIds;
  /** The id of the error its at-least-one group shows: the control is then invalid too, and names it. */
  readonly groupError?: string | undefined;
  readonly t: Translator;
  /** `commit` is true when the visitor finished a change (a tick, a pick), false for a keystroke. */
  readonly onChange: (name: string, value: FieldValue, commit: boolean) => void;
  readonly onBlur: (name: string) => void;
}
