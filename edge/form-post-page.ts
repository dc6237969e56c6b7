import { widgetCss } from '../widget/app/styles/widget-css';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);

/**
 * The page a form posted without JavaScript is answered with: `body` (the
 * widget's markup, already escaped by Preact or the caller) in a declarative
 * shadow root with the widget's styles inline (allowed by their hash, see
 * paintCssSource), and no script at all.
 */
export function renderAnswerPage(locale: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/embed.css">
</head>
<body>
<main id="leadgate-form"><template shadowrootmode="open"><style>${widgetCss}</style>${body}</template></main>
</body>
</html>
`;
}

/** The widget's thank-you panel, as the app shows it once the lead is in. */
export function thanksHtml(locale: string, title: string, message: string): string {
  return `<div class="lg-frame"><div class="lg" lang="${escapeHtml(locale)}"><div class="result" role="status"><h2 class="result-title">${escapeHtml(title)}</h2><p>${escapeHtml(message)}</p></div></div></div>`;
}
