import * as v from 'valibot';
import { IDEMPOTENCY_KEY_PATTERN } from './idempotency';

/**
 * The bot check's evidence beside the lead: the spec's form token, the hidden
 * field a person never fills (`trap`), and a Turnstile token where the form has one.
 */
export const ProofSchema = v.strictObject({
  formToken: v.optional(v.pipe(v.string(), v.maxLength(200))),
  trap: v.optional(v.pipe(v.string(), v.maxLength(500))),
  turnstile: v.optional(v.pipe(v.string(), v.maxLength(2048))),
});
export type Proof = v.InferOutput<typeof ProofSchema>;

/**
 * What the widget POSTs to `/v1/forms/:formId/leads`: the lead, or, when it resends
 * one its outbox kept, that lead sealed for the Worker (see shared/outbox-seal).
 */
export const SubmissionRequestSchema = v.union([
  v.strictObject({
    lead: v.record(v.string(), v.unknown()),
    proof: v.optional(ProofSchema),
  }),
  v.strictObject({
    sealed: v.string(),
    proof: v.optional(ProofSchema),
  }),
]);
export type SubmissionRequest = v.InferOutput<typeof SubmissionRequestSchema>;

/**
 * A successful answer: `delivered` (the vendor has it), `duplicate` (the vendor
 * already knows this person; nothing new was created), `accepted` (Leadgate has
 * stored it and will deliver it; the gym's system could not take it right now).
 */
export const SubmissionResultSchema = v.object({
  status: v.picklist(['delivered', 'duplicate', 'accepted']),
  submissionId: v.string(),
  /**
   * The second step's capability (see ProfileRequestSchema): only on the answer that delivered
   * a lead of a form with a second step, never on a repeat's. The widget keeps it in memory only.
   */
  profileKey: v.optional(v.string()),
});
export type SubmissionResult = v.InferOutput<typeof SubmissionResultSchema>;

export { IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_PATTERN } from './idempotency';

/** A submission's id: the `Idempotency-Key` it was first sent with. */
export const SubmissionIdSchema = v.pipe(v.string(), v.regex(IDEMPOTENCY_KEY_PATTERN));

/** A profile key as the Worker makes them: 32 random bytes, base64url. */
export const ProfileKeySchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/));

/**
 * What the widget POSTs to `/v1/forms/:formId/leads/:submissionId/profile` (the
 * second step): the answers, the `profileKey` the first step's answer gave (the
 * submission id alone, which the host page sees, authorises nothing), and the
 * bot check's evidence as a submission carries it.
 */
export const ProfileRequestSchema = v.strictObject({
  profile: v.record(v.string(), v.unknown()),
  profileKey: ProfileKeySchema,
  proof: v.optional(ProofSchema),
});
export type ProfileRequest = v.InferOutput<typeof ProfileRequestSchema>;

/** The second step's answers updated the same lead at the vendor. */
export const ProfileResultSchema = v.object({
  status: v.literal('updated'),
  submissionId: v.string(),
});
export type ProfileResult = v.InferOutput<typeof ProfileResultSchema>;
