import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';
import { LeadgateError } from '../errors';

/**
 * Accepts only a JSON body of at most `maxBytes` that parses. Wrong type 415,
 * too large 413, unparseable 400: each with its own code. Its shape is the
 * `validate('json', …)` after it, which reads the text read here.
 */
export const jsonBody = (options: { maxBytes: number }) => {
  if (!(options.maxBytes > 0)) throw new Error('jsonBody: maxBytes must be positive');
  const limit = bodyLimit({
    maxSize: options.maxBytes,
    onError: () => {
      throw new LeadgateError('PAYLOAD_TOO_LARGE');
    },
  });
  return createMiddleware<AppEnv>(async (c, next) => {
    const type = c.req.header('Content-Type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) throw new LeadgateError('UNSUPPORTED_MEDIA_TYPE');
    return limit(c, async () => {
      try {
        JSON.parse(await c.req.text());
      } catch (cause) {
        throw new LeadgateError('INVALID_JSON', { cause });
      }
      await next();
    });
  });
};
