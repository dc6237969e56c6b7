import type { ErrorCode } from './error-codes';

/** What each error code means, in English for developers; the `message` of every error answer. */
export const ERROR_MESSAGES: { readonly [C in ErrorCode]: string } = {
  FORM_NOT_FOUND: 'No form with this id exists.',
  NOT_FOUND: 'No such route.',
  METHOD_NOT_ALLOWED: 'This method is not allowed on this route.',
  INVALID_JSON: 'The request body is not valid JSON.',
  INVALID_REQUEST: 'The request body must be a JSON object with a "lead" object.',
  INVALID_IDEMPOTENCY_KEY: 'The Idempotency-Key header must be 8 to 128 letters, digits, "-" or "_".',
  UNSUPPORTED_MEDIA_TYPE: 'Send the lead as application/json.',
  PAYLOAD_TOO_LARGE: 'The request body is too large.',
  SUBMISSION_NOT_FOUND: 'No submission with this id exists for this form.',
  PROFILE_NOT_AVAILABLE: 'This submission cannot take further details (not delivered yet, or the vendor cannot update leads).',
  IDEMPOTENCY_KEY_REUSED: 'This Idempotency-Key was already used for a different lead; make a new key for a new lead.',
  ADMIN_UNAUTHORIZED: 'Send the admin token as "Authorization: Bearer <token>".',
  ADMIN_DISABLED: 'The admin API is off: the Worker secret LEADGATE_ADMIN_TOKEN is not set.',
  DELIVERY_NOT_REPLAYABLE: 'Only a failed delivery whose lead is still kept can be replayed.',
  ORIGIN_NOT_ALLOWED: "This form may not be used from this origin (the request's Origin, or its Referer, is not in the form's allowedOrigins).",
  RATE_LIMITED: 'Too many submissions; wait for the seconds in Retry-After, then send again.',
  BOT_CHECK_FAILED: 'The submission failed the bot check: a hidden field was filled, it came too fast, or its form token is missing or invalid.',
  CHALLENGE_FAILED: 'The Turnstile check failed: its token is missing, invalid, expired or already used. Solve the check again.',
  CHALLENGE_UNAVAILABLE: 'The Turnstile check cannot be verified right now; send again in a moment.',
  VALIDATION_FAILED: 'Some fields are missing or invalid; see "fields".',
  VENDOR_REJECTED: "The gym's system did not accept this lead.",
  VENDOR_UNAVAILABLE: "The gym's system cannot be reached right now.",
  FORM_MISCONFIGURED: 'This form is not set up correctly; the gym has been told.',
  INTERNAL_ERROR: 'Something went wrong on our side.',
};
