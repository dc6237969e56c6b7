import * as v from 'valibot';
import { HttpUrlSchema, IdSchema, RateLimitSchema, SecretNameSchema, TimeoutSchema } from '../../config/config-schemas';

/** A self-hosted CRM built on the Intercode SaaS Kit. */
export const IntercodeCrmConnectionSchema = v.strictObject({
  /** Where the kit's API is served, e.g. `https://crm.gym.example/api`. */
  baseUrl: HttpUrlSchema,
  /** Name of the Worker secret holding the bearer token of the CRM user Leadgate acts as. */
  tokenSecret: SecretNameSchema,
  timeoutMs: TimeoutSchema,
  rateLimitPerMinute: RateLimitSchema,
});

const DefaultTextSchema = v.pipe(v.string('must be a string'), v.maxLength(200, 'is too long'));

/** What the CRM requires on every lead that a visitor never gives. */
export const IntercodeCrmDefaultsSchema = v.strictObject({
  /** The name of the lead status new leads get (looked up with GET /leads/statuses). */
  statusName: v.optional(v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty')), 'New'),
  source: v.optional(DefaultTextSchema, 'Website'),
  business: v.optional(v.array(IdSchema, 'must be a list of business ids'), []),
  photo: v.optional(DefaultTextSchema, ''),
  state: v.optional(DefaultTextSchema, 'Active'),
  location: v.optional(DefaultTextSchema, ''),
  position: v.optional(DefaultTextSchema, ''),
  company: v.optional(DefaultTextSchema, ''),
});
