import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { type FirstPaint, SSR_ATTRIBUTE, SSR_ID_PREFIX } from '../shared/first-paint';
import type { FormSpec } from '../shared/form-spec';
import { App } from '../widget/app/App';
import { widgetCss } from '../widget/app/styles/widget-css';
import { CATALOG } from '../widget/i18n/catalog';

// One render per form, language and spec: the spec differs between requests only in its form token, which the HTML does not hold.
const rendered = new Map<string, string>();
const MAX_RENDERED = 200;

function renderHtml(spec: FormSpec): string {
  const app = renderToString(
    h(App, {
      spec,
      messages: CATALOG[spec.locale],
      origin: '',
      formId: spec.formId,
      idPrefix: SSR_ID_PREFIX,
      onEvent: () => {},
      attribution: () => ({}),
    }),
  );
  return `<div class="lg-frame" ${SSR_ATTRIBUTE}="${SSR_ID_PREFIX}">${app}</div>`;
}

/**
 * The form as the widget's own Preact components render it, for the loader to
 * show before the app chunk arrives (and the embed page to carry in its HTML).
 * Kept per spec in this isolate, so a form is rendered once, not per visitor.
 */
export function firstPaint(spec: FormSpec): FirstPaint {
  const key = JSON.stringify({ ...spec, bot: spec.bot && { ...spec.bot, formToken: '' } });
  let html = rendered.get(key);
  if (html === undefined) {
    html = renderHtml(spec);
    if (rendered.size >= MAX_RENDERED) rendered.delete(rendered.keys().next().value!);
    rendered.set(key, html);
  }
  return { html, css: widgetCss };
}

let cssHash: Promise<string> | undefined;

/** The CSP source (`'sha256-…'`) that lets the embed page carry the widget's stylesheet inline. */
export function paintCssSource(): Promise<string> {
  cssHash ??= crypto.subtle.digest('SHA-256', new TextEncoder().encode(widgetCss)).then((digest) => {
    let binary = '';
    for (const byte of new Uint8Array(digest)) binary += String.fromCharCode(byte);
    return `'sha256-${btoa(binary)}'`;
  });
  return cssHash;
}
