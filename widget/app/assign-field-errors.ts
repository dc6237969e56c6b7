import type { FieldError } from '../../shared/api-error';
import type { FormSpec } from '../../shared/form-spec';

export interface AssignedErrors {
  /** Errors by the name of the spec field that shows them, first error per field. */
  readonly byField: ReadonlyMap<string, FieldError>;
  /** Errors the form has no field for; shown in the summary only. */
  readonly unplaced: readonly FieldError[];
}

/**
 * Places field errors (the client's or the Worker's) on the fields that show
 * them: `consent.channels.NEWSLETTER` belongs to `consent.channels`, and an
 * error on a whole group (`address`) to its first field.
 */
export function assignFieldErrors(spec: FormSpec, errors: readonly FieldError[]): AssignedErrors {
  const names = spec.fields.map((f) => f.name);
  const byField = new Map<string, FieldError>();
  const unplaced: FieldError[] = [];
  for (const error of errors) {
    const owner =
      names.find((n) => n === error.field) ??
      names.find((n) => error.field.startsWith(`${n}.`)) ??
      names.find((n) => n.startsWith(`${error.field}.`));
    if (owner === undefined) unplaced.push(error);
    else if (!byField.has(owner)) byField.set(owner, { field: owner, code: error.code });
  }
  return { byField, unplaced };
}
