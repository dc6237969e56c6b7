import { IDEMPOTENCY_HEADER } from '../../../shared/idempotency';
import type { Lead } from '../../../shared/lead';
import type { Proof, SubmissionResult } from '../../../shared/submission';
import { type FailureCode, type PostFailure, postJson } from './post-json';

export type SubmitOutcome =
  | {
      readonly kind: 'delivered' | 'duplicate' | 'accepted';
      readonly submissionId: string;
      /** The second step's capability: for the ProfileStep alone, never for events or storage. */
      readonly profileKey?: string | undefined;
    }
  | PostFailure;

export interface SubmitLeadOptions {
  /** The Worker's origin, e.g. `https://forms.leadgate.example`. */
  readonly origin: string;
  readonly formId: string;
  /** The lead, or for a resend from the outbox the copy of it sealed for the Worker. */
  readonly lead: Lead | { readonly sealed: string };
  /** The same key for every attempt at sending the same lead. */
  readonly idempotencyKey: string;
  /** The bot check's evidence (see use-bot-proof). */
  readonly proof?: Proof;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

// Sending again with the same key cannot create a second lead, so these are worth a retry on the device, unattended.
const RESENDABLE: ReadonlySet<FailureCode> = new Set<FailureCode>(['NETWORK', 'VENDOR_UNAVAILABLE', 'INTERNAL_ERROR']);
// These pass too, but the visitor should see why and press again: too many sends, or a security check to redo.
const VISITOR_RETRY: ReadonlySet<FailureCode> = new Set<FailureCode>(['RATE_LIMITED', 'CHALLENGE_FAILED', 'CHALLENGE_UNAVAILABLE']);

/** Whether the same lead may still go through when sent again (the button says "Try again"). */
export function isRetryable(code: FailureCode): boolean {
  return RESENDABLE.has(code) || VISITOR_RETRY.has(code);
}

/** Whether a visitor's send that failed so should be kept on the device and resent with the same key until it arrives. */
export function shouldKeep(outcome: SubmitOutcome): outcome is Extract<SubmitOutcome, { kind: 'failed' }> {
  return outcome.kind === 'failed' && RESENDABLE.has(outcome.code);
}

/** Whether a resend of a kept lead should simply be tried again later (a limit or a check that passes with time included). */
export function shouldRetry(outcome: SubmitOutcome): outcome is Extract<SubmitOutcome, { kind: 'failed' }> {
  return outcome.kind === 'failed' && (RESENDABLE.has(outcome.code) || outcome.code === 'RATE_LIMITED' || outcome.code === 'CHALLENGE_UNAVAILABLE');
}

/**
 * POSTs a lead to the Worker and reads its answer. Never throws: every way a
 * send can end, including no answer at all, is one of the outcomes.
 */
export async function submitLead(options: SubmitLeadOptions): Promise<SubmitOutcome> {
  const { origin, formId, lead, idempotencyKey, proof, fetch, timeoutMs } = options;
  const content = 'sealed' in lead ? lead : { lead };
  const answer = await postJson({
    url: `${origin}/v1/forms/${encodeURIComponent(formId)}/leads`,
    body: proof ? { ...content, proof } : content,
    headers: { [IDEMPOTENCY_HEADER]: idempotencyKey },
    fetch,
    timeoutMs,
  });
  if (answer.kind !== 'ok') return answer;
  const result = answer.body as Partial<SubmissionResult> | undefined;
  // A success we cannot read is not one we can promise the visitor; the same key makes a retry safe.
  if (!['delivered', 'duplicate', 'accepted'].includes(result?.status as string) || typeof result?.submissionId !== 'string') {
    return { kind: 'failed', code: 'INTERNAL_ERROR' };
  }
  // The whole answer, so its profile key reaches the second step without costing the first step's bytes.
  return { ...(result as SubmissionResult), kind: result.status! };
}
