/**
 * The closed set of error codes the Worker answers with. The widget and gym
 * integrations switch on these; the English messages are for developers only,
 * visitors see the widget's translated text for the code.
 */
export const ERROR_CODES = {
  FORM_NOT_FOUND: { status: 404, message: 'No form with this id exists.' },
  NOT_FOUND: { status: 404, message: 'No such route.' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'This method is not allowed on this route.' },
  INVALID_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  INVALID_REQUEST: { status: 400, message: 'The request body must be a JSON object with a "lead" object.' },
  INVALID_IDEMPOTENCY_KEY: {
    status: 400,
    message: 'The Idempotency-Key header must be 8 to 128 letters, digits, "-" or "_".',
  },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send the lead as application/json.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  SUBMISSION_NOT_FOUND: { status: 404, message: 'No submission with this id exists for this form.' },
  PROFILE_NOT_AVAILABLE: {
    status: 409,
    message: 'This submission cannot take further details (not delivered yet, or the vendor cannot update leads).',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 409,
    message: 'This Idempotency-Key was already used for a different lead; make a new key for a new lead.',
  },
  ADMIN_UNAUTHORIZED: { status: 401, message: 'Send the admin token as "Authorization: Bearer <token>".' },
  ADMIN_DISABLED: { status: 403, message: 'The admin API is off: the Worker secret LEADGATE_ADMIN_TOKEN is not set.' },
  DELIVERY_NOT_REPLAYABLE: {
    status: 409,
    message: 'Only a failed delivery whose lead is still kept can be replayed.',
  },
  ORIGIN_NOT_ALLOWED: {
    status: 403,
    message: "This form may not be used from this origin (the request's Origin, or its Referer, is not in the form's allowedOrigins).",
  },
  RATE_LIMITED: { status: 429, message: 'Too many submissions; wait for the seconds in Retry-After, then send again.' },
  BOT_CHECK_FAILED: {
    status: 403,
    message: 'The submission failed the bot check: a hidden field was filled, it came too fast, or its form token is missing or invalid.',
  },
  CHALLENGE_FAILED: {
    status: 403,
    message: 'The Turnstile check failed: its token is missing, invalid, expired or already used. Solve the check again.',
  },
  CHALLENGE_UNAVAILABLE: { status: 503, message: 'The Turnstile check cannot be verified right now; send again in a moment.' },
  VALIDATION_FAILED: { status: 422, message: 'Some fields are missing or invalid; see "fields".' },
  VENDOR_REJECTED: { status: 422, message: "The gym's system did not accept this lead." },
  VENDOR_UNAVAILABLE: { status: 503, message: "The gym's system cannot be reached right now." },
  FORM_MISCONFIGURED: {
    status: 502,
    message: 'This form is not set up correctly; the gym has been told.',
  },
  INTERNAL_ERROR: { status: 500, message: 'Something went wrong on our side.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Why one field was refused. The widget translates each code; see widget/i18n. */
export const FIELD_ERROR_CODES = [
  'required',
  'too_long',
  'invalid_type',
  'invalid_email',
  'invalid_phone',
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

export function isErrorCode(value: unknown): value is ErrorCode {
  // Not Object.hasOwn: the widget shares this and still runs on Safari before 15.4.
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}
