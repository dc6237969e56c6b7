/** The start of every outbox entry's storage key, whatever its form: the sweep on load finds them all by it. */
export const OUTBOX_PREFIX = 'leadgate:outbox:';

/** The storage key of one saved submission: its form and its idempotency key, neither of them personal data. */
export function outboxKey(formId: string, key: string): string {
  return `${OUTBOX_PREFIX}${formId}:${key}`;
}
