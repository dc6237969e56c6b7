import { randomUUID } from 'node:crypto';

/** The documented `ErrorResponse` (NOTES 1.6), minus the deprecated `args`/`typedArgs`. */
export interface ErrorResponse {
  readonly errorMessage: string;
  readonly errorCode?: string;
  readonly traceId?: string;
  readonly reference?: string;
}

export type MessageLanguage = 'en' | 'de';

/** Extra facts some messages mention. */
export interface MessageDetail {
  readonly allowed?: readonly string[];
  readonly expected?: string;
}

type Message = (reference: string, detail: MessageDetail) => string;

const list = (values: readonly string[] | undefined) => (values ?? []).join(', ');

// GUESS: the codes and wording are ours; the docs only say errorCode is a "key for translation
// files" and errorMessage is resolved in the requested locale.
const MESSAGES = {
  MALFORMED_REQUEST: {
    en: () => 'The request body must be a JSON object.',
    de: () => 'Der Request-Body muss ein JSON-Objekt sein.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    en: () => 'The request body must be sent as application/json.',
    de: () => 'Der Request-Body muss als application/json gesendet werden.',
  },
  UNKNOWN_PROPERTY: {
    en: (ref) => `Unknown property '${ref}'.`,
    de: (ref) => `Unbekannte Eigenschaft '${ref}'.`,
  },
  REQUIRED_FIELD_MISSING: {
    en: (ref) => `The field '${ref}' is required.`,
    de: (ref) => `Das Feld '${ref}' ist ein Pflichtfeld.`,
  },
  INVALID_TYPE: {
    en: (ref, d) => `The field '${ref}' must be of type ${d.expected ?? 'string'}.`,
    de: (ref, d) => `Das Feld '${ref}' muss vom Typ ${d.expected ?? 'string'} sein.`,
  },
  INVALID_VALUE: {
    en: (ref, d) => `The value of '${ref}' is not allowed.${d.allowed ? ` Allowed: ${list(d.allowed)}.` : ''}`,
    de: (ref, d) => `Der Wert von '${ref}' ist nicht zulässig.${d.allowed ? ` Erlaubt: ${list(d.allowed)}.` : ''}`,
  },
  INVALID_FORMAT: {
    en: (ref, d) => `The value of '${ref}' has an invalid format${d.expected ? ` (expected ${d.expected})` : ''}.`,
    de: (ref, d) => `Der Wert von '${ref}' hat ein ungültiges Format${d.expected ? ` (erwartet: ${d.expected})` : ''}.`,
  },
  TOO_LONG: {
    en: (ref, d) => `The value of '${ref}' is too long${d.expected ? ` (${d.expected})` : ''}.`,
    de: (ref, d) => `Der Wert von '${ref}' ist zu lang${d.expected ? ` (${d.expected})` : ''}.`,
  },
  UNKNOWN_CAMPAIGN: {
    en: (ref) => `'${ref}' does not name a campaign of this studio.`,
    de: (ref) => `'${ref}' bezeichnet keine Kampagne dieses Studios.`,
  },
  INVALID_EMAIL: {
    en: (ref) => `The value of '${ref}' is not a valid email address.`,
    de: (ref) => `Der Wert von '${ref}' ist keine gültige E-Mail-Adresse.`,
  },
  FIELD_INACTIVE: {
    en: (ref) => `The field '${ref}' is disabled for this studio and must not be sent.`,
    de: (ref) => `Das Feld '${ref}' ist für dieses Studio deaktiviert und darf nicht gesendet werden.`,
  },
  UNKNOWN_ADDITIONAL_FIELD: {
    en: (ref) => `'${ref}' does not name an additional field configured for leads.`,
    de: (ref) => `'${ref}' bezeichnet kein für Leads konfiguriertes Zusatzfeld.`,
  },
  UNKNOWN_MESSAGE_CATEGORY: {
    en: (ref, d) => `'${ref}' is not a message category configured for leads. Configured: ${list(d.allowed)}.`,
    de: (ref, d) => `'${ref}' ist keine für Leads konfigurierte Nachrichtenkategorie. Konfiguriert: ${list(d.allowed)}.`,
  },
  UNKNOWN_COMMUNICATION_CHANNEL: {
    en: (ref, d) => `'${ref}' is not a channel configured for this category. Configured: ${list(d.allowed)}.`,
    de: (ref, d) => `'${ref}' ist kein für diese Kategorie konfigurierter Kanal. Konfiguriert: ${list(d.allowed)}.`,
  },
  NOT_OVERRIDABLE: {
    en: (ref) => `'${ref}' cannot be changed by the customer.`,
    de: (ref) => `'${ref}' kann vom Kunden nicht geändert werden.`,
  },
  DUPLICATE_ENTRY: {
    en: (ref) => `'${ref}' repeats an earlier entry.`,
    de: (ref) => `'${ref}' wiederholt einen früheren Eintrag.`,
  },
  INVALID_LEAD_DATA: {
    en: () => 'The lead data is not valid for this studio.',
    de: () => 'Die Lead-Daten sind für dieses Studio nicht gültig.',
  },
  DUPLICATE_CUSTOMER: {
    en: () => 'A customer with this email address already exists.',
    de: () => 'Ein Kunde mit dieser E-Mail-Adresse existiert bereits.',
  },
  UNAUTHORIZED: {
    en: () => 'The API key is missing or not valid for this studio.',
    de: () => 'Der API-Schlüssel fehlt oder ist für dieses Studio nicht gültig.',
  },
  FORBIDDEN: {
    en: () => 'The API key lacks the permission for this operation.',
    de: () => 'Dem API-Schlüssel fehlt die Berechtigung für diese Operation.',
  },
  TENANT_NOT_FOUND: {
    en: () => 'No tenant with this name exists.',
    de: () => 'Es gibt keinen Mandanten mit diesem Namen.',
  },
  NOT_FOUND: {
    en: () => 'The requested resource does not exist.',
    de: () => 'Die angefragte Ressource existiert nicht.',
  },
  METHOD_NOT_ALLOWED: {
    en: () => 'This method is not allowed for this resource.',
    de: () => 'Diese Methode ist für diese Ressource nicht erlaubt.',
  },
  CONFLICT: {
    en: () => 'The request conflicts with the current state.',
    de: () => 'Die Anfrage steht im Konflikt mit dem aktuellen Zustand.',
  },
  RATE_LIMIT_EXCEEDED: {
    en: () => 'Rate limit exceeded. Try again later.',
    de: () => 'Anfragelimit überschritten. Bitte später erneut versuchen.',
  },
  SERVICE_UNAVAILABLE: {
    en: () => 'The service is temporarily unavailable.',
    de: () => 'Der Dienst ist vorübergehend nicht verfügbar.',
  },
  INTERNAL_SERVER_ERROR: {
    en: () => 'An internal error occurred.',
    de: () => 'Ein interner Fehler ist aufgetreten.',
  },
} as const satisfies Record<string, Record<MessageLanguage, Message>>;

export type VendorErrorCode = keyof typeof MESSAGES;

const CODE_BY_STATUS: Readonly<Record<number, VendorErrorCode>> = {
  400: 'MALFORMED_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMIT_EXCEEDED',
  503: 'SERVICE_UNAVAILABLE',
};

/** The code a bare HTTP status (e.g. from a `fail` fault) is reported with. */
export function codeForStatus(status: number): VendorErrorCode {
  return CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'MALFORMED_REQUEST');
}

/** Builds the vendor's error body; `traceId` is always there, `reference` only for field errors. */
export function errorBody(code: VendorErrorCode, language: MessageLanguage, reference?: string, detail: MessageDetail = {}): ErrorResponse {
  const message: Message = MESSAGES[code][language];
  return {
    errorMessage: message(reference ?? '', detail),
    errorCode: code,
    // GUESS: Datadog shows 128-bit trace ids as 32 hex digits.
    traceId: randomUUID().replaceAll('-', ''),
    ...(reference === undefined ? {} : { reference }),
  };
}
