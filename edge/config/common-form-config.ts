import * as v from 'valibot';
import { LocaleSchema } from '../../shared/locale-schema';
import { AlertsConfigSchema } from './alerts-config';
import { AttributionConfigSchema } from './attribution-config';
import { countUpTo, HttpUrlSchema, LocalizedTextSchema, localized, SecretNameSchema, TextSchema } from './config-schemas';

const FORM_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;
// Names of the optional fields an operator can choose to show.
const OPTIONAL_FIELD = /^(email|phone|gender|birthDate|address|note|secondFirstName|secondLastName|custom\.\d{1,19})$/;

function isOriginPattern(value: string): boolean {
  const match = /^(https?):\/\/(\*\.)?([a-z0-9.-]+)(:\d{1,5})?$/.exec(value);
  return match !== null && !match[3]!.startsWith('.') && !match[3]!.endsWith('.');
}

/** An allowed origin: exact (`https://www.gym.example`) or a wildcard subdomain (`https://*.gym.example`). */
const OriginPatternSchema = v.pipe(
  v.string('must be a string'),
  v.check(isOriginPattern, 'must be an origin such as https://www.gym.example or https://*.gym.example (lower case, no path)'),
);

const FieldTextSchema = v.strictObject({
  label: v.optional(TextSchema),
  help: v.optional(TextSchema),
});

/** Submissions per minute: per visitor (client IP) on this form, and for the form as a whole. */
const SubmissionLimitsSchema = v.strictObject({
  perClient: v.optional(countUpTo(10_000)),
  perForm: v.optional(countUpTo(1_000_000)),
  /** Leads one form token may send per hour (a script re-using one token gets 429); default 10. */
  perTokenPerHour: v.optional(countUpTo(1000)),
});

const RetentionDaysSchema = v.pipe(
  v.number('must be a number of days'),
  v.integer('must be whole days'),
  v.minValue(1, 'must be at least 1 day'),
  v.maxValue(3650, 'must be at most 3650 days'),
);

/**
 * How long a submission's record (with its lead) is kept after it ended; then the row is deleted
 * and only its count stays. Absent periods come from the Worker's vars (LEAD_RETENTION_DAYS,
 * DEAD_LETTER_RETENTION_DAYS). `deadLetterDays` is for failed, held and unknown ones.
 */
const RetentionSchema = v.strictObject({
  deliveredDays: v.optional(RetentionDaysSchema),
  deadLetterDays: v.optional(RetentionDaysSchema),
});

/**
 * When an "under-load" form asks for Turnstile: once it took `leadsPerMinute` leads within a
 * minute, and until `forMinutes` after the last lead at that rate.
 */
const UnderLoadSchema = v.strictObject({
  // At most the limiter's memory of one minute's leads (see SubmissionLimiter).
  leadsPerMinute: countUpTo(10_000),
  forMinutes: v.optional(
    v.pipe(v.number('must be a number'), v.integer('must be whole minutes'), v.minValue(1, 'must be at least 1'), v.maxValue(1440, 'must be at most 1440')),
    15,
  ),
});

/** Cloudflare Turnstile for this form: the public site key and the NAME of the Worker secret with its secret key. */
const TurnstileSchema = v.pipe(
  v.strictObject({
    siteKey: v.pipe(v.string('must be a string'), v.regex(/^[0-9A-Za-z_-]{8,64}$/, 'must be the Turnstile site key from the Cloudflare dashboard')),
    secretSecret: SecretNameSchema,
    /** Where the widget loads Turnstile from; Cloudflare's unless a test or the demo says otherwise. */
    scriptUrl: v.optional(HttpUrlSchema, 'https://challenges.cloudflare.com/turnstile/v0/api.js'),
    /** Where the Worker verifies tokens. */
    siteverifyUrl: v.optional(HttpUrlSchema, 'https://challenges.cloudflare.com/turnstile/v0/siteverify'),
    /** Every lead needs a solved challenge ("always"), or only while the form is under load (see `underLoad`). */
    when: v.optional(v.picklist(['always', 'under-load'], 'must be "always" or "under-load"'), 'always'),
    underLoad: v.optional(UnderLoadSchema),
  }),
  // Either way round, a threshold that is never used would be a silent mistake.
  v.check((t) => (t.when === 'under-load') === (t.underLoad !== undefined), 'needs "underLoad" exactly when "when" is "under-load"'),
);

/** How a submission proves a person sent it. */
const BotCheckSchema = v.strictObject({
  /** The least time from loading the form to sending it; faster is a script. */
  minFillSeconds: v.optional(v.pipe(v.number('must be a number'), v.minValue(0, 'must be at least 0'), v.maxValue(60, 'must be at most 60')), 3),
  turnstile: v.optional(TurnstileSchema),
});

/** How the form asks for consent: the privacy checkbox, and marketing as the vendor's matrix, one checkbox or not at all. */
export const ConsentConfigSchema = v.strictObject({
  privacyPolicyUrl: HttpUrlSchema,
  /** Replaces the default "I agree to the privacy policy" text. */
  text: v.optional(LocalizedTextSchema),
  /** How marketing consent is asked: the vendor's full matrix, one checkbox for all of it, or not at all. */
  marketing: v.optional(v.picklist(['matrix', 'single', 'none'], 'must be "matrix", "single" or "none"'), 'matrix'),
  marketingText: v.optional(LocalizedTextSchema),
});

/**
 * The keys every form has, whatever its vendor. A vendor's descriptor adds its
 * `connection` and options, and may replace one of these with a stricter
 * version of its own (e.g. a vendor without a consent matrix).
 */
export const COMMON_FORM_ENTRIES = {
  id: v.pipe(v.string('must be a string'), v.regex(FORM_ID, 'must be 2-63 lower-case letters, digits or "-"')),
  /** Exact origins or wildcard subdomains the form may be embedded on. */
  allowedOrigins: v.pipe(v.array(OriginPatternSchema, 'must be a list of origins'), v.minLength(1, 'must list at least one origin')),
  defaultLocale: LocaleSchema,
  /** Optional fields to show (`email`, `phone`, `gender`, `birthDate`, `address`, `note`, `custom.<id>`); absent shows all. */
  optionalFields: v.optional(
    v.array(
      v.pipe(
        v.string('must be a string'),
        v.regex(OPTIONAL_FIELD, 'must be email, phone, gender, birthDate, address, note, secondFirstName, secondLastName or custom.<id>'),
      ),
    ),
  ),
  /** Per locale, per field name: label and help text overrides. */
  labels: v.optional(localized(v.record(v.string(), FieldTextSchema))),
  texts: v.optional(localized(v.strictObject({ title: v.optional(TextSchema), intro: v.optional(TextSchema), submit: v.optional(TextSchema) }))),
  consent: ConsentConfigSchema,
  success: v.optional(
    v.union(
      [v.strictObject({ message: LocalizedTextSchema }), v.strictObject({ redirectUrl: HttpUrlSchema })],
      'must be { "message": { "<locale>": "…" } } or { "redirectUrl": "https://…" }',
    ),
  ),
  /** How long the vendor's form rules are used before they are fetched again. */
  cacheTtlSeconds: v.optional(
    v.pipe(
      v.number('must be a number'),
      v.integer('must be whole seconds'),
      v.minValue(10, 'must be at least 10'),
      v.maxValue(86_400, 'must be at most 86400'),
    ),
    300,
  ),
  /** Submissions per minute; absent limits come from the Worker's vars (RATE_LIMIT_PER_CLIENT, RATE_LIMIT_PER_FORM). */
  rateLimit: v.optional(SubmissionLimitsSchema, {}),
  botCheck: v.optional(BotCheckSchema, { minFillSeconds: 3 }),
  /** Days a submission's record is kept after it ended; see the README's "Retention". */
  retention: v.optional(RetentionSchema, {}),
  /** Where the lead's campaign and origin go in the vendor's fields; see the README's "Attribution". */
  attribution: v.optional(AttributionConfigSchema, {}),
  /** Signed webhooks for held leads, dead letters and a vendor that is down; see the README's "Alerts". */
  alerts: v.optional(AlertsConfigSchema),
};
export type CommonFormEntries = typeof COMMON_FORM_ENTRIES;
