import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';
import { log } from '../logger';

/**
 * One line per request once it is answered: request id, form id, route
 * pattern (never the query string), status, outcome code and duration. The
 * outcome is what the route set as `outcome` (an error code, or e.g.
 * `delivered`); nothing from the request body is ever in it.
 */
export const accessLog = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const started = Date.now();
    await next();
    const status = c.res.status;
    log(status >= 500 ? 'warn' : 'info', 'request', c, {
      method: c.req.method,
      route: c.req.routePath,
      status,
      outcome: c.get('outcome') ?? (status < 400 ? 'ok' : `status_${status}`),
      ms: Date.now() - started,
    });
  });
