import * as v from 'valibot';

/**
 * Where a submission stands in the delivery ledger.
 * - `pending`: an attempt is running now (inline, or by the queue consumer).
 * - `queued`: accepted and waiting for its next attempt in the delivery queue.
 * - `delivered`, `duplicate`: the vendor has it (or already had this person). Final.
 * - `rejected`: the vendor refused it on a field while the visitor was still on the form,
 *   and the visitor was told which. Final (the visitor may correct it and send it again).
 * - `held`: the vendor refused it without naming a field the visitor could fix (a setup
 *   error at the vendor). Kept with its reason for an operator to fix and replay.
 * - `unknown`: a create's answer was lost and the vendor cannot tell whether it landed.
 *   Nothing is sent again until an operator says "it arrived" or "send again".
 * - `failed`: a dead letter: accepted, but the retry budget ran out (or the queue gave
 *   up on it). Waits for an operator to replay it.
 */
export const DELIVERY_STATUSES = ['pending', 'queued', 'delivered', 'duplicate', 'rejected', 'held', 'unknown', 'failed'] as const;
export const DeliveryStatusSchema = v.picklist(DELIVERY_STATUSES);
export type DeliveryStatus = v.InferOutput<typeof DeliveryStatusSchema>;

/** Why a delivery became a dead letter (or, `vendor_rejected`, was held). */
export const FAILURE_REASONS = ['vendor_rejected', 'budget_exhausted', 'queue_retries_exhausted', 'form_removed'] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/**
 * One delivery as the admin list shows it: codes, counts and times only,
 * never personal data. Times are ISO 8601 strings.
 */
export const DeliverySummarySchema = v.object({
  id: v.string(),
  formId: v.string(),
  status: DeliveryStatusSchema,
  /** Vendor calls made so far (a pacing delay is not an attempt). */
  attempts: v.number(),
  /** The last error: a vendor code (e.g. `INVALID_LEAD_DATA`), `status_503`, `timeout`, `network`, `VENDOR_AUTH_FAILED`... */
  lastErrorCode: v.nullable(v.string()),
  failureReason: v.nullable(v.picklist(FAILURE_REASONS)),
  vendorId: v.nullable(v.string()),
  /**
   * The other ids the vendor's answer gave (PerfectGym's `customerId`, `uuid`, `customerNumber`;
   * PerfectGym Classic's `memberId`), and for a duplicate where the visitor's message and
   * campaign were added at the vendor (`keptIn`: `note`, `comment`). Ids, never personal data.
   */
  vendorRefs: v.nullable(v.record(v.string(), v.string())),
  createdAt: v.string(),
  updatedAt: v.string(),
  nextAttemptAt: v.nullable(v.string()),
  /**
   * The last attempt's answer was lost after a create was sent: the next attempt
   * finds out whether that create landed before it creates again.
   */
  outcomeUnknown: v.boolean(),
  /** When the dead-letter queue took the job and the operator alert was logged. */
  deadLetteredAt: v.nullable(v.string()),
  /** When the personal data was deleted (retention); null while it is kept. */
  purgedAt: v.nullable(v.string()),
});
export type DeliverySummary = v.InferOutput<typeof DeliverySummarySchema>;

/** `GET /v1/admin/forms/:formId/deliveries?status=&limit=&cursor=&since=&until=` (since/until: ISO 8601, submitted in [since, until)) */
export const DeliveryListSchema = v.object({
  deliveries: v.array(DeliverySummarySchema),
  /** Pass as `cursor` for the next page; absent on the last page. */
  nextCursor: v.optional(v.string()),
});
export type DeliveryList = v.InferOutput<typeof DeliveryListSchema>;

/**
 * `GET /v1/admin/forms/:formId/deliveries/:id`: one delivery, with the lead
 * itself while it is kept, so an operator can act on a dead letter.
 */
export const DeliveryDetailSchema = v.object({
  delivery: v.object({ ...DeliverySummarySchema.entries, lead: v.nullable(v.record(v.string(), v.unknown())) }),
});
export type DeliveryDetail = v.InferOutput<typeof DeliveryDetailSchema>;

/**
 * `GET /v1/admin/forms/:formId/stats`: how many deliveries are in each status, ever. `archived`:
 * how many of those retention has deleted (only their counts are kept, per day and status).
 */
export const DeliveryStatsSchema = v.object({
  formId: v.string(),
  counts: v.record(DeliveryStatusSchema, v.number()),
  archived: v.optional(v.record(DeliveryStatusSchema, v.number())),
});
export type DeliveryStats = v.InferOutput<typeof DeliveryStatsSchema>;

/**
 * `POST /v1/admin/forms/:formId/deliveries/:id/replay` (one dead letter or held lead) and
 * `POST /v1/admin/forms/:formId/dead-letters/replay` (all of a form's, held ones too): back
 * into the queue with a fresh retry budget.
 */
export const ReplayResultSchema = v.object({ replayed: v.array(v.string()) });
export type ReplayResult = v.InferOutput<typeof ReplayResultSchema>;

/**
 * `POST /v1/admin/forms/:formId/deliveries/:id/arrived` (optional JSON `{ "vendorId" }`):
 * the operator found the lead of an `unknown` delivery at the vendor; it becomes `delivered`.
 * `POST …/:id/send-again`: the operator decided a create is wanted; it is queued with a
 * fresh budget and sent as a new create. Both only for a delivery in status `unknown`.
 */
export const ResolveResultSchema = v.object({ id: v.string(), status: DeliveryStatusSchema });
export type ResolveResult = v.InferOutput<typeof ResolveResultSchema>;

/** The body `…/arrived` accepts: the lead's id at the vendor, when the operator knows it. */
export const ArrivedRequestSchema = v.object({ vendorId: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200))) });
export type ArrivedRequest = v.InferOutput<typeof ArrivedRequestSchema>;

/** The header the admin API reads: `Authorization: Bearer <LEADGATE_ADMIN_TOKEN>`. */
export const ADMIN_TOKEN_SECRET = 'LEADGATE_ADMIN_TOKEN';

/**
 * `POST /v1/admin/keys/re-encrypt` (global token): one batch of stored leads not under the current
 * data key sealed under it. `unreadable`: leads no listed key opens, left as they are;
 * `remaining`: leads still to do (call again).
 */
export const ReencryptResultSchema = v.object({ reencrypted: v.number(), unreadable: v.number(), remaining: v.number() });
export type ReencryptResult = v.InferOutput<typeof ReencryptResultSchema>;
