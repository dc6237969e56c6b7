import * as v from 'valibot';
import { ATTRIBUTION_SETTINGS, unknownAttributionSetting } from '../../config/attribution-config';
import { HttpUrlSchema, IdSchema, RateLimitSchema, SecretNameSchema, TimeoutSchema } from '../../config/config-schemas';
import { EXTRA_FIELDS } from './describe-virtuagym-form';

/** Virtuagym v3: OAuth2 client credentials per club (Keycloak), then the gateway. */
export const VirtuagymConnectionSchema = v.strictObject({
  clubId: IdSchema,
  /** Name of the Worker secret holding the OAuth `client_id`. */
  clientIdSecret: SecretNameSchema,
  /** Name of the Worker secret holding the OAuth `client_secret`. */
  clientSecretSecret: SecretNameSchema,
  tokenUrl: v.optional(HttpUrlSchema, 'https://iam.services.virtuagym.com/auth/realms/virtuagym/protocol/openid-connect/token'),
  apiBaseUrl: v.optional(HttpUrlSchema, 'https://gateway.services.virtuagym.com'),
  timeoutMs: TimeoutSchema,
  rateLimitPerMinute: RateLimitSchema,
});
export type VirtuagymConnection = v.InferOutput<typeof VirtuagymConnectionSchema>;

/** What Virtuagym sets on every lead of the form. */
export const VirtuagymDefaultsSchema = v.strictObject({
  /** Lead status (1 New … 13 Closed - third party aggregators). */
  statusId: v.optional(v.pipe(IdSchema, v.maxValue(13, 'must be a Virtuagym status id (1-13)')), 1),
  /** The club's lead source id. */
  source: v.optional(IdSchema),
  /** The staff member who owns new leads. */
  ownerId: v.optional(IdSchema),
});

/** Documented parameters left out by default that the form asks for too: `mobile` (counts as a contact), `address.line2`, `address.state`. */
export const VirtuagymExtraFieldsSchema = v.pipe(
  v.array(v.picklist(EXTRA_FIELDS, `must list only ${EXTRA_FIELDS.join(', ')}`)),
  v.check((names) => new Set(names).size === names.length, 'lists a field twice'),
);

/** A key that differs from an earlier one only in case. */
function repeatedKey(map: Readonly<Record<string, unknown>>): string | undefined {
  const seen = new Set<string>();
  for (const key of Object.keys(map)) {
    if (seen.has(key.toLowerCase())) return key;
    seen.add(key.toLowerCase());
  }
  return undefined;
}

/** Virtuagym's lead source ids by utm_source, matched ignoring case. */
const LeadSourcesSchema = v.pipe(
  v.record(
    v.pipe(
      v.string('must be a string'),
      v.minLength(1, 'must not be empty'),
      v.maxLength(500, 'is too long'),
      // The page's values arrive trimmed, so a padded key would never match.
      v.check((key) => key === key.trim(), 'must not start or end with a space'),
    ),
    v.pipe(v.number('must be a lead source id (a number)'), v.integer('must be a whole number'), v.minValue(1, 'must be positive')),
    'must be an object mapping utm_source values to lead source ids, e.g. { "instagram": 12 }',
  ),
  v.check(
    (map) => repeatedKey(map) === undefined,
    (issue) => `lists "${repeatedKey(issue.input as Record<string, unknown>)}" twice: utm_source values are matched ignoring case`,
  ),
);

/** Virtuagym has no campaign field but numbered lead sources. */
export const VirtuagymAttributionConfigSchema = v.strictObject(
  { ...ATTRIBUTION_SETTINGS, sources: v.optional(LeadSourcesSchema, {}) },
  unknownAttributionSetting('campaign, notes, sources'),
);
export type VirtuagymAttributionConfig = v.InferOutput<typeof VirtuagymAttributionConfigSchema>;
