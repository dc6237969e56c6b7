import { defineVendor } from '../vendor-descriptor';
import { perfectGymNextAdapter } from './perfectgym-next-adapter';
import { OPEN_API_FORM_ENTRIES, OPEN_API_RATE_LIMIT_PER_MINUTE } from './perfectgym-next-config';
import { studioKey } from './studio-key';

/**
 * The reconciliation both `/v1/leads` vendors share. What it cannot tell: validate
 * answers DUPLICATE_CUSTOMER for any customer with the visitor's email, with no id,
 * so a copy someone else created in between (the front desk, another integration)
 * counts as ours.
 */
export const OPEN_API_RECONCILE = {
  strategy: 'vendor-deduplicates',
  how:
    'after a lost create answer, `/leads/validate` is asked again with the same body (thirdPartyId = submission id): ' +
    'DUPLICATE_CUSTOMER means the earlier create landed (delivered, without the vendor id: validate gives none); ' +
    'POSSIBLE means it did not, and the lead is created once',
} as const;

/** Where a lead's attribution goes in a `/v1/leads` lead. */
export const OPEN_API_ATTRIBUTION = { campaign: 'externalIdentifier', notes: 'notes' } as const;

/** PerfectGym Next: `GET /v1/leads/config` describes the form; a lead is validated, then created. */
export const perfectGymNext = defineVendor({
  name: 'perfectgym-next',
  label: 'PerfectGym Next',
  entries: OPEN_API_FORM_ENTRIES,
  connectionKey: (form) => studioKey('perfectgym-next', form.connection),
  ratePerMinute: (form) => form.connection.rateLimitPerMinute ?? OPEN_API_RATE_LIMIT_PER_MINUTE,
  capabilities: { reconcile: OPEN_API_RECONCILE, attribution: OPEN_API_ATTRIBUTION },
  createAdapter: (form, secrets) =>
    perfectGymNextAdapter({
      baseUrl: form.connection.baseUrl,
      apiKey: secrets(form.connection.apiKeySecret),
      timeoutMs: form.connection.timeoutMs,
      attribution: form.attribution,
      extraFields: form.extraFields,
      languageCountryCode: form.languageCountryCode,
    }),
});
