import type { FieldError } from '../../shared/api-error';

/**
 * What became of one delivery attempt. Every adapter maps its vendor's answers
 * onto exactly these; only `transient` is worth another attempt.
 */
export type Outcome =
  | { readonly kind: 'delivered'; readonly vendorId: string | undefined }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'rejected'; readonly fields: readonly FieldError[]; readonly vendorCode: string | undefined }
  | { readonly kind: 'transient'; readonly retryAfter: number | undefined; readonly reason: string }
  | { readonly kind: 'misconfigured'; readonly code: string };

export const delivered = (vendorId: string | undefined): Outcome => ({ kind: 'delivered', vendorId });
export const duplicate = (): Outcome => ({ kind: 'duplicate' });
export const rejected = (fields: readonly FieldError[], vendorCode?: string): Outcome => ({ kind: 'rejected', fields, vendorCode });
export const transient = (reason: string, retryAfter?: number): Outcome => ({ kind: 'transient', retryAfter, reason });
export const misconfigured = (code: string): Outcome => ({ kind: 'misconfigured', code });
