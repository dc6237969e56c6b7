import { defineVendor } from '../vendor-descriptor';
import { perfectGymNextAdapter } from './perfectgym-next-adapter';
import { OPEN_API_RATE_LIMIT_PER_MINUTE, OpenApiConnectionSchema } from './perfectgym-next-config';

/** The reconciliation both `/v1/leads` vendors share. */
export const OPEN_API_RECONCILE = {
  strategy: 'vendor-deduplicates',
  how: '`/leads/validate` answers DUPLICATE_CUSTOMER for a lead the vendor already has, so a repeated attempt creates nothing',
} as const;

/** Where a lead's attribution goes in a `/v1/leads` lead. */
export const OPEN_API_ATTRIBUTION = { campaign: 'externalIdentifier', notes: 'notes' } as const;

/** PerfectGym Next: `GET /v1/leads/config` describes the form; a lead is validated, then created. */
export const perfectGymNext = defineVendor({
  name: 'perfectgym-next',
  label: 'PerfectGym Next',
  entries: { connection: OpenApiConnectionSchema },
  connectionKey: (form) => `perfectgym-next:${form.connection.baseUrl}`,
  ratePerMinute: (form) => form.connection.rateLimitPerMinute ?? OPEN_API_RATE_LIMIT_PER_MINUTE,
  capabilities: { reconcile: OPEN_API_RECONCILE, attribution: OPEN_API_ATTRIBUTION },
  createAdapter: (form, secrets) =>
    perfectGymNextAdapter({
      baseUrl: form.connection.baseUrl,
      apiKey: secrets(form.connection.apiKeySecret),
      timeoutMs: form.connection.timeoutMs,
      attribution: form.attribution,
    }),
});
