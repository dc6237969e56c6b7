import * as v from 'valibot';
import { HttpUrlSchema, RateLimitSchema, SecretNameSchema, TimeoutSchema } from '../../config/config-schemas';

/** PerfectGym Next and Magicline's Open API share the `/v1/leads/*` endpoints and this connection. */
export const OpenApiConnectionSchema = v.strictObject({
  /** The base URL from the activation email, ending in `/v1`. */
  baseUrl: v.pipe(
    HttpUrlSchema,
    v.check((u) => /\/v1\/?$/.test(u), 'must end with /v1 (the base URL from the activation email)'),
  ),
  /** Name of the Worker secret holding the studio's X-API-KEY. */
  apiKeySecret: SecretNameSchema,
  timeoutMs: TimeoutSchema,
  rateLimitPerMinute: RateLimitSchema,
});
export type OpenApiConnection = v.InferOutput<typeof OpenApiConnectionSchema>;

/** "The default rate limit is 1000 requests per minute", per endpoint. */
export const OPEN_API_RATE_LIMIT_PER_MINUTE = 1000;
