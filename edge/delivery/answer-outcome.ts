import type { FieldError } from '../../shared/api-error';
import type { FormSpec } from '../../shared/form-spec';
import type { SubmissionResult } from '../../shared/submission';
import { LeadgateError } from '../errors';
import type { Outcome } from '../vendors/outcome';
import type { DeliveryStatus } from './delivery-ledger';

/** Names a field error may carry: the spec's fields and its rule groups. */
function knownNames(spec: FormSpec): Set<string> {
  return new Set([...spec.fields.map((f) => f.name), ...spec.rules.flatMap((r) => (r.kind === 'at-least-one' ? [r.name] : []))]);
}

/**
 * The field errors of a vendor's refusal that the visitor can fix: those on a
 * field or rule of the form. None means the refusal is the operator's to fix.
 */
export function fixableFields(outcome: Extract<Outcome, { kind: 'rejected' }>, spec: FormSpec): readonly FieldError[] {
  const known = knownNames(spec);
  return outcome.fields.filter((f) => known.has(f.field));
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
 * is a success too: it is stored and queued, or held for an operator.
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
      const fields = fixableFields(outcome, spec);
      if (fields.length > 0) throw new LeadgateError('VALIDATION_FAILED', { fields });
      // Held for the operator: the gym has the lead, even if its system does not yet.
      return success('accepted', submissionId);
    }
  }
}

/**
 * The answer to a repeated submission, from what the ledger kept of the first
 * one: the same success it was given. Undefined when there is no answer yet (an
 * attempt is running) or it should simply be tried again (a refusal on a field).
 */
export function answerRecorded(status: DeliveryStatus, submissionId: string): Success | undefined {
  switch (status) {
    case 'delivered':
    case 'duplicate':
      return success(status, submissionId);
    case 'queued':
    case 'held':
    case 'unknown':
    case 'failed':
      // Accepted: Leadgate or an operator has it now.
      return success('accepted', submissionId);
    case 'pending':
    case 'rejected':
      return undefined;
  }
}
