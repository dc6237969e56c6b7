import * as v from 'valibot';
import type { FieldError } from '../../../shared/api-error';
import type { FieldErrorCode } from '../../../shared/error-codes';
import { CONTACT_RULE } from './describe-virtuagym-form';

const FailSchema = v.object({ status: v.literal('fail'), error: v.object({ message: v.string() }) });

const FIELDS: Record<string, string> = {
  firstname: 'firstName',
  lastname: 'lastName',
  email: 'email',
  phone: 'phone',
  mobile: 'mobile',
  gender: 'gender',
  birthday: 'birthDate',
  address: 'address.street',
  address_2: 'address.line2',
  zip_code: 'address.zipCode',
  city: 'address.city',
  state: 'address.state',
  country: 'address.countryCode',
  note: 'note',
};

function codeOf(message: string): FieldErrorCode {
  if (/is required/i.test(message)) return 'required';
  if (/longer than|too long|max/i.test(message)) return 'too_long';
  if (/e-?mail/i.test(message)) return 'invalid_email';
  if (/date|YYYY/i.test(message)) return 'invalid_date';
  return 'invalid';
}

/**
 * A `{status:"fail", error:{message}}` as a field error: the one-of message
 * lands on the contact group, "`firstname` is required." (or "firstname is required") on the first name.
 * The message itself is read, never passed on.
 */
export function fieldErrorOf(body: unknown): FieldError | undefined {
  const parsed = v.safeParse(FailSchema, body);
  if (!parsed.success) return undefined;
  const { message } = parsed.output.error;
  if (/at least one of/i.test(message)) return { field: CONTACT_RULE, code: 'one_required' };
  // The doc writes the field as "[field] is required"; its example quotes names in backticks. Either form;
  // GUESS: an unquoted name is the message's first word, before "is", "must" or "may".
  const named = /`([a-z_0-9]+)`/.exec(message)?.[1] ?? /^\s*\[?([a-z_0-9]+)\]?\s+(?:is|must|may)\b/i.exec(message)?.[1]?.toLowerCase();
  const field = named ? FIELDS[named] : undefined;
  return field ? { field, code: codeOf(message) } : undefined;
}
