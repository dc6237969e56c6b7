import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';

/**
 * Headers every Worker response carries: no MIME sniffing, and no full URL of
 * ours in a Referer. Pages set their own Content-Security-Policy (see embed-page).
 */
export const securityHeaders = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  });
