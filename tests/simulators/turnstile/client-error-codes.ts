/**
 * The error codes the widget hands to `error-callback`
 * (FACT: developers.cloudflare.com/turnstile/troubleshooting/client-side-errors/error-codes/).
 */
export const CLIENT_ERRORS = {
  /** Invalid sitekey, or one that is no longer active. */
  invalidSiteKey: '110100',
  /** Domain not allowed for this widget. */
  unknownDomain: '110200',
  /** An action over 32 characters or with characters other than letters, digits, `_` and `-`. */
  invalidAction: '110420',
  /** A cData over 255 characters or with characters other than letters, digits, `_` and `-`. */
  invalidCdata: '110430',
  /** The challenge failed; FACT: also what the failing test sitekeys give. GUESS: this member of the 600*** family. */
  challengeFailed: '600010',
  /** COMMUNITY: the challenge iframe could not be loaded; the script's answer to an unreachable simulator. */
  loadingError: '200500',
} as const;

export type ClientErrorCode = (typeof CLIENT_ERRORS)[keyof typeof CLIENT_ERRORS];
