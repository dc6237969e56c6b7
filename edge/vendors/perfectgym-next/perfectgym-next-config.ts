import * as v from 'valibot';
import { ATTRIBUTION_SETTINGS, unknownAttributionSetting } from '../../config/attribution-config';
import { HttpUrlSchema, RateLimitSchema, SecretNameSchema, TimeoutSchema } from '../../config/config-schemas';

/** PerfectGym Next and Magicline's Open API share the `/v1/leads/*` endpoints and this connection. */
export const OpenApiConnectionSchema = v.strictObject({
  /** The base URL from the activation email, ending in `/v1`. */
  baseUrl: v.pipe(
    HttpUrlSchema,
    v.check((u) => /\/v1\/?$/.test(u), 'must end with /v1 (the base URL from the activation email)'),
  ),
  /** Name of the Worker secret holding the studio's X-API-KEY. */
  apiKeySecret: SecretNameSchema,
  timeoutMs: TimeoutSchema,
  rateLimitPerMinute: RateLimitSchema,
});
export type OpenApiConnection = v.InferOutput<typeof OpenApiConnectionSchema>;

/** "The default rate limit is 1000 requests per minute", per endpoint. */
export const OPEN_API_RATE_LIMIT_PER_MINUTE = 1000;

const CampaignIdSchema = v.pipe(
  v.string('must be a string'),
  v.minLength(1, 'must not be empty'),
  v.maxLength(500, 'is too long'),
  v.check((id) => id === id.trim(), 'must not start or end with a space'),
);

/**
 * The `/v1/leads` attribution: the common settings, and the studio's campaign ids.
 * The page's campaign becomes `externalIdentifier` only when it is one of them.
 */
export const OpenApiAttributionConfigSchema = v.strictObject(
  {
    ...ATTRIBUTION_SETTINGS,
    /** The external ids of the studio's campaigns; absent sends no `externalIdentifier` at all. */
    campaigns: v.optional(v.array(CampaignIdSchema, 'must be a list of campaign ids, e.g. ["CMPGN-123"]')),
  },
  unknownAttributionSetting('campaign, notes, campaigns; "sources" is for Virtuagym forms only'),
);
export type OpenApiAttributionConfig = v.InferOutput<typeof OpenApiAttributionConfigSchema>;

/** Documented lead fields Leadgate leaves out unless a form switches them on (`extraFields`). */
export const EXTRA_FIELDS = [
  'secondFirstName',
  'secondLastName',
  'address.province',
  'address.provinceCode',
  'address.secondStreet',
  'address.cityPart',
  'address.district',
  'address.streetType',
  'address.streetBlock',
  'address.portal',
  'address.stairway',
  'address.door',
  'address.additionalAddressInformation',
  'address.floor',
  'address.buildingName',
] as const;
export type ExtraField = (typeof EXTRA_FIELDS)[number];

/** The form's own `/v1/leads` options, beside the connection. */
export const OPEN_API_FORM_ENTRIES = {
  connection: OpenApiConnectionSchema,
  attribution: v.optional(OpenApiAttributionConfigSchema, {}),
  /** Documented fields the form asks for too; the address parts only where the studio's `addressMode` shows the address. */
  extraFields: v.optional(v.array(v.picklist(EXTRA_FIELDS, `must be one of ${EXTRA_FIELDS.join(', ')}`), 'must be a list of field names'), []),
  /** Sent as `leadCustomer.language.countryCode` with the visitor's language (e.g. "CH" for de-CH); absent sends none. */
  languageCountryCode: v.optional(v.pipe(v.string('must be a string'), v.regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as "CH"'))),
};
