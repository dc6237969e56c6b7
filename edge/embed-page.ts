import type { FirstPaint } from '../shared/first-paint';
import type { FormSpec } from '../shared/form-spec';
import { APP_FILE, FRAME_SIDE_FILE, localeFile, type WidgetFiles } from '../shared/widget-files';
import type { EmbedTheme } from './embed-theme';
import type { FormConfig } from './forms/form-config';
import { documentStart, escapeHtml } from './html-document';

/** JSON that stays data inside a <script type="application/json">, whatever strings it holds. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

const originOf = (url: string) => new URL(url).origin;

/**
 * The embed page's own rules (widget/embed.css has them too, for the pages that link it): inline, since a
 * linked stylesheet holds the frame's first paint for one more round trip after its document (issue 19).
 */
export const EMBED_PAGE_CSS = 'html,body{margin:0;padding:0;background:transparent}';

/**
 * The embed page's Content-Security-Policy: its own scripts only (plus
 * Turnstile's where the form has it), no inline code, and framed only by the
 * form's allowed origins.
 */
export function embedCsp(form: FormConfig, inlineStyle?: string): string {
  const turnstile = form.botCheck.turnstile ? ` ${originOf(form.botCheck.turnstile.scriptUrl)}` : '';
  return [
    "default-src 'none'",
    `script-src 'self'${turnstile}`,
    "connect-src 'self'",
    `style-src 'self'${inlineStyle ? ` ${inlineStyle}` : ''}`,
    "img-src 'self' data:",
    `frame-src${turnstile || " 'none'"}`,
    `frame-ancestors 'self' ${form.allowedOrigins.join(' ')}`,
    "base-uri 'none'",
    "form-action 'self'", // the form posts here where JavaScript fails (routes/form-post.ts)
  ].join('; ');
}

/** The host page's side of the bridge, when the snippet made the frame: its id, and its origin (already checked). */
export interface EmbedParent {
  readonly frameId: string;
  readonly origin: string;
}

/**
 * The modules the embed page needs besides the loader, in the folder the build named by their
 * hash (shared/widget-files.ts): preloaded from the page's <head>, so they arrive with the loader
 * instead of one round trip after it, and then after the app. None without the build's list.
 */
export function embedModules(files: WidgetFiles | undefined, locale: string): string[] {
  if (!files) return [];
  return [APP_FILE, localeFile(locale), FRAME_SIDE_FILE].map((name) => `/${files.dir}${name}`);
}

/**
 * The document `/embed/:formId` serves for an <iframe>: the form already in it
 * (rendered by the Worker into a declarative shadow root, its styles inline, so
 * it shows with the document), then the same loader and app as the script embed
 * to hydrate it (`paint.css` already carries the theme asked for, `theme` goes on the host), with the spec inlined so the form needs no second request, and
 * the modules the loader would import preloaded beside it. Everything from
 * config or vendor is escaped or JSON-encoded (the rendered form by Preact).
 */
export function renderEmbedPage(
  form: FormConfig,
  spec: FormSpec,
  files: WidgetFiles | undefined,
  parent?: EmbedParent,
  paint?: FirstPaint,
  theme?: EmbedTheme['theme'],
): string {
  // The theme as the loader would set it on the host (widget/host/theme.ts); checked against light|dark|auto (embed-theme.ts).
  const themed = theme ? ` data-leadgate-theme="${escapeHtml(theme)}"` : '';
  const bridge = parent ? ` data-frame-id="${escapeHtml(parent.frameId)}" data-parent-origin="${escapeHtml(parent.origin)}"` : '';
  const title = spec.texts.title ?? form.id;
  return `${documentStart(spec.locale, title, EMBED_PAGE_CSS)}${embedModules(files, spec.locale)
    .map((href) => `<link rel="modulepreload" href="${escapeHtml(href)}">`)
    .join('\n')}
</head>
<body>
<main id="leadgate-form"${themed}>${paint ? `<template shadowrootmode="open"><style>${paint.css}</style>${paint.html}</template>` : ''}</main>
<script type="application/json" id="leadgate-spec">${scriptJson(spec)}</script>
<script src="/widget.js" data-leadgate-form="${escapeHtml(form.id)}" data-target="#leadgate-form" data-spec="#leadgate-spec" data-embed="frame"${bridge}></script>
</body>
</html>
`;
}

/** A plain page for an embed that cannot be shown, in the form's words where we have none of the gym's. */
export function renderEmbedError(message: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="robots" content="noindex"><title>Form unavailable</title><link rel="stylesheet" href="/embed.css"></head>
<body><p class="embed-error">${escapeHtml(message)}</p></body>
</html>
`;
}
