import type { Proof } from '../../../shared/submission';
import { type SubmitOutcome, shouldRetry, submitLead } from '../submit/submit-lead';
import type { Outbox, OutboxEntry } from './outbox';

export interface SendSavedLeadOptions {
  readonly entry: OutboxEntry;
  readonly outbox: Outbox;
  /** The Worker's origin. */
  readonly origin: string;
  /** Fresh bot-check evidence from the form on the page now; each send needs its own. */
  readonly proof?: () => Promise<Proof>;
  readonly fetch?: typeof fetch;
}

// Module-wide, so two forms of the same id on one page (or the `online` event racing a timer) share one send.
const sending = new Map<string, Promise<SubmitOutcome>>();

/**
 * Sends a saved lead once more, as the copy sealed for the Worker, with its own key, and removes it from the
 * outbox once the answer is final: a success, or a refusal no resend can
 * change. While a send of the same entry is on its way, callers share it.
 */
export function sendSavedLead({ entry, outbox, origin, proof, fetch }: SendSavedLeadOptions): Promise<SubmitOutcome> {
  const running = sending.get(entry.key);
  if (running) return running;
  const submit = (evidence?: Proof) =>
    submitLead({ origin, formId: entry.formId, lead: { sealed: entry.sealed }, idempotencyKey: entry.key, fetch, ...(evidence ? { proof: evidence } : {}) });
  const send = (proof ? proof().then(submit) : submit())
    .then((outcome) => {
      if (!shouldRetry(outcome)) outbox.remove(entry.key);
      return outcome;
    })
    .finally(() => sending.delete(entry.key));
  sending.set(entry.key, send);
  return send;
}
