import * as v from 'valibot';
import type { FieldError } from '../../../shared/api-error';

// `{errorCodes, message, traceId}`, or for a 400 an array of them. `message` is "for developer
// integration and logging purposes": it is read for a field name, never passed on.
const ErrorSchema = v.object({ errorCodes: v.array(v.string()), message: v.optional(v.string()) });
const ErrorsSchema = v.union([ErrorSchema, v.array(ErrorSchema)]);
type ConnectError = v.InferOutput<typeof ErrorSchema>;

/** The lead DTO's fields a visitor can fix, as Lead paths. */
const FIELDS: Readonly<Record<string, string>> = {
  studioId: 'studioId',
  firstname: 'firstName',
  lastname: 'lastName',
  email: 'email',
  phone: 'phone',
  dateOfBirth: 'birthDate',
  gender: 'gender',
  street: 'address.street',
  houseNumber: 'address.houseNumber',
  zipCode: 'address.zipCode',
  city: 'address.city',
  countryCode: 'address.countryCode',
  taxId: 'taxId',
  notes: 'note',
  communicationPreferences: 'consent.channels',
};

function entries(body: unknown): ConnectError[] {
  const parsed = v.safeParse(ErrorsSchema, body);
  if (!parsed.success) return [];
  return Array.isArray(parsed.output) ? parsed.output : [parsed.output];
}

/** Every error code of a Connect error body, in order. */
export function errorCodes(body: unknown): string[] {
  return entries(body).flatMap((e) => e.errorCodes);
}

/**
 * The form fields a 400 names. GUESS: the error DTO has no field of its own, so the field is read
 * from the start of `message`, written `<dtoField>: …` or `<dtoField>.<part>…` as the spec's own
 * bean validation names it; a message that names none gives no field.
 */
export function fieldErrors(body: unknown): FieldError[] {
  const found = new Map<string, FieldError>();
  for (const entry of entries(body)) {
    const name = /^([A-Za-z]+)(?=[:.[\s])/.exec(entry.message ?? '')?.[1];
    const field = name && Object.hasOwn(FIELDS, name) ? FIELDS[name]! : undefined;
    if (!field || found.has(field)) continue;
    found.set(field, { field, code: entry.errorCodes.includes('REQUIRED_PARAMETER_MISSING') ? 'required' : 'invalid' });
  }
  return [...found.values()];
}
