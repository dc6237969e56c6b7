import * as v from 'valibot';
import type { FieldError } from '../../../shared/api-error';
import type { FieldErrorCode } from '../../../shared/error-codes';

/** FACT for v1, COMMUNITY for v2: `{ errors: [{ code, property?, message? }] }`. The message is never read. */
const ErrorsSchema = v.object({
  errors: v.array(
    v.object({
      code: v.optional(v.nullable(v.string())),
      property: v.optional(v.nullable(v.string())),
    }),
  ),
});

// Properties the visitor typed; matched ignoring case (.NET's binder does), any prefix dropped.
const FIELDS: Readonly<Record<string, string>> = {
  firstname: 'firstName',
  lastname: 'lastName',
  email: 'email',
  phone: 'phone',
  phonenumber: 'phone',
};

// Properties from the form's configuration: only the operator can fix them. Agreements too: the
// privacy one is always agreed to, so a refused agreement is one the installation does not have,
// or one it requires that the form maps to no checkbox, or to the optional marketing one.
const SETUP: Readonly<Record<string, string>> = {
  clubid: 'VENDOR_INVALID_CLUB',
  sourceid: 'VENDOR_INVALID_SOURCE',
  campaignid: 'VENDOR_INVALID_CAMPAIGN',
  inquiredviaid: 'VENDOR_INVALID_INQUIRED_VIA',
  consultantid: 'VENDOR_INVALID_CONSULTANT',
  agreements: 'VENDOR_INVALID_AGREEMENT',
};

function fieldCode(code: string, field: string): FieldErrorCode {
  if (/required|empty|missing/i.test(code)) return 'required';
  if (/long|length/i.test(code)) return 'too_long';
  if (field === 'email') return 'invalid_email';
  if (field === 'phone') return 'invalid_phone';
  return 'invalid';
}

/** `Phone`, `model.Phone` or `Agreements[1].HasAgreed` as the lower-case name it concerns: `phone`, `agreements`. */
function propertyName(property: string): string {
  const agreement = /(?:^|\.)agreements(?:\[\d+\])?(?:\.\w+)?$/i.test(property);
  return agreement ? 'agreements' : (property.toLowerCase().split('.').pop() ?? '');
}

/** What a 400 from AddLead says: field errors the visitor can fix, or a setup code for the operator. */
export interface AddLeadRefusal {
  readonly fields: readonly FieldError[];
  readonly setupCode: string | undefined;
  /** The first error's code, kept for the ledger (e.g. `PhoneNumberInvalid`). */
  readonly vendorCode: string | undefined;
}

/** Reads a refusal's `errors`; a body of another shape reads as a refusal naming nothing. */
export function readAddLeadRefusal(body: unknown): AddLeadRefusal {
  const parsed = v.safeParse(ErrorsSchema, body);
  const errors = parsed.success ? parsed.output.errors : [];
  const fields: FieldError[] = [];
  let setupCode: string | undefined;
  for (const error of errors) {
    const name = propertyName((error.property ?? '').trim());
    const field = FIELDS[name];
    if (field && !fields.some((f) => f.field === field)) fields.push({ field, code: fieldCode(error.code ?? '', field) });
    if (!field && SETUP[name]) setupCode ??= SETUP[name];
  }
  return { fields, setupCode, vendorCode: errors.find((e) => e.code)?.code ?? undefined };
}
