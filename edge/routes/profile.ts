import type { Context } from 'hono';
import * as v from 'valibot';
import { validateLead } from '../../shared/lead-schema';
import { type ProfileRequest, ProfileRequestSchema, type ProfileResult, SubmissionIdSchema } from '../../shared/submission';
import type { AppEnv } from '../app-env';
import { answerOutcome } from '../delivery/answer-outcome';
import { deliveryLedger } from '../delivery/delivery-ledger';
import { LeadgateError } from '../errors';
import { loadFormRules } from '../form-rules';
import { formSpecFor } from '../form-spec-builder';
import { log } from '../logger';
import { validate } from '../middleware/validate';
import { PROFILE_WINDOW_MS, profileChanges } from '../profile-changes';
import { spendFormBudget } from '../rate-limit/spend-form-budget';

/** The second step's body, `{ profile }`, once jsonBody has read it as JSON; else 400 INVALID_REQUEST. */
export const profileBody = validate('json', ProfileRequestSchema, 'INVALID_REQUEST');

const ProfileParamsSchema = v.object({ submissionId: SubmissionIdSchema });

/** An id no submission can have is one this form never took: 404 SUBMISSION_NOT_FOUND, as for any unknown id. */
export const submissionParam = validate('param', ProfileParamsSchema, 'SUBMISSION_NOT_FOUND');

type ProfileContext = Context<AppEnv, string, { out: { json: ProfileRequest; param: v.InferOutput<typeof ProfileParamsSchema> } }>;

/** The optional second step: more details for a delivered lead, set on the same vendor lead. */
export async function updateProfile(c: ProfileContext) {
  const form = c.get('form');
  const { submissionId } = c.req.valid('param');
  const request = c.req.valid('json');
  const { update, vendorForm } = await loadFormRules(c);
  const spec = formSpecFor(form, vendorForm);
  if (!spec.profile || !update) throw new LeadgateError('PROFILE_NOT_AVAILABLE');

  const ledger = deliveryLedger(c.env);
  const delivery = await ledger.find(form.id, submissionId);
  if (!delivery) throw new LeadgateError('SUBMISSION_NOT_FOUND');
  const age = Date.now() - delivery.createdAt;
  if (delivery.status !== 'delivered' || !delivery.vendorId || !delivery.lead || age > PROFILE_WINDOW_MS) {
    throw new LeadgateError('PROFILE_NOT_AVAILABLE');
  }

  const checked = validateLead({ ...spec, fields: spec.profile.fields, rules: [] }, request.profile);
  if (!checked.success) throw new LeadgateError('VALIDATION_FAILED', { fields: checked.errors });
  // A well-formed, valid update spends the form's budget (junk does not); place it after the step's bot check.
  // integrator: pass the profile proof's formToken once the profile step carries a proof
  await spendFormBudget(c, undefined);
  const { changes, lead } = profileChanges(delivery.lead, checked.lead, spec.profile.fields);
  const outcome = await update(delivery.vendorId, changes, { lead: delivery.lead, submissionId });
  log(outcome.kind === 'delivered' ? 'info' : 'warn', 'profile_update', c, { submissionId, outcome: outcome.kind });
  if (outcome.kind === 'delivered') {
    await ledger.markProfileUpdated(form.id, submissionId, lead);
    c.set('outcome', 'updated');
    return c.json({ status: 'updated', submissionId } satisfies ProfileResult, 200);
  }
  if (outcome.kind === 'misconfigured') throw new LeadgateError('FORM_MISCONFIGURED');
  if (outcome.kind === 'transient' || outcome.kind === 'unknown') throw new LeadgateError('VENDOR_UNAVAILABLE', { retryAfter: outcome.retryAfter ?? 30 });
  // Rejected: refused exactly as a first submission would be.
  answerOutcome(outcome, submissionId, { ...spec, fields: spec.profile.fields });
  throw new LeadgateError('INTERNAL_ERROR'); // not reached: an update is never a duplicate
}
