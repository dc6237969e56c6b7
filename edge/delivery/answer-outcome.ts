import type { FormSpec } from '../../shared/form-spec';
import type { SubmissionResult } from '../../shared/submission';
import { LeadgateError } from '../errors';
import type { Outcome } from '../vendors/outcome';
import type { DeliveryStatus } from './delivery-ledger';

/** Names a field error may carry: the spec's fields and its rule groups. */
function knownNames(spec: FormSpec): Set<string> {
  return new Set([...spec.fields.map((f) => f.name), ...spec.rules.flatMap((r) => (r.kind === 'at-least-one' ? [r.name] : []))]);
}

type Success = { status: 200 | 201 | 202; body: SubmissionResult };

/** The one answer for each success, whether it happened now or is read back from the ledger. */
export function success(result: SubmissionResult['status'], submissionId: string): Success {
  const status = result === 'delivered' ? 201 : result === 'accepted' ? 202 : 200;
  return { status, body: { status: result, submissionId } };
}

/**
 * What the visitor is told about an outcome: a result for a success (HTTP
 * status and body), or the error to throw. A lead the vendor cannot take now
 * is a success too: it is stored and queued.
 */
export function answerOutcome(outcome: Outcome, submissionId: string, spec: FormSpec): Success {
  switch (outcome.kind) {
    case 'delivered':
    case 'duplicate':
      return success(outcome.kind, submissionId);
    case 'misconfigured':
    case 'transient':
    case 'unknown':
    case 'undetermined':
      // Stored and queued: the vendor cannot take it now, Leadgate will keep trying.
      return success('accepted', submissionId);
    case 'rejected': {
      const known = knownNames(spec);
      const fields = outcome.fields.filter((f) => known.has(f.field));
      throw fields.length > 0 ? new LeadgateError('VALIDATION_FAILED', { fields }) : new LeadgateError('VENDOR_REJECTED');
    }
  }
}

/**
 * The answer to a repeated submission, from what the ledger kept of the first
 * one: the same success it was given. Undefined when there is no answer yet (an
 * attempt is running) or it should simply be tried again (a vendor rejection).
 */
export function answerRecorded(status: DeliveryStatus, submissionId: string): Success | undefined {
  switch (status) {
    case 'delivered':
    case 'duplicate':
      return success(status, submissionId);
    case 'queued':
    case 'failed':
      // Failed only after it was accepted: an operator has it now.
      return success('accepted', submissionId);
    case 'pending':
    case 'rejected':
      return undefined;
  }
}
