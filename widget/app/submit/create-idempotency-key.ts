/**
 * A fresh key for one submission. `crypto.randomUUID` only exists in secure
 * contexts, and gym sites still run on plain http, so fall back to random bytes.
 */
export function createIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
