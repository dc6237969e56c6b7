/**
 * Ends a `switch` over a union: once every member has its case, `value` is
 * `never`, so a member added to the union fails to compile here until it gets
 * one. At run time it throws: only data no schema checked gets here (a spec
 * from a newer Worker in a widget that does not know its field type).
 *
 * @example
 * switch (field.type) {
 *   case 'consent': return tickRule(field);
 *   // … a case for every other FieldType
 *   default: return unhandled(field.type);
 * }
 */
export function unhandled(value: never): never {
  throw new Error(`unhandled: ${value}`);
}
