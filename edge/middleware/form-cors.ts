import { cors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import { IDEMPOTENCY_HEADER } from '../../shared/submission';
import { isAllowedOrigin } from '../allowed-origin';
import type { AppEnv } from '../app-env';
import { LeadgateError } from '../errors';

/**
 * CORS from the form's own allowed origins. A browser POST from any other
 * origin is refused outright, not just left unreadable.
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
    const origin = c.req.header('Origin');
    if (c.req.method === 'POST' && origin !== undefined && !isAllowedOrigin(c.get('form').allowedOrigins, origin)) {
      throw new LeadgateError('ORIGIN_NOT_ALLOWED');
    }
    return headers(c, next);
  });
};
