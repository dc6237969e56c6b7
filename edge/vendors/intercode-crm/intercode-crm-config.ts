import * as v from 'valibot';
import { HttpUrlSchema, IdSchema, RateLimitSchema, SecretNameSchema, TimeoutSchema } from '../../config/config-schemas';

/** A service account Leadgate signs in as (`POST /auth/login`): the names of the Worker secrets holding its email and password. */
export const IntercodeCrmLoginSchema = v.strictObject({
  emailSecret: SecretNameSchema,
  passwordSecret: SecretNameSchema,
});

/** A self-hosted CRM built on the Intercode SaaS Kit. */
export const IntercodeCrmConnectionSchema = v.pipe(
  v.strictObject({
    /** Where the kit's API is served, e.g. `https://crm.gym.example/api`. */
    baseUrl: HttpUrlSchema,
    /** A service account's login; its session is cached and renewed, one login for many leads. */
    login: v.optional(IntercodeCrmLoginSchema),
    /** Or: name of the Worker secret holding a static bearer token of the CRM user Leadgate acts as. */
    tokenSecret: v.optional(SecretNameSchema),
    timeoutMs: TimeoutSchema,
    rateLimitPerMinute: RateLimitSchema,
  }),
  v.check((c) => (c.login === undefined) !== (c.tokenSecret === undefined), 'needs either login or tokenSecret, not both'),
);

const DefaultTextSchema = v.pipe(v.string('must be a string'), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(200, 'is too long'));

/**
 * What the CRM requires on every lead that the form does not ask the visitor for. The kit marks
 * each of these Required and refuses them empty, so the business list, photo, location, position
 * and company have no fallback: the operator names them.
 */
export const IntercodeCrmDefaultsSchema = v.strictObject({
  /** The name of the lead status new leads get (looked up with GET /leads/statuses). */
  statusName: v.optional(v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty')), 'New'),
  /** The source when the page had no utm_source. */
  source: v.optional(DefaultTextSchema, 'Website'),
  business: v.pipe(v.array(IdSchema, 'must be a list of business ids'), v.minLength(1, 'must name at least one business')),
  /** A picture file name the kit shows for the lead, e.g. a placeholder avatar uploaded once. */
  photo: DefaultTextSchema,
  state: v.optional(DefaultTextSchema, 'Active'),
  location: DefaultTextSchema,
  position: DefaultTextSchema,
  company: DefaultTextSchema,
});
