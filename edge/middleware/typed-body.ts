import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';
import { LeadgateError } from '../errors';

/**
 * Accepts only a body whose `Content-Type` `type` matches, of at most `maxBytes`:
 * wrong type 415, too large 413, each with its own code. What the body must
 * then be is the next handler's (jsonBody: JSON that parses; formBody: a posted form).
 */
export const typedBody = (options: { type: RegExp; maxBytes: number }) => {
  if (!(options.maxBytes > 0)) throw new Error('typedBody: maxBytes must be positive');
  const limit = bodyLimit({
    maxSize: options.maxBytes,
    onError: () => {
      throw new LeadgateError('PAYLOAD_TOO_LARGE');
    },
  });
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!options.type.test(c.req.header('Content-Type') ?? '')) throw new LeadgateError('UNSUPPORTED_MEDIA_TYPE');
    return limit(c, next);
  });
};
