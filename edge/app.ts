import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import * as v from 'valibot';
import { validateLead } from '../shared/lead-schema';
import { matchLocale } from '../shared/locales';
import {
  IDEMPOTENCY_HEADER,
  IDEMPOTENCY_KEY_PATTERN,
  ProfileRequestSchema,
  type ProfileResult,
  SubmissionRequestSchema,
} from '../shared/submission';
import type { AppEnv } from './app-env';
import { answerOutcome, answerRecorded } from './delivery/answer-outcome';
import { deliverJob } from './delivery/deliver-job';
import type { DeliveryJob } from './delivery/delivery-job';
import { deliveryLedger } from './delivery/delivery-ledger';
import { LeadgateError, onError } from './errors';
import { buildFormSpec } from './form-spec-builder';
import { loadFormRules } from './form-rules';
import { log } from './logger';
import { formContext } from './middleware/form-context';
import { formCors } from './middleware/form-cors';
import { jsonBody } from './middleware/json-body';
import { profileChanges, PROFILE_WINDOW_MS } from './profile-changes';

/** The largest submission body accepted. A full lead is a few KB. */
export const MAX_BODY_BYTES = 32 * 1024;

export const app = new Hono<AppEnv>();

app.use('*', requestId());
app.onError(onError);
app.notFound((c) => onError(new LeadgateError('NOT_FOUND'), c));

app.use('/v1/forms/:formId', formContext(), formCors());
app.use('/v1/forms/:formId/*', formContext(), formCors());

/** The FormSpec the widget renders, in the requested locale (else the form's default). */
app.get('/v1/forms/:formId', async (c) => {
  const form = c.get('form');
  const locale = matchLocale([c.req.query('locale')]) ?? form.defaultLocale;
  const { vendorForm } = await loadFormRules(c);
  c.header('Cache-Control', 'public, max-age=60');
  return c.json(buildFormSpec(form, vendorForm, locale));
});

/** One visitor's submission: checked with the form's schema, then delivered to the vendor. */
app.post('/v1/forms/:formId/leads', jsonBody({ maxBytes: MAX_BODY_BYTES }), async (c) => {
  const form = c.get('form');
  const request = v.safeParse(SubmissionRequestSchema, c.get('body'));
  if (!request.success) throw new LeadgateError('INVALID_REQUEST');
  const key = c.req.header(IDEMPOTENCY_HEADER) ?? crypto.randomUUID();
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) throw new LeadgateError('INVALID_IDEMPOTENCY_KEY');

  const ledger = deliveryLedger(c.env.DB);
  const earlier = await ledger.find(form.id, key);
  const repeated = earlier && answerRecorded(earlier.status, key);
  if (repeated) {
    log('info', 'delivery_repeated', c, { submissionId: key, status: earlier.status });
    return c.json(repeated.body, repeated.status);
  }

  const { adapter, rules, vendorForm } = await loadFormRules(c);
  const spec = buildFormSpec(form, vendorForm, form.defaultLocale);
  const checked = validateLead(spec, request.output.lead);
  if (!checked.success) throw new LeadgateError('VALIDATION_FAILED', { fields: checked.errors });

  const job: DeliveryJob = { id: key, formId: form.id, lead: checked.lead, receivedAt: Date.now() };
  const outcome = await deliverJob(job, adapter, rules, { marketing: form.consent.marketing });
  await ledger.record(job, outcome);
  log(outcome.kind === 'delivered' || outcome.kind === 'duplicate' ? 'info' : outcome.kind === 'misconfigured' ? 'error' : 'warn', 'delivery', c, {
    submissionId: job.id,
    outcome: outcome.kind,
    ...(outcome.kind === 'rejected' ? { vendorCode: outcome.vendorCode, fieldErrors: outcome.fields.length } : {}),
    ...(outcome.kind === 'transient' ? { reason: outcome.reason } : {}),
    ...(outcome.kind === 'misconfigured' ? { code: outcome.code, held: true } : {}),
    ...(outcome.kind === 'delivered' && outcome.vendorId === undefined ? { vendorId: 'unreadable' } : {}),
  });
  const answer = answerOutcome(outcome, job.id, spec);
  return c.json(answer.body, answer.status);
});

/** The optional second step: more details for a delivered lead, set on the same vendor lead. */
app.post('/v1/forms/:formId/leads/:submissionId/profile', jsonBody({ maxBytes: MAX_BODY_BYTES }), async (c) => {
  const form = c.get('form');
  const submissionId = c.req.param('submissionId');
  const request = v.safeParse(ProfileRequestSchema, c.get('body'));
  if (!request.success) throw new LeadgateError('INVALID_REQUEST');
  const { adapter, vendorForm } = await loadFormRules(c);
  const spec = buildFormSpec(form, vendorForm, form.defaultLocale);
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
    return c.json({ status: 'updated', submissionId } satisfies ProfileResult, 200);
  }
  if (outcome.kind === 'misconfigured') throw new LeadgateError('FORM_MISCONFIGURED');
  // Rejected or transient: refused exactly as a first submission would be.
  answerOutcome(outcome, submissionId, { ...spec, fields: spec.profile.fields });
  throw new LeadgateError('INTERNAL_ERROR'); // not reached: an update is never a duplicate
});

app.all('/v1/forms/:formId', () => {
  throw new LeadgateError('METHOD_NOT_ALLOWED');
});
app.all('/v1/forms/:formId/leads', () => {
  throw new LeadgateError('METHOD_NOT_ALLOWED');
});
