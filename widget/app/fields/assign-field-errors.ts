import type { FieldError } from '../../../shared/api-error';
import type { FormSpec } from '../../../shared/form-spec';

export interface AssignedErrors {
  /**
   * Errors by the name of what shows them, first error per name: a spec field,
   * or an at-least-one rule's group (by the rule's name).
   */
  readonly byField: ReadonlyMap<string, FieldError>;
  /** Errors the form has no place for; shown in the summary only. */
  readonly unplaced: readonly FieldError[];
}

/**
 * Places field errors (the client's or the Worker's) where the form shows
 * them: `consent.channels.NEWSLETTER` belongs to `consent.channels`, an error
 * on a whole group (`address`) to its first field, and one on an at-least-one
 * rule (`contact`) to that rule's group, if the form shows one of its fields.
 */
export function assignFieldErrors(spec: FormSpec, errors: readonly FieldError[]): AssignedErrors {
  const names = spec.fields.map((f) => f.name);
  const groups = spec.rules.flatMap((r) => (r.kind === 'at-least-one' && r.fields.some((f) => names.includes(f)) ? [r.name] : []));
  const byField = new Map<string, FieldError>();
  const unplaced: FieldError[] = [];
  for (const error of errors) {
    const owner =
      groups.find((n) => n === error.field) ??
      names.find((n) => n === error.field) ??
      names.find((n) => error.field.startsWith(`${n}.`)) ??
      names.find((n) => n.startsWith(`${error.field}.`));
    if (owner === undefined) unplaced.push(error);
    else if (!byField.has(owner)) byField.set(owner, { field: owner, code: error.code });
  }
  return { byField, unplaced };
}
