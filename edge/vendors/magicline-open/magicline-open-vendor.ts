import { perfectGymNextAdapter } from '../perfectgym-next/perfectgym-next-adapter';
import { OPEN_API_FORM_ENTRIES, OPEN_API_RATE_LIMIT_PER_MINUTE } from '../perfectgym-next/perfectgym-next-config';
import { OPEN_API_ATTRIBUTION, OPEN_API_RECONCILE } from '../perfectgym-next/perfectgym-next-vendor';
import { studioKey } from '../perfectgym-next/studio-key';
import { defineVendor } from '../vendor-descriptor';

/** Magicline's Open API: the same `/v1/leads/*` endpoints as PerfectGym Next (Sport Alliance runs both), so the same adapter. */
export const magiclineOpen = defineVendor({
  name: 'magicline-open',
  label: 'Magicline Open API',
  entries: OPEN_API_FORM_ENTRIES,
  connectionKey: (form) => studioKey('magicline-open', form.connection),
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
