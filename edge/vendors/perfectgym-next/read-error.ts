import * as v from 'valibot';
import type { FieldError } from '../../../shared/api-error';
import type { FieldErrorCode } from '../../../shared/error-codes';
import type { DeliveryMeta } from '../vendor-adapter';
import type { LeadConfig } from './lead-config';
import type { LeadRequest } from './to-lead-request';

/** The documented error body; `errorMessage` is read by nobody: it never reaches a visitor. */
export const ErrorResponseSchema = v.object({
  errorMessage: v.optional(v.string()),
  errorCode: v.optional(v.string()),
  traceId: v.optional(v.string()),
  reference: v.optional(v.string()),
});

const REFERENCES: Record<string, string> = {
  'leadCustomer.firstname': 'firstName',
  'leadCustomer.secondFirstname': 'secondFirstName',
  'leadCustomer.lastname': 'lastName',
  'leadCustomer.secondLastname': 'secondLastName',
  'leadCustomer.email': 'email',
  'leadCustomer.telephone': 'phone',
  'leadCustomer.gender': 'gender',
  'leadCustomer.dateOfBirth': 'birthDate',
  'address.street': 'address.street',
  'address.houseNumber': 'address.houseNumber',
  'address.zipCode': 'address.zipCode',
  'address.city': 'address.city',
  'address.countryCode': 'address.countryCode',
  address: 'address.street',
  notes: 'note',
};

/**
 * Parts of the request the visitor never typed: a refusal naming one is the form's
 * setup for the operator to fix (the campaign list, the language country, the
 * submission id as thirdPartyId), never a field error and never a bare rejection.
 */
const OPERATOR_REFERENCES: readonly (readonly [RegExp, string])[] = [
  [/^externalIdentifier$/, 'VENDOR_CAMPAIGN_REFUSED'],
  [/^leadCustomer\.language(\.|$)/, 'VENDOR_LANGUAGE_REFUSED'],
  [/^leadCustomer\.thirdPartyId$/, 'VENDOR_THIRD_PARTY_ID_REFUSED'],
];

/** The operator's code for a 400 whose reference names a part of the request Leadgate fills in itself. */
export function operatorCodeOf(body: unknown): string | undefined {
  const parsed = v.safeParse(ErrorResponseSchema, body);
  const reference = parsed.success ? parsed.output.reference : undefined;
  return reference === undefined ? undefined : OPERATOR_REFERENCES.find(([pattern]) => pattern.test(reference))?.[1];
}

function fieldCode(errorCode: string | undefined): FieldErrorCode {
  const code = errorCode ?? '';
  if (/REQUIRED|MISSING|MANDATORY|EMPTY/i.test(code)) return 'required';
  if (/EMAIL/i.test(code)) return 'invalid_email';
  if (/PHONE/i.test(code)) return 'invalid_phone';
  if (/LENGTH|LONG/i.test(code)) return 'too_long';
  if (/DATE/i.test(code)) return 'invalid_date';
  return 'invalid';
}

/** The form field a vendor `reference` (e.g. `leadCustomer.email`, `additionalInformation[2].value`) points at. */
export function referenceToField(reference: string, request: LeadRequest, marketing: DeliveryMeta['marketing'], config: LeadConfig): string | undefined {
  if (reference === 'additionalInformation') {
    // The list as a whole: a MANDATORY question is missing from it.
    const sent = new Set(request.additionalInformation?.map((a) => a.additionalFieldId));
    const missing = config.additionalInformation.find((f) => f.mode === 'MANDATORY' && !sent.has(f.additionalFieldId));
    return missing ? `custom.${missing.additionalFieldId}` : undefined;
  }
  const direct = REFERENCES[reference] ?? REFERENCES[reference.replace(/\[\d+\].*$/, '')];
  if (direct) return direct;
  const additional = /^additionalInformation\[(\d+)\]/.exec(reference);
  const part = /^address\.(\w+)$/.exec(reference);
  if (part) return `address.${part[1]}`;
  if (additional) {
    const id = request.additionalInformation?.[Number(additional[1])]?.additionalFieldId;
    return id === undefined ? undefined : `custom.${id}`;
  }
  if (reference.startsWith('communicationPreferences')) return marketing === 'single' ? 'consent.marketing' : 'consent.channels';
  return undefined;
}

/** A 400's field error, when the vendor's reference names a field the form has. */
export function fieldErrorOf(body: unknown, request: LeadRequest, meta: DeliveryMeta, config: LeadConfig): FieldError | undefined {
  const parsed = v.safeParse(ErrorResponseSchema, body);
  if (!parsed.success || !parsed.output.reference) return undefined;
  const field = referenceToField(parsed.output.reference, request, meta.marketing, config);
  return field ? { field, code: fieldCode(parsed.output.errorCode) } : undefined;
}

export function errorCodeOf(body: unknown): string | undefined {
  const parsed = v.safeParse(ErrorResponseSchema, body);
  return parsed.success ? parsed.output.errorCode : undefined;
}
