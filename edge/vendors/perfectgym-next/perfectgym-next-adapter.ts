import * as v from 'valibot';
import type { AttributionConfig } from '../../config/attribution-config';
import { DEFAULT_ATTRIBUTION } from '../../config/attribution-config';
import { delivered, duplicate, type Outcome, rejected, transient } from '../outcome';
import type { DeliveryMeta } from '../vendor-adapter';
import { type VendorAdapter, VendorMisconfiguredError, VendorUnavailableError } from '../vendor-adapter';
import { callVendor, keyedVendorFailure, type VendorAnswer } from '../vendor-http';
import { describeLeadConfig } from './describe-lead-config';
import { type LeadConfig, LeadConfigSchema } from './lead-config';
import { errorCodeOf, fieldErrorOf } from './read-error';
import { type LeadRequest, toLeadRequest } from './to-lead-request';

export interface PerfectGymNextOptions {
  /** The tenant base URL from the activation email, ending in `/v1`. */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly timeoutMs: number;
  /** Where the lead's campaign and origin go; the schema's defaults when absent. */
  readonly attribution?: AttributionConfig;
}

const ValidateResultSchema = v.object({
  // The older trial-offer endpoint calls it `validationStatus`; read either.
  status: v.optional(v.string()),
  validationStatus: v.optional(v.string()),
});
const CreateResultSchema = v.object({ id: v.union([v.number(), v.string()]) });

/** Every non-2xx answer of the lead endpoints mapped to an Outcome. */
function failureOutcome(answer: VendorAnswer, request: LeadRequest, meta: DeliveryMeta, config: LeadConfig): Outcome {
  const failure = keyedVendorFailure(answer);
  if (failure) return failure;
  const { status, body } = answer as Extract<VendorAnswer, { ok: true }>;
  const vendorCode = errorCodeOf(body);
  // GUESS: a create racing another create for the same email; validate normally catches it first.
  if (status === 409 && vendorCode === 'DUPLICATE_CUSTOMER') return duplicate();
  if (status === 400) {
    const field = fieldErrorOf(body, request, meta, config);
    return rejected(field ? [field] : [], vendorCode);
  }
  return rejected([], vendorCode ?? `status_${status}`);
}

/**
 * PerfectGym Next (and Magicline's Open API, which has the same `/v1/leads/*`):
 * `GET /leads/config` describes the form; a lead is validated, then created.
 */
export function perfectGymNextAdapter(options: PerfectGymNextOptions): VendorAdapter<LeadConfig> {
  const base = options.baseUrl.replace(/\/+$/, '');
  const headers = { 'X-API-KEY': options.apiKey, Accept: 'application/json', 'Accept-Language': 'en' };
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

    describe: describeLeadConfig,

    async deliver(lead, config, meta) {
      const request = toLeadRequest(lead, config, meta, options.attribution ?? DEFAULT_ATTRIBUTION);
      const check = await post('/leads/validate', request);
      if (!check.ok || check.status !== 200) return failureOutcome(check, request, meta, config);
      const result = v.safeParse(ValidateResultSchema, check.body);
      const status = result.success ? (result.output.status ?? result.output.validationStatus) : undefined;
      if (status === 'DUPLICATE_CUSTOMER') return duplicate();
      if (status === 'INVALID_LEAD_DATA') return rejected([], status);
      if (status !== 'POSSIBLE') return transient('unreadable_validation');

      const created = await post('/leads/create', request);
      if (!created.ok || created.status < 200 || created.status > 299) return failureOutcome(created, request, meta, config);
      const id = v.safeParse(CreateResultSchema, created.body);
      // The vendor said yes; an unreadable id is logged by the caller, the lead is there.
      return delivered(id.success ? String(id.output.id) : undefined);
    },
  };
}
