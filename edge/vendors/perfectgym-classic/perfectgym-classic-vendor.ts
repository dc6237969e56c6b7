import * as v from 'valibot';
import { log } from '../../logger';
import { defineVendor } from '../vendor-descriptor';
import { perfectGymClassicAdapter } from './perfectgym-classic-adapter';
import {
  ClassicConsentSchema,
  DefaultCountrySchema,
  ExistingMemberSchema,
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
    /** The country of phone numbers typed without a country code; without it such a number is refused on the phone field. */
    defaultCountry: v.optional(DefaultCountrySchema),
    /** What a member's enquiry becomes: a lead naming the member (default), or the duplicate outcome. */
    existingMember: v.optional(ExistingMemberSchema, 'lead-with-note'),
    // AddLead has no note and no field a page parameter could fill: nothing to set.
    attribution: v.optional(
      v.strictObject({}, 'takes no settings: PerfectGym Classic has no note for the attribution block, and its campaign is defaults.campaignId'),
      {},
    ),
  },
  connectionKey: (form) => `perfectgym-classic:${form.connection.baseUrl}`,
  ratePerMinute: (form) => form.connection.rateLimitPerMinute,
  capabilities: {
    reconcile: {
      strategy: 'lookup',
      how: 'the installation’s CRM leads (OData Crm2Leads) are searched by email since the lead was received: one found is delivered, none is added once, a search that fails is left to an operator',
    },
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
      defaultCountry: form.defaultCountry,
      existingMember: form.existingMember,
      // Codes only: never the email, the member's id or name.
      onMemberLookup: (event) =>
        log(event.result === 'failed' ? 'warn' : 'info', `classic_member_lookup_${event.result}`, undefined, { formId: form.id, ...event }),
    }),
});
