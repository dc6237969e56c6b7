import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { type FirstPaint, SSR_ATTRIBUTE, SSR_ID_PREFIX } from '../shared/first-paint';
import type { FormSpec } from '../shared/form-spec';
import { App, type AppProps } from '../widget/app/App';
import type { FormValues } from '../widget/app/fields/form-values';
import { widgetCss } from '../widget/app/styles/widget-css';
import { CATALOG } from '../widget/i18n/catalog';

// One render per form, language and spec: the spec differs between requests only in its form token,
// which the HTML holds in one place (the form's action), filled in per request.
const rendered = new Map<string, string>();
const MAX_RENDERED = 200;
const TOKEN_SLOT = 'LEADGATE-FORM-TOKEN';

/**
 * Where the rendered form posts without JavaScript (edge/routes/form-post.ts):
 * its language and its form token ride in the URL, so the form needs no field of
 * its own that the app would not render.
 */
export function formPostAction(origin: string, spec: FormSpec, token = spec.bot?.formToken ?? ''): string {
  const url = new URL(`/v1/forms/${encodeURIComponent(spec.formId)}/form-post`, origin);
  url.searchParams.set('locale', spec.locale);
  url.searchParams.set('token', token);
  return url.href;
}

/** The widget's App rendered to HTML in its frame, as the loader and the embed page show it and the app hydrates it. */
export function renderForm(spec: FormSpec, post: AppProps['post'], values?: FormValues): string {
  const app = renderToString(
    h(App, {
      spec,
      messages: CATALOG[spec.locale],
      origin: '',
      formId: spec.formId,
      idPrefix: SSR_ID_PREFIX,
      onEvent: () => {},
      attribution: () => ({}),
      initial: values,
      post,
    }),
  );
  return `<div class="lg-frame" ${SSR_ATTRIBUTE}="${SSR_ID_PREFIX}">${app}</div>`;
}

/**
 * The form as the widget's own Preact components render it, for the loader to
 * show before the app chunk arrives (and the embed page to carry in its HTML),
 * posting to `origin` where JavaScript fails. Kept per spec in this isolate, so
 * a form is rendered once, not per visitor.
 */
export function firstPaint(spec: FormSpec, origin: string): FirstPaint {
  const key = JSON.stringify({ origin, spec: { ...spec, bot: spec.bot && { ...spec.bot, formToken: '' } } });
  let html = rendered.get(key);
  if (html === undefined) {
    html = renderForm(spec, { action: formPostAction(origin, spec, TOKEN_SLOT) });
    if (rendered.size >= MAX_RENDERED) rendered.delete(rendered.keys().next().value!);
    rendered.set(key, html);
  }
  return { html: html.replace(TOKEN_SLOT, encodeURIComponent(spec.bot?.formToken ?? '')), css: widgetCss };
}

const cssHashes = new Map<string, Promise<string>>();

/** The CSP source (`'sha256-…'`) that lets a page carry `css` in a <style> element, computed once per isolate. */
export function inlineCssSource(css: string): Promise<string> {
  let hash = cssHashes.get(css);
  if (!hash) {
    hash = crypto.subtle.digest('SHA-256', new TextEncoder().encode(css)).then((digest) => {
      let binary = '';
      for (const byte of new Uint8Array(digest)) binary += String.fromCharCode(byte);
      return `'sha256-${btoa(binary)}'`;
    });
    cssHashes.set(css, hash);
  }
  return hash;
}

/** The CSP source (`'sha256-…'`) that lets the embed page carry the widget's stylesheet inline. */
export const paintCssSource = (): Promise<string> => inlineCssSource(widgetCss);
