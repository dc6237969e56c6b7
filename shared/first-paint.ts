/**
 * The form as the Worker renders it for the first paint (edge/first-paint.ts),
 * sent beside the spec (`GET /v1/forms/:formId?paint=1`) and inlined in the
 * embed page: the loader shows it at once, and the app hydrates it.
 */
export interface FirstPaint {
  /** The app's own markup, in its frame (`<div class="lg-frame" data-leadgate-ssr="…">`). */
  readonly html: string;
  /** The widget's stylesheet, the same the app adopts. */
  readonly css: string;
}

/** Marks the server-rendered frame; its value is the id prefix it was rendered with, which hydration must reuse. */
export const SSR_ATTRIBUTE = 'data-leadgate-ssr';
export const SSR_ID_PREFIX = 'lg0';
