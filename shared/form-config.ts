import * as v from 'valibot';
import { LocaleSchema } from './locale-schema';
import { LOCALES } from './locales';

const FORM_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;
const SECRET_NAME = /^[A-Z][A-Z0-9_]{1,63}$/;
// Names of the optional fields an operator can choose to show.
const OPTIONAL_FIELD = /^(email|phone|gender|birthDate|address|note|custom\.\d{1,19})$/;

const HttpUrlSchema = v.pipe(
  v.string('must be a string'),
  v.url('must be an absolute URL'),
  v.check((u) => /^https?:\/\//.test(u), 'must start with https:// or http://'),
);

const SecretNameSchema = v.pipe(
  v.string('must be a string'),
  v.regex(SECRET_NAME, 'must be the NAME of a Worker secret (A-Z, 0-9, _), never the secret itself'),
);

function isOriginPattern(value: string): boolean {
  const match = /^(https?):\/\/(\*\.)?([a-z0-9.-]+)(:\d{1,5})?$/.exec(value);
  return match !== null && !match[3]!.startsWith('.') && !match[3]!.endsWith('.');
}

/** An allowed origin: exact (`https://www.gym.example`) or a wildcard subdomain (`https://*.gym.example`). */
const OriginPatternSchema = v.pipe(
  v.string('must be a string'),
  v.check(isOriginPattern, 'must be an origin such as https://www.gym.example or https://*.gym.example (lower case, no path)'),
);

const localized = <T extends v.GenericSchema>(schema: T) =>
  v.strictObject(
    Object.fromEntries(LOCALES.map((l) => [l, v.optional(schema)])) as Record<(typeof LOCALES)[number], v.OptionalSchema<T, undefined>>,
    `must be an object keyed by locale (${LOCALES.join(', ')})`,
  );

const TextSchema = v.pipe(v.string('must be a string'), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(2000, 'is too long'));
const LocalizedTextSchema = localized(TextSchema);

const FieldTextSchema = v.strictObject({
  label: v.optional(TextSchema),
  help: v.optional(TextSchema),
});

/** Submissions per minute: per visitor (client IP) on this form, and for the form as a whole. */
const SubmissionLimitsSchema = v.strictObject({
  perClient: v.optional(
    v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1'), v.maxValue(10_000, 'must be at most 10000')),
  ),
  perForm: v.optional(
    v.pipe(
      v.number('must be a number'),
      v.integer('must be a whole number'),
      v.minValue(1, 'must be at least 1'),
      v.maxValue(1_000_000, 'must be at most 1000000'),
    ),
  ),
});

/** Cloudflare Turnstile for this form: the public site key and the NAME of the Worker secret with its secret key. */
const TurnstileSchema = v.strictObject({
  siteKey: v.pipe(v.string('must be a string'), v.regex(/^[0-9A-Za-z_-]{8,64}$/, 'must be the Turnstile site key from the Cloudflare dashboard')),
  secretSecret: SecretNameSchema,
  /** Where the widget loads Turnstile from; Cloudflare's unless a test or the demo says otherwise. */
  scriptUrl: v.optional(HttpUrlSchema, 'https://challenges.cloudflare.com/turnstile/v0/api.js'),
  /** Where the Worker verifies tokens. */
  siteverifyUrl: v.optional(HttpUrlSchema, 'https://challenges.cloudflare.com/turnstile/v0/siteverify'),
});

/** How a submission proves a person sent it. */
const BotCheckSchema = v.strictObject({
  /** The least time from loading the form to sending it; faster is a script. */
  minFillSeconds: v.optional(v.pipe(v.number('must be a number'), v.minValue(0, 'must be at least 0'), v.maxValue(60, 'must be at most 60')), 3),
  turnstile: v.optional(TurnstileSchema),
});

/** The page parameters that can carry the vendor's campaign identifier. */
export const CAMPAIGN_PARAMETERS = ['utm_campaign', 'utm_content', 'utm_term'] as const;
export type CampaignParameter = (typeof CAMPAIGN_PARAMETERS)[number];

const attributionSettings = {
  /** Which page parameter holds the vendor's campaign identifier; `false` sends none. */
  campaign: v.optional(
    v.union([v.picklist(CAMPAIGN_PARAMETERS), v.literal(false)], 'must be "utm_campaign", "utm_content", "utm_term" or false'),
    'utm_campaign',
  ),
  /** Whether the vendor's free-text note gets a short block saying where the lead came from. */
  notes: v.optional(v.boolean('must be true or false'), true),
};

const unknownSetting = (known: string) => (issue: v.BaseIssue<unknown>) =>
  issue.expected === 'never' ? `is not an attribution setting (${known})` : 'must be an object such as { "campaign": "utm_campaign", "notes": true }';

/** How a lead's attribution (campaign parameters, referrer, landing page) reaches the vendor. */
export const AttributionConfigSchema = v.strictObject(attributionSettings, unknownSetting('campaign, notes; "sources" is for Virtuagym forms only'));
export type AttributionConfig = v.InferOutput<typeof AttributionConfigSchema>;

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
  { ...attributionSettings, sources: v.optional(LeadSourcesSchema, {}) },
  unknownSetting('campaign, notes, sources'),
);
export type VirtuagymAttributionConfig = v.InferOutput<typeof VirtuagymAttributionConfigSchema>;

const common = {
  id: v.pipe(v.string('must be a string'), v.regex(FORM_ID, 'must be 2-63 lower-case letters, digits or "-"')),
  /** Exact origins or wildcard subdomains the form may be embedded on. */
  allowedOrigins: v.pipe(v.array(OriginPatternSchema, 'must be a list of origins'), v.minLength(1, 'must list at least one origin')),
  defaultLocale: LocaleSchema,
  /** Optional fields to show (`email`, `phone`, `gender`, `birthDate`, `address`, `note`, `custom.<id>`); absent shows all. */
  optionalFields: v.optional(
    v.array(v.pipe(v.string('must be a string'), v.regex(OPTIONAL_FIELD, 'must be email, phone, gender, birthDate, address, note or custom.<id>'))),
  ),
  /** Per locale, per field name: label and help text overrides. */
  labels: v.optional(localized(v.record(v.string(), FieldTextSchema))),
  texts: v.optional(localized(v.strictObject({ title: v.optional(TextSchema), intro: v.optional(TextSchema), submit: v.optional(TextSchema) }))),
  consent: v.strictObject({
    privacyPolicyUrl: HttpUrlSchema,
    /** Replaces the default "I agree to the privacy policy" text. */
    text: v.optional(LocalizedTextSchema),
    /** How marketing consent is asked: the vendor's full matrix, one checkbox for all of it, or not at all. */
    marketing: v.optional(v.picklist(['matrix', 'single', 'none'], 'must be "matrix", "single" or "none"'), 'matrix'),
    marketingText: v.optional(LocalizedTextSchema),
  }),
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
  /** Where the lead's campaign and origin go in the vendor's fields; see the README's "Attribution". */
  attribution: v.optional(AttributionConfigSchema, {}),
};

const TimeoutSchema = v.optional(
  v.pipe(
    v.number('must be a number'),
    v.integer('must be whole milliseconds'),
    v.minValue(1000, 'must be at least 1000'),
    v.maxValue(30_000, 'must be at most 30000'),
  ),
  10_000,
);

/**
 * The vendor's request budget for this connection, per minute and endpoint.
 * Deliveries are paced under it. PerfectGym Next and Magicline's Open API
 * document 1000 per minute (the default there); the other vendors document none.
 */
const RateLimitSchema = v.optional(
  v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1'), v.maxValue(100_000, 'must be at most 100000')),
);

/** PerfectGym Next and Magicline's Open API share the `/v1/leads/*` endpoints. */
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

/** Virtuagym v3: OAuth2 client credentials per club (Keycloak), then the gateway. */
export const VirtuagymConnectionSchema = v.strictObject({
  clubId: v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(1, 'must be positive')),
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

const IdSchema = v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(1, 'must be positive'));

/** What Virtuagym sets on every lead of the form. */
export const VirtuagymDefaultsSchema = v.strictObject({
  /** Lead status (1 New … 13 Closed - third party aggregators). */
  statusId: v.optional(v.pipe(IdSchema, v.maxValue(13, 'must be a Virtuagym status id (1-13)')), 1),
  /** The club's lead source id. */
  source: v.optional(IdSchema),
  /** The staff member who owns new leads. */
  ownerId: v.optional(IdSchema),
});

const ProfileQuestionSchema = v.strictObject({
  id: v.pipe(v.string('must be a string'), v.regex(/^[a-z][a-zA-Z0-9]{0,31}$/, 'must be a camelCase id such as "goal"')),
  type: v.picklist(['text', 'select', 'multiselect'], 'must be "text", "select" or "multiselect"'),
  label: LocalizedTextSchema,
  options: v.optional(
    v.pipe(
      v.array(
        v.strictObject({
          value: v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty'), v.maxLength(100, 'is too long')),
          label: LocalizedTextSchema,
        }),
      ),
      v.minLength(1, 'must offer at least one option'),
    ),
  ),
});
export type ProfileQuestion = v.InferOutput<typeof ProfileQuestionSchema>;

/** The optional second step: standard fields and questions of the form's own. */
export const ProfileConfigSchema = v.strictObject({
  title: v.optional(LocalizedTextSchema),
  intro: v.optional(LocalizedTextSchema),
  fields: v.pipe(
    v.array(
      v.union(
        [
          v.picklist(['gender', 'birthDate', 'address', 'phone']),
          v.pipe(
            ProfileQuestionSchema,
            v.check((q) => q.type === 'text' || q.options !== undefined, 'needs options for a select or multiselect'),
          ),
        ],
        'must be gender, birthDate, address, phone or a question { id, type, label, options }',
      ),
    ),
    v.minLength(1, 'must list at least one field'),
  ),
});
export type ProfileConfig = v.InferOutput<typeof ProfileConfigSchema>;

/** Magicline Connect: the public website API of a Magicline tenant (no credentials). */
export const MagiclineConnectConnectionSchema = v.strictObject({
  /** `https://<tenant>.api.magicline.com`, without `/connect`. */
  baseUrl: v.pipe(
    HttpUrlSchema,
    v.check((u) => !/\/connect\/?$/.test(u), 'must not end with /connect (give the tenant base URL)'),
  ),
  /** The studios this form is for; absent means every studio the tags select. */
  studioIds: v.optional(v.pipe(v.array(IdSchema, 'must be a list of studio ids'), v.minLength(1, 'must list at least one studio'))),
  /** Studio tags ("Standort Code") selecting the studios, combined by OR. */
  studioTags: v.optional(
    v.pipe(
      v.array(v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty')), 'must be a list of tags'),
      v.minLength(1, 'must list at least one tag'),
    ),
  ),
  timeoutMs: TimeoutSchema,
  rateLimitPerMinute: RateLimitSchema,
});
export type MagiclineConnectConnection = v.InferOutput<typeof MagiclineConnectConnectionSchema>;

/** A self-hosted CRM built on the Intercode SaaS Kit. */
export const IntercodeCrmConnectionSchema = v.strictObject({
  /** Where the kit's API is served, e.g. `https://crm.gym.example/api`. */
  baseUrl: HttpUrlSchema,
  /** Name of the Worker secret holding the bearer token of the CRM user Leadgate acts as. */
  tokenSecret: SecretNameSchema,
  timeoutMs: TimeoutSchema,
  rateLimitPerMinute: RateLimitSchema,
});
export type IntercodeCrmConnection = v.InferOutput<typeof IntercodeCrmConnectionSchema>;

const DefaultTextSchema = v.pipe(v.string('must be a string'), v.maxLength(200, 'is too long'));

/** What the CRM requires on every lead that a visitor never gives. */
export const IntercodeCrmDefaultsSchema = v.strictObject({
  /** The name of the lead status new leads get (looked up with GET /leads/statuses). */
  statusName: v.optional(v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty')), 'New'),
  source: v.optional(DefaultTextSchema, 'Website'),
  business: v.optional(v.array(IdSchema, 'must be a list of business ids'), []),
  photo: v.optional(DefaultTextSchema, ''),
  state: v.optional(DefaultTextSchema, 'Active'),
  location: v.optional(DefaultTextSchema, ''),
  position: v.optional(DefaultTextSchema, ''),
  company: v.optional(DefaultTextSchema, ''),
});

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
const ClassicConsentSchema = v.strictObject({
  ...common.consent.entries,
  marketing: v.optional(v.picklist(['single', 'none'], 'must be "single" or "none" (PerfectGym Classic has agreements, no channel matrix)'), 'single'),
});

export const FormConfigSchema = v.variant(
  'vendor',
  [
    v.strictObject({ ...common, vendor: v.literal('perfectgym-next'), connection: OpenApiConnectionSchema }),
    v.strictObject({ ...common, vendor: v.literal('magicline-open'), connection: OpenApiConnectionSchema }),
    v.strictObject({
      ...common,
      vendor: v.literal('virtuagym'),
      connection: VirtuagymConnectionSchema,
      defaults: v.optional(VirtuagymDefaultsSchema, {}),
      attribution: v.optional(VirtuagymAttributionConfigSchema, {}),
      /** Virtuagym can update a lead, so it can take a second step. */
      profile: v.optional(ProfileConfigSchema),
    }),
    v.strictObject({ ...common, vendor: v.literal('magicline-connect'), connection: MagiclineConnectConnectionSchema }),
    v.strictObject({
      ...common,
      vendor: v.literal('intercode-crm'),
      connection: IntercodeCrmConnectionSchema,
      defaults: v.optional(IntercodeCrmDefaultsSchema, {}),
      /** Where the visitor's message goes: into the description with the attribution, or as a comment on the lead. */
      message: v.optional(v.picklist(['description', 'comment'], 'must be "description" or "comment"'), 'description'),
    }),
    v.strictObject({
      ...common,
      vendor: v.literal('perfectgym-classic'),
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
    }),
  ],
  'must be one of: perfectgym-next, magicline-open, virtuagym, magicline-connect, intercode-crm, perfectgym-classic',
);
export type FormConfig = v.InferOutput<typeof FormConfigSchema>;
export type Vendor = FormConfig['vendor'];

export const FormsFileSchema = v.strictObject({
  $schema: v.optional(v.string()),
  forms: v.pipe(v.array(v.unknown(), 'must be a list of forms'), v.minLength(1, 'must list at least one form')),
});

export class FormConfigError extends Error {
  override name = 'FormConfigError';
}

function describeIssues(where: string, issues: readonly v.BaseIssue<unknown>[]): string[] {
  return issues.map((issue) => {
    const path = v.getDotPath(issue);
    return `${where}${path ? `: ${path}` : ''}: ${issue.message}`;
  });
}

/**
 * Checks the operator's forms file. Throws one FormConfigError that names every
 * broken form and field, so a bad config fails at start and at deploy.
 */
export function parseFormsFile(raw: unknown, source = 'forms.json'): ReadonlyMap<string, FormConfig> {
  const file = v.safeParse(FormsFileSchema, raw);
  if (!file.success) throw new FormConfigError(`${source} is invalid:\n  ${describeIssues(source, file.issues).join('\n  ')}`);
  const problems: string[] = [];
  const forms = new Map<string, FormConfig>();
  file.output.forms.forEach((entry, index) => {
    const id = typeof entry === 'object' && entry !== null && typeof (entry as { id?: unknown }).id === 'string' ? (entry as { id: string }).id : undefined;
    const where = `form ${id ? `"${id}"` : `#${index + 1}`}`;
    const result = v.safeParse(FormConfigSchema, entry);
    if (!result.success) {
      problems.push(...describeIssues(where, result.issues));
      return;
    }
    if (forms.has(result.output.id)) problems.push(`${where}: id is used by another form too`);
    forms.set(result.output.id, result.output);
  });
  if (problems.length > 0) throw new FormConfigError(`${source} is invalid:\n  ${problems.join('\n  ')}`);
  return forms;
}
