/** Header carrying the widget's per-submission key, kept across retries. No valibot here: the widget reads it. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;
