import type { Context } from 'hono';
import { isAllowedOrigin } from './allowed-origin';

/**
 * The origin a browser request came from: its `Origin` header, else the origin
 * of its `Referer` (some browsers leave Origin off a same-origin request, and
 * an iframe's page load has only a Referer). Undefined when neither says.
 */
export function requestOrigin(c: Context): string | undefined {
  const origin = c.req.header('Origin');
  if (origin && origin !== 'null') return origin;
  const referer = c.req.header('Referer');
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

/** The Worker's own origin: its embed pages submit from there. */
function ownOrigin(c: Context): string {
  return new URL(c.req.url).origin;
}

/** Whether a request from `origin` may use a form: from the Worker's own pages, or from one of the form's allowed origins. */
export function isFormOrigin(c: Context, allowedOrigins: readonly string[], origin: string): boolean {
  return origin === ownOrigin(c) || isAllowedOrigin(allowedOrigins, origin);
}
