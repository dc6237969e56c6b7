import * as v from 'valibot';
import type { Lead } from '../../shared/lead';
import { IDEMPOTENCY_HEADER, SubmissionResultSchema } from '../../shared/submission';
import { postJson, type FailureCode, type PostFailure } from './post-json';

export type SubmitOutcome =
  | { readonly kind: 'delivered' | 'duplicate' | 'accepted'; readonly submissionId: string }
  | PostFailure;

export interface SubmitLeadOptions {
  /** The Worker's origin, e.g. `https://forms.leadgate.example`. */
  readonly origin: string;
  readonly formId: string;
  readonly lead: Lead;
  /** The same key for every attempt at sending the same lead. */
  readonly idempotencyKey: string;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

// Sending again with the same key cannot create a second lead, so these are worth a retry.
const RETRYABLE: ReadonlySet<FailureCode> = new Set<FailureCode>(['NETWORK', 'VENDOR_UNAVAILABLE', 'INTERNAL_ERROR']);

export function isRetryable(code: FailureCode): boolean {
  return RETRYABLE.has(code);
}

/** Whether sending the same lead again, with the same key, may still end differently. */
export function shouldRetry(outcome: SubmitOutcome): outcome is Extract<SubmitOutcome, { kind: 'failed' }> {
  return outcome.kind === 'failed' && isRetryable(outcome.code);
}

/**
 * POSTs a lead to the Worker and reads its answer. Never throws: every way a
 * send can end, including no answer at all, is one of the outcomes.
 */
export async function submitLead(options: SubmitLeadOptions): Promise<SubmitOutcome> {
  const { origin, formId, lead, idempotencyKey, fetch, timeoutMs } = options;
  const answer = await postJson({
    url: `${origin}/v1/forms/${encodeURIComponent(formId)}/leads`,
    body: { lead },
    headers: { [IDEMPOTENCY_HEADER]: idempotencyKey },
    fetch,
    timeoutMs,
  });
  if (answer.kind !== 'ok') return answer;
  const result = v.safeParse(SubmissionResultSchema, answer.body);
  // A success we cannot read is not one we can promise the visitor; the same key makes a retry safe.
  if (!result.success) return { kind: 'failed', code: 'INTERNAL_ERROR' };
  return { kind: result.output.status, submissionId: result.output.submissionId };
}
