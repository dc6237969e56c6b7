import type { Lead } from '../../../shared/lead';
import type { Proof } from '../../../shared/submission';
import { type PostFailure, postJson } from '../submit/post-json';

export type ProfileOutcome = { readonly kind: 'updated' } | PostFailure;

export interface SubmitProfileOptions {
  readonly origin: string;
  readonly formId: string;
  /** The id the Worker answered the first step with. */
  readonly submissionId: string;
  /** The capability the first step's answer gave; whoever holds it may change the lead. */
  readonly profileKey: string;
  /** Only the second step's answers, nested as in a Lead. */
  readonly profile: Lead;
  /** The bot check's evidence, as for the first step. */
  readonly proof?: Proof;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

/**
 * POSTs the second step's answers, which update the lead the first step
 * created. Never throws, like `submitLead`.
 */
export async function submitProfile(options: SubmitProfileOptions): Promise<ProfileOutcome> {
  const { origin, formId, submissionId, profileKey, profile, proof, fetch, timeoutMs } = options;
  const answer = await postJson({
    url: `${origin}/v1/forms/${encodeURIComponent(formId)}/leads/${encodeURIComponent(submissionId)}/profile`,
    body: proof ? { profile, profileKey, proof } : { profile, profileKey },
    fetch,
    timeoutMs,
  });
  if (answer.kind !== 'ok') return answer;
  // An update we cannot read is not one we can confirm; sending the same answers again is harmless.
  return (answer.body as { status?: unknown } | undefined)?.status === 'updated' ? { kind: 'updated' } : { kind: 'failed', code: 'INTERNAL_ERROR' };
}
