import * as v from 'valibot';
import { ConsentConfigSchema } from '../../config/common-form-config';
import { HttpUrlSchema, IdSchema, RateLimitSchema, SecretNameSchema, TimeoutSchema } from '../../config/config-schemas';
import { PHONE_COUNTRIES } from '../phone-e164';

/**
 * PerfectGym Classic (PGM): the installation's address, e.g. `https://city.perfectgym.com` or a
 * regional one such as `https://city.perfectgym.com.au`, without `/Api`: the adapter adds the
 * versioned API paths itself.
 */
const ClassicBaseUrlSchema = v.pipe(
  HttpUrlSchema,
  // v.url's issue does not stop the pipe: a string that is no URL has no path to judge.
  v.check(
    (u) => !URL.canParse(u) || !/\/api(?:\/|$)/i.test(new URL(u).pathname),
    'must not contain /Api (give the address of the installation, e.g. https://city.perfectgym.com)',
  ),
  v.check((u) => !/[?#]/.test(u), 'must have no query or fragment'),
);

/** PerfectGym Classic: an API client (client id and secret, sent as headers on every request) and a club. */
export const PerfectGymClassicConnectionSchema = v.strictObject({
  baseUrl: ClassicBaseUrlSchema,
  /** The club (`clubId`) every lead of the form belongs to. */
  clubId: IdSchema,
  /** Name of the Worker secret holding the API client's Client ID (`X-Client-Id`). */
  clientIdSecret: SecretNameSchema,
  /** Name of the Worker secret holding the API client's Client Secret (`X-Client-Secret`). */
  clientSecretSecret: SecretNameSchema,
  timeoutMs: TimeoutSchema,
  rateLimitPerMinute: RateLimitSchema,
});
export type PerfectGymClassicConnection = v.InferOutput<typeof PerfectGymClassicConnectionSchema>;

/** What PerfectGym Classic sets on every lead of the form; the ids are the installation's own. */
export const PerfectGymClassicDefaultsSchema = v.strictObject({
  sourceId: v.optional(IdSchema),
  campaignId: v.optional(IdSchema),
  /** How the lead got in touch, e.g. the installation's "Web form inquiry". */
  inquiredViaId: v.optional(IdSchema),
});
export type PerfectGymClassicDefaults = v.InferOutput<typeof PerfectGymClassicDefaultsSchema>;

/** Which of the form's consent checkboxes an agreement type of the installation records. */
export const AGREEMENT_FIELDS = ['privacy', 'marketing'] as const;

const repeated = <T>(items: readonly T[]): T | undefined => items.find((item, index) => items.indexOf(item) !== index);

/** The form's consent checkboxes as PerfectGym Classic agreements: `agreements: [{ id, hasAgreed }]`. */
export const PerfectGymClassicAgreementsSchema = v.pipe(
  v.array(
    v.strictObject({
      id: IdSchema,
      field: v.picklist(AGREEMENT_FIELDS, 'must be "privacy" or "marketing" (the consent checkbox the agreement records)'),
    }),
    'must be a list such as [{ "id": 2, "field": "privacy" }, { "id": 5, "field": "marketing" }]',
  ),
  v.check(
    (list) => repeated(list.map((a) => a.id)) === undefined,
    (issue) => `lists agreement ${repeated((issue.input as { id: number }[]).map((a) => a.id))} twice`,
  ),
  v.check(
    (list) => repeated(list.map((a) => a.field)) === undefined,
    (issue) => `maps "${repeated((issue.input as { field: string }[]).map((a) => a.field))}" twice: one agreement per checkbox`,
  ),
);
export type PerfectGymClassicAgreement = v.InferOutput<typeof PerfectGymClassicAgreementsSchema>[number];

/** PerfectGym Classic records consent as agreements, without channels: one marketing checkbox or none. */
export const ClassicConsentSchema = v.strictObject({
  ...ConsentConfigSchema.entries,
  marketing: v.optional(v.picklist(['single', 'none'], 'must be "single" or "none" (PerfectGym Classic has agreements, no channel matrix)'), 'single'),
});

/** The country a phone number typed without its country code belongs to (ISO 3166-1 alpha-2). */
export const DefaultCountrySchema = v.picklist(
  PHONE_COUNTRIES,
  `must be one of ${PHONE_COUNTRIES.join(', ')} (the country of numbers typed without a country code)`,
);

/**
 * What an enquiry from an installation's member becomes: a lead that names the member
 * (`lead-with-note`, the default: the enquiry reaches staff), or the duplicate outcome with
 * nothing added (`duplicate`).
 */
export const EXISTING_MEMBER = ['lead-with-note', 'duplicate'] as const;
export type ExistingMember = (typeof EXISTING_MEMBER)[number];
export const ExistingMemberSchema = v.picklist(EXISTING_MEMBER, 'must be "lead-with-note" or "duplicate"');
