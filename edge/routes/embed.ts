import type { Context } from 'hono';
import { ERROR_CODES } from '../../shared/error-codes';
import { ERROR_MESSAGES } from '../../shared/error-messages';
import { matchLocale } from '../../shared/locales';
import { isAllowedOrigin } from '../allowed-origin';
import type { AppEnv } from '../app-env';
import { type EmbedParent, embedCsp, renderEmbedError, renderEmbedPage } from '../embed-page';
import { LeadgateError } from '../errors';
import { findForm } from '../forms';
import { log } from '../logger';
import { isFormOrigin, requestOrigin } from '../request-origin';
import { servedSpec } from '../served-spec';

/**
 * The iframe embed: the form in a document of its own, framed only by the
 * form's allowed origins (CSP frame-ancestors). A page load whose Referer names
 * another site is refused outright.
 */
export async function serveEmbedPage(c: Context<AppEnv, '/embed/:formId'>) {
  c.header('Cache-Control', 'private, max-age=60');
  const form = findForm(c.req.param('formId'));
  if (!form) return embedError(c, 'FORM_NOT_FOUND');
  c.set('form', form);
  c.header('Content-Security-Policy', embedCsp(form));
  const origin = requestOrigin(c);
  if (origin !== undefined && !isFormOrigin(c, form.allowedOrigins, origin)) {
    log('warn', 'origin_refused', c, { origin });
    return embedError(c, 'ORIGIN_NOT_ALLOWED');
  }
  const locale = matchLocale([c.req.query('locale')]) ?? form.defaultLocale;
  try {
    const spec = await servedSpec(c, locale);
    c.set('outcome', 'embed');
    return c.html(renderEmbedPage(form, spec, embedParent(c.req.query('frame'), c.req.query('parent'), form.allowedOrigins)));
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
  if (!frameId || !/^[a-z0-9]{4,40}$/i.test(frameId) || !origin || !isAllowedOrigin(allowed, origin)) return undefined;
  return { frameId, origin };
}

/** A refused embed as a small HTML page (the frame shows it), not the API's JSON error. */
function embedError(c: Context<AppEnv>, code: keyof typeof ERROR_CODES): Response {
  c.set('outcome', code);
  if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', "default-src 'none'; style-src 'self'; frame-ancestors *");
  return c.html(renderEmbedError(ERROR_MESSAGES[code]), ERROR_CODES[code]);
}
