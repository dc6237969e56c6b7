import * as v from 'valibot';
import { HttpUrlSchema, IdSchema, RateLimitSchema, TimeoutSchema } from '../../config/config-schemas';

/** Magicline Connect: the public website API of a Magicline tenant (no credentials). */
export const MagiclineConnectConnectionSchema = v.strictObject({
  /** `https://<tenant>.api.magicline.com`, without `/connect`. */
  baseUrl: v.pipe(
    HttpUrlSchema,
    v.check((u) => !/\/connect\/?$/.test(u), 'must not end with /connect (give the tenant base URL)'),
  ),
  /** The studios this form is for; absent means every studio the tags select. */
  studioIds: v.optional(v.pipe(v.array(IdSchema, 'must be a list of studio ids'), v.minLength(1, 'must list at least one studio'))),
  /** Studio tags ("Standort Code") selecting the studios, combined by OR. */
  studioTags: v.optional(
    v.pipe(
      v.array(v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty')), 'must be a list of tags'),
      v.minLength(1, 'must list at least one tag'),
    ),
  ),
  timeoutMs: TimeoutSchema,
  rateLimitPerMinute: RateLimitSchema,
});
export type MagiclineConnectConnection = v.InferOutput<typeof MagiclineConnectConnectionSchema>;
