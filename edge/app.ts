import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import * as v from 'valibot';
import { validateLead } from '../shared/lead-schema';
import { matchLocale } from '../shared/locales';
import { IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_PATTERN, SubmissionRequestSchema, type SubmissionResult } from '../shared/submission';
import type { AppEnv } from './app-env';
import { deliverJob } from './delivery/deliver-job';
import type { DeliveryJob } from './delivery/delivery-job';
import { LeadgateError, onError } from './errors';
import { buildFormSpec } from './form-spec-builder';
import { loadFormRules } from './form-rules';
import { log } from './logger';
import { formContext } from './middleware/form-context';
import { formCors } from './middleware/form-cors';
import { jsonBody } from './middleware/json-body';

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

  const { adapter, rules, vendorForm } = await loadFormRules(c);
  const spec = buildFormSpec(form, vendorForm, form.defaultLocale);
  const checked = validateLead(spec, request.output.lead);
  if (!checked.success) throw new LeadgateError('VALIDATION_FAILED', { fields: checked.errors });

  const job: DeliveryJob = { id: key, formId: form.id, lead: checked.lead, receivedAt: Date.now() };
  const outcome = await deliverJob(job, adapter, rules, { marketing: form.consent.marketing });
  log(outcome.kind === 'delivered' || outcome.kind === 'duplicate' ? 'info' : 'warn', 'delivery', c, {
    submissionId: job.id,
    outcome: outcome.kind,
    ...(outcome.kind === 'rejected' ? { vendorCode: outcome.vendorCode, fieldErrors: outcome.fields.length } : {}),
    ...(outcome.kind === 'transient' ? { reason: outcome.reason } : {}),
    ...(outcome.kind === 'misconfigured' ? { code: outcome.code } : {}),
    ...(outcome.kind === 'delivered' && outcome.vendorId === undefined ? { vendorId: 'unreadable' } : {}),
  });

  switch (outcome.kind) {
    case 'delivered':
      return c.json({ status: 'delivered', submissionId: job.id } satisfies SubmissionResult, 201);
    case 'duplicate':
      return c.json({ status: 'duplicate', submissionId: job.id } satisfies SubmissionResult, 200);
    case 'rejected': {
      const known = new Set(spec.fields.map((f) => f.name));
      const fields = outcome.fields.filter((f) => known.has(f.field));
      throw fields.length > 0 ? new LeadgateError('VALIDATION_FAILED', { fields }) : new LeadgateError('VENDOR_REJECTED');
    }
    case 'transient':
      throw new LeadgateError('VENDOR_UNAVAILABLE', { retryAfter: outcome.retryAfter ?? 30 });
    case 'misconfigured':
      throw new LeadgateError('FORM_MISCONFIGURED');
  }
});

app.all('/v1/forms/:formId', () => {
  throw new LeadgateError('METHOD_NOT_ALLOWED');
});
app.all('/v1/forms/:formId/leads', () => {
  throw new LeadgateError('METHOD_NOT_ALLOWED');
});
