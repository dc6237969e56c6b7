import { cors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import { IDEMPOTENCY_HEADER } from '../../shared/submission';
import { isAllowedOrigin } from '../allowed-origin';
import type { AppEnv } from '../app-env';
import { LeadgateError } from '../errors';
import { log } from '../logger';
import { isFormOrigin, requestOrigin } from '../request-origin';

/**
 * CORS from the form's own allowed origins. A POST must name its origin
 * (`Origin`, else `Referer`) and that origin must be listed, or be the
 * Worker's own (the iframe embed page): anything else is refused with 403
 * ORIGIN_NOT_ALLOWED, not just left unreadable.
 */
export const formCors = () => {
  const headers = cors({
    origin: (origin, c) => (isAllowedOrigin(c.get('form').allowedOrigins, origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['Content-Type', IDEMPOTENCY_HEADER],
    exposeHeaders: ['Retry-After'],
    maxAge: 600,
  });
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.method === 'POST') {
      const origin = requestOrigin(c);
      if (origin === undefined || !isFormOrigin(c, c.get('form').allowedOrigins, origin)) {
        log('warn', 'origin_refused', c, { origin: origin ?? 'none' });
        throw new LeadgateError('ORIGIN_NOT_ALLOWED');
      }
    }
    return headers(c, next);
  });
};
