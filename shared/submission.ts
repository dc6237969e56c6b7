import * as v from 'valibot';

/** What the widget POSTs to `/v1/forms/:formId/leads`. */
export const SubmissionRequestSchema = v.strictObject({
  lead: v.record(v.string(), v.unknown()),
});
export type SubmissionRequest = v.InferOutput<typeof SubmissionRequestSchema>;

/**
 * A successful answer: `delivered` (the vendor has it), `duplicate` (the vendor
 * already knows this person; nothing new was created).
 */
export const SubmissionResultSchema = v.object({
  status: v.picklist(['delivered', 'duplicate']),
  submissionId: v.string(),
});
export type SubmissionResult = v.InferOutput<typeof SubmissionResultSchema>;

/** Header carrying the widget's per-submission key, kept across retries. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;
