import type { Context } from 'hono';
import * as v from 'valibot';
import { ERROR_CODES } from '../../shared/error-codes';
import { ERROR_MESSAGES } from '../../shared/error-messages';
import { widgetCss } from '../../widget/app/styles/widget-css';
import { isAllowedOrigin } from '../allowed-origin';
import type { AppEnv } from '../app-env';
import { EMBED_PAGE_CSS, type EmbedParent, embedCsp, renderEmbedError, renderEmbedPage } from '../embed-page';
import { EmbedThemeEntries, themeCss } from '../embed-theme';
import { LeadgateError } from '../errors';
import { firstPaint, paintCssSource, styleSource } from '../first-paint';
import { log } from '../logger';
import { QueryValueSchema, validate } from '../middleware/validate';
import { isFormOrigin, requestOrigin } from '../request-origin';
import { servedSpec } from '../served-spec';
import { widgetFiles } from '../widget-files';
import { SpecQuerySchema } from './spec';

let pageCss: Promise<string> | undefined;
/** The CSP source for the embed page's own rules (EMBED_PAGE_CSS), worked out once per isolate. */
const pageCssSource = () => (pageCss ??= styleSource(EMBED_PAGE_CSS));

/**
 * The spec's `?locale=`, and what the snippet says about the page that framed
 * it (`frame`: its id for the frame, `parent`: the page's origin), and the
 * theme its URL asks for (each value kept only if it is well-formed). Never
 * refused: without a well-formed frame id the page still shows the form, only
 * without the bridge.
 */
const EmbedQuerySchema = v.object({
  ...SpecQuerySchema.entries,
  frame: v.fallback(v.optional(v.pipe(QueryValueSchema, v.regex(/^[a-z0-9]{4,40}$/i))), undefined),
  parent: v.optional(QueryValueSchema),
  ...EmbedThemeEntries,
});

/** The embed page's query, read once; it cannot fail (see EmbedQuerySchema). */
export const embedQuery = validate('query', EmbedQuerySchema, 'INVALID_REQUEST');

type EmbedContext = Context<AppEnv, '/embed/:formId', { out: { query: v.InferOutput<typeof EmbedQuerySchema> } }>;

/**
 * The iframe embed: the form in a document of its own, framed only by the
 * form's allowed origins (CSP frame-ancestors). A page load whose Referer names
 * another site is refused outright.
 */
export async function serveEmbedPage(c: EmbedContext) {
  c.header('Cache-Control', 'private, max-age=60');
  const form = await c.var.forms.find(c.req.param('formId'));
  if (!form) return embedError(c, 'FORM_NOT_FOUND');
  c.set('form', form);
  const query = c.req.valid('query');
  // The inline stylesheet as the page carries it: the widget's, then the theme asked for; the CSP allows that one by its hash.
  const theme = themeCss(query);
  const paintCss = `${widgetCss}${theme}`;
  // Without a theme the sheet is the widget's alone, whose hash the isolate keeps; a themed one is hashed per page.
  const paintSource = await (theme ? styleSource(paintCss) : paintCssSource());
  c.header('Content-Security-Policy', embedCsp(form, `${paintSource} ${await pageCssSource()}`));
  const origin = requestOrigin(c);
  if (origin !== undefined && !isFormOrigin(c, form.allowedOrigins, origin)) {
    log('warn', 'origin_refused', c, { origin });
    return embedError(c, 'ORIGIN_NOT_ALLOWED');
  }
  try {
    const [spec, files] = await Promise.all([servedSpec(c, query.locale ?? form.defaultLocale), widgetFiles(c.env.ASSETS)]);
    if (!files) log('warn', 'widget_files_missing', c); // the page works without its preloads, only slower
    c.set('outcome', 'embed');
    const paint = { ...firstPaint(spec, new URL(c.req.url).origin), css: paintCss };
    return c.html(renderEmbedPage(form, spec, files, embedParent(query.frame, query.parent, form.allowedOrigins), paint, query.theme));
  } catch (error) {
    if (error instanceof LeadgateError) return embedError(c, error.code);
    throw error;
  }
}

/**
 * The snippet names its frame and its page's origin; the frame will post to
 * that origin only, so it must be one the form allows (else: no bridge, fixed height).
 */
function embedParent(frameId: string | undefined, origin: string | undefined, allowed: readonly string[]): EmbedParent | undefined {
  if (!frameId || !origin || !isAllowedOrigin(allowed, origin)) return undefined;
  return { frameId, origin };
}

/** A refused embed as a small HTML page (the frame shows it), not the API's JSON error. */
function embedError(c: Context<AppEnv>, code: keyof typeof ERROR_CODES): Response {
  c.set('outcome', code);
  if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', "default-src 'none'; style-src 'self'; frame-ancestors *");
  return c.html(renderEmbedError(ERROR_MESSAGES[code]), ERROR_CODES[code]);
}
