import type { Context } from 'hono';
import * as v from 'valibot';
import { validateLead } from '../../shared/lead-schema';
import { ProfileRequestSchema, type ProfileResult } from '../../shared/submission';
import type { AppEnv } from '../app-env';
import { answerOutcome } from '../delivery/answer-outcome';
import { deliveryLedger } from '../delivery/delivery-ledger';
import { LeadgateError } from '../errors';
import { loadFormRules } from '../form-rules';
import { formSpecFor } from '../form-spec-builder';
import { log } from '../logger';
import { PROFILE_WINDOW_MS, profileChanges } from '../profile-changes';

/** The optional second step: more details for a delivered lead, set on the same vendor lead. */
export async function updateProfile(c: Context<AppEnv, '/v1/forms/:formId/leads/:submissionId/profile'>) {
  const form = c.get('form');
  const submissionId = c.req.param('submissionId');
  const request = v.safeParse(ProfileRequestSchema, c.get('body'));
  if (!request.success) throw new LeadgateError('INVALID_REQUEST');
  const { adapter, vendorForm } = await loadFormRules(c);
  const spec = formSpecFor(form, vendorForm);
  if (!spec.profile || !adapter.update) throw new LeadgateError('PROFILE_NOT_AVAILABLE');

  const ledger = deliveryLedger(c.env.DB);
  const delivery = await ledger.find(form.id, submissionId);
  if (!delivery) throw new LeadgateError('SUBMISSION_NOT_FOUND');
  const age = Date.now() - delivery.createdAt;
  if (delivery.status !== 'delivered' || !delivery.vendorId || !delivery.lead || age > PROFILE_WINDOW_MS) {
    throw new LeadgateError('PROFILE_NOT_AVAILABLE');
  }

  const checked = validateLead({ ...spec, fields: spec.profile.fields, rules: [] }, request.output.profile);
  if (!checked.success) throw new LeadgateError('VALIDATION_FAILED', { fields: checked.errors });
  const { changes, lead } = profileChanges(delivery.lead, checked.lead, spec.profile.fields);
  const outcome = await adapter.update(delivery.vendorId, changes);
  log(outcome.kind === 'delivered' ? 'info' : 'warn', 'profile_update', c, { submissionId, outcome: outcome.kind });
  if (outcome.kind === 'delivered') {
    await ledger.markProfileUpdated(form.id, submissionId, lead);
    c.set('outcome', 'updated');
    return c.json({ status: 'updated', submissionId } satisfies ProfileResult, 200);
  }
  if (outcome.kind === 'misconfigured') throw new LeadgateError('FORM_MISCONFIGURED');
  if (outcome.kind === 'transient') throw new LeadgateError('VENDOR_UNAVAILABLE', { retryAfter: outcome.retryAfter ?? 30 });
  // Rejected: refused exactly as a first submission would be.
  answerOutcome(outcome, submissionId, { ...spec, fields: spec.profile.fields });
  throw new LeadgateError('INTERNAL_ERROR'); // not reached: an update is never a duplicate
}
