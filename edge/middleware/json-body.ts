import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';
import { LeadgateError } from '../errors';
import { typedBody } from './typed-body';

/**
 * Accepts only a JSON body of at most `maxBytes` that parses. Wrong type 415,
 * too large 413 (typedBody), unparseable 400: each with its own code. Its shape is the
 * `validate('json', …)` after it, which reads the text read here.
 */
export const jsonBody = (options: { maxBytes: number }) => {
  const typed = typedBody({ type: /^application\/json\s*(;|$)/i, maxBytes: options.maxBytes });
  return createMiddleware<AppEnv>((c, next) =>
    typed(c, async () => {
      try {
        JSON.parse(await c.req.text());
      } catch (cause) {
        throw new LeadgateError('INVALID_JSON', { cause });
      }
      await next();
    }),
  );
};
