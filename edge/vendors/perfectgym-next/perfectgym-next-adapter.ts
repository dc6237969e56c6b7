import * as v from 'valibot';
import { DEFAULT_ATTRIBUTION } from '../../config/attribution-config';
import { delivered, duplicate, misconfigured, type Outcome, rejected, transient } from '../outcome';
import type { DeliveryMeta } from '../vendor-adapter';
import { type VendorAdapter, VendorMisconfiguredError, VendorUnavailableError } from '../vendor-adapter';
import { callVendor, createCallFailure, keyedVendorFailure, type VendorAnswer } from '../vendor-http';
import { describeLeadConfig } from './describe-lead-config';
import { type LeadConfig, LeadConfigSchema } from './lead-config';
import type { ExtraField, OpenApiAttributionConfig } from './perfectgym-next-config';
import { errorCodeOf, fieldErrorOf, operatorCodeOf } from './read-error';
import { type LeadRequest, toLeadRequest } from './to-lead-request';

export interface PerfectGymNextOptions {
  /** The tenant base URL from the activation email, ending in `/v1`. */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly timeoutMs: number;
  /** Where the lead's campaign and origin go, and the studio's campaign ids; the schema's defaults when absent. */
  readonly attribution?: OpenApiAttributionConfig;
  /** Documented fields the form switched on. */
  readonly extraFields?: readonly ExtraField[];
  /** Sent as `language.countryCode` with the visitor's language. */
  readonly languageCountryCode?: string | undefined;
}

const ValidateResultSchema = v.object({
  // The older trial-offer endpoint calls it `validationStatus`; read either.
  status: v.optional(v.string()),
  validationStatus: v.optional(v.string()),
});
const CreateResultSchema = v.object({
  id: v.union([v.number(), v.string()]),
  // 1.11 documents all three as required; Magicline 1.9 had no customerId, so each is read if there.
  customerId: v.optional(v.union([v.number(), v.string()])),
  uuid: v.optional(v.string()),
  customerNumber: v.optional(v.string()),
});

/** The create answer's ids: the lead id is the vendor id, the customer's ids go with it as refs. */
function deliveredFrom(body: unknown): Outcome {
  const ids = v.safeParse(CreateResultSchema, body);
  // The vendor said yes; an unreadable id is logged by the caller, the lead is there.
  if (!ids.success) return delivered(undefined);
  const { id, customerId, uuid, customerNumber } = ids.output;
  const refs: Record<string, string> = {};
  if (customerId !== undefined) refs.customerId = String(customerId);
  if (uuid) refs.uuid = uuid;
  if (customerNumber) refs.customerNumber = customerNumber;
  return delivered(String(id), refs);
}

/** A non-2xx answer of the lead endpoints that is not about the call itself (no answer, 429, 5xx, 401/403/404). */
function refusalOutcome(status: number, body: unknown, request: LeadRequest, meta: DeliveryMeta, config: LeadConfig): Outcome {
  const vendorCode = errorCodeOf(body);
  if (status === 409 && vendorCode === 'DUPLICATE_CUSTOMER') {
    // GUESS: a create racing another create for the same email; validate normally catches it first.
    // After a lost answer that other create is most likely ours (see OPEN_API_RECONCILE).
    return meta.afterUnknown ? delivered(undefined) : duplicate({ kept: undefined });
  }
  if (status === 400) {
    const operatorCode = operatorCodeOf(body);
    if (operatorCode) return misconfigured(operatorCode);
    const field = fieldErrorOf(body, request, meta, config);
    return rejected(field ? [field] : [], vendorCode);
  }
  return rejected([], vendorCode ?? `status_${status}`);
}

/** Validate's answers other than 200: nothing was created, so no answer at all is only transient. */
function validateFailure(answer: VendorAnswer, request: LeadRequest, meta: DeliveryMeta, config: LeadConfig): Outcome {
  const failure = keyedVendorFailure(answer);
  if (failure) return failure;
  const { status, body } = answer as Extract<VendorAnswer, { ok: true }>;
  return refusalOutcome(status, body, request, meta, config);
}

/** Create's answer: a lost one (no answer, 5xx) is unknown, for the next attempt to reconcile. */
function createOutcome(answer: VendorAnswer, request: LeadRequest, meta: DeliveryMeta, config: LeadConfig): Outcome {
  const failure = createCallFailure(answer) ?? keyedVendorFailure(answer);
  if (failure) return failure;
  const { status, body } = answer as Extract<VendorAnswer, { ok: true }>;
  if (status >= 200 && status <= 299) return deliveredFrom(body);
  return refusalOutcome(status, body, request, meta, config);
}

/**
 * PerfectGym Next (and Magicline's Open API, which has the same `/v1/leads/*`):
 * `GET /leads/config` describes the form; a lead is validated, then created.
 */
export function perfectGymNextAdapter(options: PerfectGymNextOptions): VendorAdapter<LeadConfig> {
  const base = options.baseUrl.replace(/\/+$/, '');
  const headers = { 'X-API-KEY': options.apiKey, Accept: 'application/json', 'Accept-Language': 'en' };
  const extra = { extraFields: options.extraFields ?? [], languageCountryCode: options.languageCountryCode };
  const post = (path: string, body: LeadRequest) =>
    callVendor(`${base}${path}`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      timeoutMs: options.timeoutMs,
    });

  return {
    async fetchRules() {
      const answer = await callVendor(`${base}/leads/config`, { headers, timeoutMs: options.timeoutMs });
      if (!answer.ok) throw new VendorUnavailableError(answer.reason);
      if (answer.status === 401 || answer.status === 403) throw new VendorMisconfiguredError('VENDOR_AUTH_FAILED');
      if (answer.status === 404) throw new VendorMisconfiguredError('VENDOR_NOT_FOUND');
      if (answer.status !== 200) throw new VendorUnavailableError(`status_${answer.status}`, answer.status);
      const config = v.safeParse(LeadConfigSchema, answer.body);
      if (!config.success) throw new VendorUnavailableError('unreadable_config');
      return config.output;
    },

    parseRules(raw) {
      const config = v.safeParse(LeadConfigSchema, raw);
      return config.success ? config.output : undefined;
    },

    describe: (config) => describeLeadConfig(config, extra.extraFields),

    async deliver(lead, config, meta) {
      const request = toLeadRequest(lead, config, meta, options.attribution ?? DEFAULT_ATTRIBUTION, extra);
      const check = await post('/leads/validate', request);
      if (!check.ok || check.status !== 200) return validateFailure(check, request, meta, config);
      const result = v.safeParse(ValidateResultSchema, check.body);
      const status = result.success ? (result.output.status ?? result.output.validationStatus) : undefined;
      if (status === 'DUPLICATE_CUSTOMER') {
        // After a lost create answer: the first attempt's validate said POSSIBLE, so a customer
        // with this email appeared since, and the body (thirdPartyId = this submission) is the
        // same. What validate cannot tell: whether someone else created that customer in
        // between (front desk, another integration); it names no customer, so no vendor id.
        if (meta.afterUnknown) return delivered(undefined);
        // A real earlier customer. The lead endpoints have no way to add the visitor's
        // message or campaign to an existing customer: nothing is kept at the vendor.
        return duplicate({ kept: undefined });
      }
      // The docs: take the validation errors from the create answer. A create that
      // refuses names the field in its 400 `reference`; one that accepts has delivered.
      if (status !== 'POSSIBLE' && status !== 'INVALID_LEAD_DATA') return transient('unreadable_validation');
      return createOutcome(await post('/leads/create', request), request, meta, config);
    },
  };
}
