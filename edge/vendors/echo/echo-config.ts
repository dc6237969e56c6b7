import * as v from 'valibot';
import { HttpUrlSchema, RateLimitSchema, SecretNameSchema, TimeoutSchema } from '../../config/config-schemas';

/** The echo vendor: a test-only lead store (its simulator) with a bearer token. */
export const EchoConnectionSchema = v.strictObject({
  /** The store's address, e.g. `http://127.0.0.1:8798/<tenant>`. */
  baseUrl: HttpUrlSchema,
  /** Name of the Worker secret holding the store's bearer token. */
  tokenSecret: SecretNameSchema,
  timeoutMs: TimeoutSchema,
  rateLimitPerMinute: RateLimitSchema,
});
export type EchoConnection = v.InferOutput<typeof EchoConnectionSchema>;
