/**
 * The closed set of error codes the Worker answers with, and their HTTP
 * status. The widget and gym integrations switch on these; the English
 * messages for developers are in error-messages.ts (the widget never loads
 * them: visitors see its translated text for the code).
 */
// The codes a visitor's form may meet, kept apart so the widget carries only these.
const VISITOR_ERROR_CODES = {
  FORM_NOT_FOUND: 404,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  INVALID_JSON: 400,
  INVALID_REQUEST: 400,
  INVALID_IDEMPOTENCY_KEY: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  SUBMISSION_NOT_FOUND: 404,
  PROFILE_NOT_AVAILABLE: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  SUBMISSION_ERASED: 410,
  ORIGIN_NOT_ALLOWED: 403,
  RATE_LIMITED: 429,
  BOT_CHECK_FAILED: 403,
  CHALLENGE_FAILED: 403,
  CHALLENGE_UNAVAILABLE: 503,
  VALIDATION_FAILED: 422,
  VENDOR_REJECTED: 422,
  VENDOR_UNAVAILABLE: 503,
  FORM_MISCONFIGURED: 502,
  INTERNAL_ERROR: 500,
} as const satisfies Record<string, number>;

/** Codes only the operator's admin API answers (see ADMIN_ERROR_CODES). */
const ADMIN_ONLY_ERROR_CODES = {
  ADMIN_UNAUTHORIZED: 401,
  ADMIN_DISABLED: 403,
  DELIVERY_NOT_REPLAYABLE: 409,
  DELIVERY_NOT_UNKNOWN: 409,
  FORM_VERSION_CONFLICT: 409,
  FORM_VERSION_NOT_FOUND: 404,
  FORM_CONFIG_INVALID: 422,
  FORM_SECRET_MISSING: 422,
  ALERTS_NOT_CONFIGURED: 422,
} as const satisfies Record<string, number>;

// Object.assign, not a spread, so the bundler can drop what the widget does not use.
export const ERROR_CODES: Readonly<typeof VISITOR_ERROR_CODES & typeof ADMIN_ONLY_ERROR_CODES> = /* @__PURE__ */ Object.assign(
  {},
  VISITOR_ERROR_CODES,
  ADMIN_ONLY_ERROR_CODES,
);

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * Codes only the operator's admin API answers. A visitor's form never meets them, so the
 * widget carries no text for them (its language chunks stay small): it shows its
 * INTERNAL_ERROR text should one ever arrive.
 */
export const ADMIN_ERROR_CODES = /* @__PURE__ */ Object.keys(ADMIN_ONLY_ERROR_CODES) as readonly (keyof typeof ADMIN_ONLY_ERROR_CODES)[];

/**
 * Codes the widget never shows a visitor, though its requests may meet them. SUBMISSION_ERASED
 * answers only a late outbox resend of a submission the gym erased on the person's request:
 * the widget drops that entry quietly (the person asked for it to be gone), there is no text to show.
 */
export const SILENT_ERROR_CODES = ['SUBMISSION_ERASED'] as const satisfies readonly ErrorCode[];

/** Why one field was refused. The widget translates each code; see widget/i18n. */
export const FIELD_ERROR_CODES = [
  'required',
  'too_long',
  'invalid_type',
  'invalid_email',
  'invalid_phone',
  'invalid_url',
  'invalid_date',
  'invalid_number',
  'invalid_option',
  'invalid_characters',
  'must_accept',
  'one_required',
  'unknown_field',
  'invalid',
] as const;

export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

/**
 * Whether a value is a code the Worker answers a visitor's form with. Admin-only codes are
 * left out: the widget never meets them, and the map it would need costs its critical path bytes.
 */
export function isErrorCode(value: unknown): value is keyof typeof VISITOR_ERROR_CODES {
  // Not Object.hasOwn: the widget shares this and still runs on Safari before 15.4.
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(VISITOR_ERROR_CODES, value);
}
