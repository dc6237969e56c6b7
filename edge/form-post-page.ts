import type { ErrorCode } from '../shared/error-codes';
import type { Locale } from '../shared/locales';
import { widgetCss } from '../widget/app/styles/widget-css';
import { CATALOG } from '../widget/i18n/catalog';
import { documentStart, escapeHtml } from './html-document';

/**
 * The page a form posted without JavaScript is answered with: `body` (the
 * widget's markup, already escaped by Preact or the caller) in a declarative
 * shadow root with the widget's styles inline (allowed by their hash, see
 * paintCssSource), and no script at all.
 */
export function renderAnswerPage(locale: string, title: string, body: string): string {
  return `${documentStart(locale, title)}</head>
<body>
<main id="leadgate-form"><template shadowrootmode="open"><style>${widgetCss}</style>${body}</template></main>
</body>
</html>
`;
}

/** The answer page's Content-Security-Policy: no script at all, the widget's styles by their hash (`cssSource`), posting only here. */
export function answerPageCsp(cssSource: string): string {
  return `default-src 'none'; style-src 'self' ${cssSource}; img-src 'self' data:; form-action 'self'; base-uri 'none'`;
}

/** The widget's thank-you panel, as the app shows it once the lead is in. */
export function thanksHtml(locale: string, title: string, message: string): string {
  return `<div class="lg-frame"><div class="lg" lang="${escapeHtml(locale)}"><div class="result" role="status"><h2 class="result-title">${escapeHtml(title)}</h2><p>${escapeHtml(message)}</p></div></div></div>`;
}

interface RefusalTexts {
  /** The page's heading. */
  readonly title: string;
  /** The link to a fresh copy of the form. */
  readonly back: string;
  /** Said instead of the widget's text where that text promises the entries are still on screen (they are not on this page). */
  readonly again: string;
}

// Only the Worker's pages say these: the widget keeps its entries on screen and never needs them.
const REFUSAL_TEXTS = {
  en: {
    title: 'Your request was not sent',
    back: 'Back to the form',
    again: 'Your request could not be sent just now. Please open the form again and send it in a moment.',
  },
  de: {
    title: 'Deine Anfrage wurde nicht gesendet',
    back: 'Zurück zum Formular',
    again: 'Deine Anfrage konnte gerade nicht gesendet werden. Bitte öffne das Formular erneut und sende es gleich noch einmal.',
  },
  nl: {
    title: 'Je aanvraag is niet verzonden',
    back: 'Terug naar het formulier',
    again: 'Je aanvraag kon nu niet worden verzonden. Open het formulier opnieuw en verstuur het zo meteen nog eens.',
  },
  pl: {
    title: 'Twoje zgłoszenie nie zostało wysłane',
    back: 'Wróć do formularza',
    again: 'Nie udało się teraz wysłać zgłoszenia. Otwórz formularz ponownie i wyślij je za chwilę.',
  },
  es: {
    title: 'Tu solicitud no se ha enviado',
    back: 'Volver al formulario',
    again: 'No se ha podido enviar tu solicitud en este momento. Abre de nuevo el formulario y envíalo dentro de un momento.',
  },
  fr: {
    title: "Votre demande n'a pas été envoyée",
    back: 'Retour au formulaire',
    again: "Votre demande n'a pas pu être envoyée pour le moment. Veuillez rouvrir le formulaire et l'envoyer à nouveau dans un instant.",
  },
  it: {
    title: 'La tua richiesta non è stata inviata',
    back: 'Torna al modulo',
    again: 'Non è stato possibile inviare la tua richiesta in questo momento. Riapri il modulo e invialo di nuovo tra poco.',
  },
  tr: {
    title: 'Talebiniz gönderilmedi',
    back: 'Forma geri dön',
    again: 'Talebiniz şu anda gönderilemedi. Lütfen formu yeniden açın ve birazdan tekrar gönderin.',
  },
} as const satisfies Record<Locale, RefusalTexts>;

/**
 * How a refused post is answered when the form cannot be shown again (the body
 * was never read, or the form is unknown): `final`, the widget's text for the
 * code and nothing to do; `back`, its text and a link to the form; `again`, a
 * link to the form with this page's own words, because the widget's text for the
 * code says the entries are still on screen.
 */
const REFUSAL_KIND = {
  FORM_NOT_FOUND: 'final',
  NOT_FOUND: 'final',
  METHOD_NOT_ALLOWED: 'final',
  ORIGIN_NOT_ALLOWED: 'final',
  FORM_MISCONFIGURED: 'final',
  SUBMISSION_ERASED: 'final',
  SUBMISSION_NOT_FOUND: 'final',
  PROFILE_NOT_AVAILABLE: 'final',
  INVALID_JSON: 'back',
  INVALID_REQUEST: 'back',
  INVALID_IDEMPOTENCY_KEY: 'back',
  UNSUPPORTED_MEDIA_TYPE: 'back',
  PAYLOAD_TOO_LARGE: 'back',
  IDEMPOTENCY_KEY_REUSED: 'back',
  BOT_CHECK_FAILED: 'back',
  VALIDATION_FAILED: 'back',
  VENDOR_REJECTED: 'back',
  RATE_LIMITED: 'again',
  CHALLENGE_FAILED: 'again',
  CHALLENGE_UNAVAILABLE: 'again',
  VENDOR_UNAVAILABLE: 'again',
  INTERNAL_ERROR: 'again',
  // The operator's codes never answer a form post; should one, it reads as our fault.
  ADMIN_UNAUTHORIZED: 'again',
  ADMIN_DISABLED: 'again',
  DELIVERY_NOT_REPLAYABLE: 'again',
  DELIVERY_NOT_UNKNOWN: 'again',
  FORM_VERSION_CONFLICT: 'again',
  FORM_VERSION_NOT_FOUND: 'again',
  FORM_CONFIG_INVALID: 'again',
  FORM_SECRET_MISSING: 'again',
  ALERTS_NOT_CONFIGURED: 'again',
} as const satisfies Record<ErrorCode, 'final' | 'back' | 'again'>;

/** The heading (and the page's title) of a refused form post. */
export const refusalTitle = (locale: Locale) => REFUSAL_TEXTS[locale].title;

/**
 * A refused form post as a page in `locale`: a heading, what went wrong, and,
 * where the visitor can mend it by sending again, a link to `formUrl` (a fresh
 * copy of the form). Without `formUrl` (the form is unknown) no link.
 */
export function refusalHtml(locale: Locale, code: ErrorCode, formUrl: string | undefined): string {
  const texts: RefusalTexts = REFUSAL_TEXTS[locale];
  const kind = REFUSAL_KIND[code];
  const widgetTexts: Readonly<Record<string, string | undefined>> = CATALOG[locale];
  const message = (kind === 'again' ? undefined : widgetTexts[`code.${code}`]) ?? texts.again;
  const link = kind !== 'final' && formUrl ? `<p><a href="${escapeHtml(formUrl)}">${escapeHtml(texts.back)}</a></p>` : '';
  return `<div class="lg-frame"><div class="lg" lang="${escapeHtml(locale)}"><div class="result" role="alert"><h2 class="result-title">${escapeHtml(texts.title)}</h2><p>${escapeHtml(message)}</p>${link}</div></div></div>`;
}
