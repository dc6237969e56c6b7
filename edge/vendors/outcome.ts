import type { FieldError } from '../../shared/api-error';

/**
 * What became of one delivery attempt. Every adapter maps its vendor's answers
 * onto exactly these; `transient` and `unknown` are worth another attempt.
 */
export type Outcome =
  /** The vendor has the lead: `vendorId` is its id there, `refs` the other ids its answer gave (customer id, uuid…). */
  | { readonly kind: 'delivered'; readonly vendorId: string | undefined; readonly refs?: Readonly<Record<string, string>> }
  /**
   * A real earlier customer, member or email at the vendor (never an earlier copy of
   * this same submission: that is `delivered`). `vendorId` is the existing record where
   * the vendor names it; `kept` says where the visitor's message and campaign were added
   * there (a note, a comment), undefined when the vendor has no place for them.
   */
  | { readonly kind: 'duplicate'; readonly vendorId?: string; readonly kept?: string }
  | { readonly kind: 'rejected'; readonly fields: readonly FieldError[]; readonly vendorCode: string | undefined }
  | { readonly kind: 'transient'; readonly retryAfter: number | undefined; readonly reason: string }
  | { readonly kind: 'misconfigured'; readonly code: string }
  /**
   * The create was sent but its answer never came (timeout, reset connection, 5xx
   * after the body was sent): the vendor may hold the lead. The next attempt is told
   * (`DeliveryMeta.afterUnknown`) and must find out before it creates again.
   */
  | { readonly kind: 'unknown'; readonly retryAfter: number | undefined; readonly reason: string }
  /**
   * After an unknown outcome, the vendor cannot tell whether the earlier create landed:
   * nothing is sent again, an operator decides ("it arrived" or "send again").
   */
  | { readonly kind: 'undetermined'; readonly reason: string };

export const delivered = (vendorId: string | undefined, refs?: Readonly<Record<string, string>>): Outcome =>
  refs && Object.keys(refs).length > 0 ? { kind: 'delivered', vendorId, refs } : { kind: 'delivered', vendorId };
export const duplicate = (found: { vendorId?: string; kept?: string } = {}): Outcome => ({ kind: 'duplicate', ...found });
export const rejected = (fields: readonly FieldError[], vendorCode?: string): Outcome => ({ kind: 'rejected', fields, vendorCode });
export const transient = (reason: string, retryAfter?: number): Outcome => ({ kind: 'transient', retryAfter, reason });
export const misconfigured = (code: string): Outcome => ({ kind: 'misconfigured', code });
export const unknown = (reason: string, retryAfter?: number): Outcome => ({ kind: 'unknown', retryAfter, reason });
export const undetermined = (reason: string): Outcome => ({ kind: 'undetermined', reason });
