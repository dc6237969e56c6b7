import * as v from 'valibot';
import { defineVendor } from '../vendor-descriptor';
import { perfectGymClassicAdapter } from './perfectgym-classic-adapter';
import {
  ClassicConsentSchema,
  PerfectGymClassicAgreementsSchema,
  PerfectGymClassicConnectionSchema,
  PerfectGymClassicDefaultsSchema,
} from './perfectgym-classic-config';

/**
 * PerfectGym Classic (PGM): an API client's id and secret on every request;
 * a member lookup by email, then `Crm2/AddLead`. A fixed field list.
 */
export const perfectGymClassic = defineVendor({
  name: 'perfectgym-classic',
  label: 'PerfectGym Classic',
  entries: {
    connection: PerfectGymClassicConnectionSchema,
    consent: ClassicConsentSchema,
    defaults: v.optional(PerfectGymClassicDefaultsSchema, {}),
    /** Agreement types of the installation that the consent checkboxes record. */
    agreements: v.optional(PerfectGymClassicAgreementsSchema, []),
    // AddLead has no note and no field a page parameter could fill: nothing to set.
    attribution: v.optional(
      v.strictObject({}, 'takes no settings: PerfectGym Classic has no note for the attribution block, and its campaign is defaults.campaignId'),
      {},
    ),
  },
  connectionKey: (form) => `perfectgym-classic:${form.connection.baseUrl}`,
  ratePerMinute: (form) => form.connection.rateLimitPerMinute,
  capabilities: {
    reconcile: { strategy: 'none', how: 'a create whose answer was lost is sent again' },
    attribution: {},
  },
  createAdapter: (form, secrets) =>
    perfectGymClassicAdapter({
      baseUrl: form.connection.baseUrl,
      clubId: form.connection.clubId,
      clientId: secrets(form.connection.clientIdSecret),
      clientSecret: secrets(form.connection.clientSecretSecret),
      defaults: form.defaults,
      agreements: form.agreements,
      timeoutMs: form.connection.timeoutMs,
    }),
});
