import { widgetCss } from '../widget/app/styles/widget-css';
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

/** The widget's thank-you panel, as the app shows it once the lead is in. */
export function thanksHtml(locale: string, title: string, message: string): string {
  return `<div class="lg-frame"><div class="lg" lang="${escapeHtml(locale)}"><div class="result" role="status"><h2 class="result-title">${escapeHtml(title)}</h2><p>${escapeHtml(message)}</p></div></div></div>`;
}
