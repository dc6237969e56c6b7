import type { Context } from 'hono';
import * as v from 'valibot';
import { validateLead } from '../../shared/lead-schema';
import { type ProfileRequest, ProfileRequestSchema, type ProfileResult, SubmissionIdSchema } from '../../shared/submission';
import type { AppEnv } from '../app-env';
import { checkBot } from '../bot-check/check-bot';
import { answerOutcome } from '../delivery/answer-outcome';
import { deliveryLedger } from '../delivery/delivery-ledger';
import { LeadgateError } from '../errors';
import { loadFormRules } from '../form-rules';
import { formSpecFor } from '../form-spec-builder';
import { log } from '../logger';
import { validate } from '../middleware/validate';
import { HASH_KEY_SECRET } from '../privacy/keyed-hash';
import { PROFILE_WINDOW_MS, profileChanges } from '../profile-changes';
import { profileKeyHash } from '../profile-key';
import { spendFormBudget } from '../rate-limit/spend-form-budget';
import { workerSecret } from '../worker-secret';

/** The second step's body, `{ profile, profileKey, proof? }`, once jsonBody has read it as JSON; else 400 INVALID_REQUEST (a missing key too). */
export const profileBody = validate('json', ProfileRequestSchema, 'INVALID_REQUEST');

const ProfileParamsSchema = v.object({ submissionId: SubmissionIdSchema });

/** An id no submission can have is one this form never took: 404 SUBMISSION_NOT_FOUND, as for any unknown id. */
export const submissionParam = validate('param', ProfileParamsSchema, 'SUBMISSION_NOT_FOUND');

type ProfileContext = Context<AppEnv, string, { out: { json: ProfileRequest; param: v.InferOutput<typeof ProfileParamsSchema> } }>;

/**
 * The optional second step: more details for a delivered lead, set on the same
 * vendor lead. Authorised by the submission's profile key (not its id, which
 * the host page sees), spent once: by the update that reaches the vendor. A
 * wrong, spent or expired key is 409 PROFILE_NOT_AVAILABLE and changes nothing.
 */
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
  const createdSince = Date.now() - PROFILE_WINDOW_MS;
  if (delivery.status !== 'delivered' || !delivery.vendorId || !delivery.lead || delivery.createdAt < createdSince) {
    throw new LeadgateError('PROFILE_NOT_AVAILABLE');
  }
  const keyHash = await profileKeyHash(workerSecret(c.env, HASH_KEY_SECRET), request.profileKey);
  // The same answer as any other refusal: whether a key was wrong or spent is not for the caller to learn.
  if (!(await ledger.hasProfileKey(form.id, submissionId, keyHash))) throw new LeadgateError('PROFILE_NOT_AVAILABLE');

  await checkBot(c, request.proof);
  const checked = validateLead({ ...spec, fields: spec.profile.fields, rules: [] }, request.profile);
  if (!checked.success) throw new LeadgateError('VALIDATION_FAILED', { fields: checked.errors });
  // Only a well-formed, valid update past the bot check spends the form's budget (junk does not).
  await spendFormBudget(c, request.proof?.formToken);
  // Spent before the vendor sees the update, so two steps sent at once with one key make one change.
  const spentAt = await ledger.spendProfileKey(form.id, submissionId, keyHash, createdSince);
  if (spentAt === undefined) throw new LeadgateError('PROFILE_NOT_AVAILABLE');

  const { changes, lead } = profileChanges(delivery.lead, checked.lead, spec.profile.fields);
  const outcome = await update(delivery.vendorId, changes, { lead: delivery.lead, submissionId }).catch(async (error: unknown) => {
    await ledger.returnProfileKey(form.id, submissionId, spentAt);
    throw error;
  });
  log(outcome.kind === 'delivered' ? 'info' : 'warn', 'profile_update', c, { submissionId, outcome: outcome.kind });
  if (outcome.kind === 'delivered') {
    await ledger.markProfileUpdated(form.id, submissionId, lead);
    c.set('outcome', 'updated');
    return c.json({ status: 'updated', submissionId } satisfies ProfileResult, 200);
  }
  // Not applied: the key is the visitor's again, for a retry or a corrected answer.
  await ledger.returnProfileKey(form.id, submissionId, spentAt);
  if (outcome.kind === 'misconfigured') throw new LeadgateError('FORM_MISCONFIGURED');
  if (outcome.kind === 'transient' || outcome.kind === 'unknown') throw new LeadgateError('VENDOR_UNAVAILABLE', { retryAfter: outcome.retryAfter ?? 30 });
  // Rejected: refused exactly as a first submission would be.
  answerOutcome(outcome, submissionId, { ...spec, fields: spec.profile.fields });
  throw new LeadgateError('INTERNAL_ERROR'); // not reached: an update is never a duplicate
}
