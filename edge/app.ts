import { type Context, Hono } from 'hono';
import { requestId } from 'hono/request-id';
import * as v from 'valibot';
import { ERROR_CODES } from '../shared/error-codes';
import { ERROR_MESSAGES } from '../shared/error-messages';
import { validateLead } from '../shared/lead-schema';
import { matchLocale } from '../shared/locales';
import { IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_PATTERN, ProfileRequestSchema, type ProfileResult, SubmissionRequestSchema } from '../shared/submission';
import { adminRoutes } from './admin/admin-routes';
import { isAllowedOrigin } from './allowed-origin';
import type { AppEnv } from './app-env';
import { passthroughRoutes } from './bench/passthrough-route';
import { checkBot } from './bot-check/check-bot';
import { answerOutcome, answerRecorded, success } from './delivery/answer-outcome';
import { attemptDelivery } from './delivery/attempt-delivery';
import type { DeliveryJob } from './delivery/delivery-job';
import { type DeliveryLedger, deliveryLedger } from './delivery/delivery-ledger';
import { reportDeadLetter } from './delivery/delivery-queue';
import { leadHash } from './delivery/lead-hash';
import { logAttemptResult } from './delivery/log-attempt-result';
import { retryPolicy } from './delivery/retry-policy';
import { type EmbedParent, embedCsp, renderEmbedError, renderEmbedPage } from './embed-page';
import { LeadgateError, onError } from './errors';
import { loadFormRules } from './form-rules';
import { formSpecFor, leadSchemaFor } from './form-spec-builder';
import { findForm } from './forms';
import { type EventLog, log } from './logger';
import { accessLog } from './middleware/access-log';
import { formContext } from './middleware/form-context';
import { formCors } from './middleware/form-cors';
import { jsonBody } from './middleware/json-body';
import { rateLimit } from './middleware/rate-limit';
import { securityHeaders } from './middleware/security-headers';
import { PROFILE_WINDOW_MS, profileChanges } from './profile-changes';
import { isFormOrigin, requestOrigin } from './request-origin';
import { servedSpec } from './served-spec';

/** The largest submission body accepted. A full lead is a few KB. */
export const MAX_BODY_BYTES = 32 * 1024;

export const app = new Hono<AppEnv>();

app.use('*', requestId(), accessLog(), securityHeaders());
app.onError(onError);
app.notFound((c) => onError(new LeadgateError('NOT_FOUND'), c));

app.route('/v1/admin', adminRoutes);
app.route('/v1/bench/passthrough', passthroughRoutes); // 404 unless BENCH_PASSTHROUGH is "1"

app.use('/v1/forms/:formId', formContext(), formCors());
app.use('/v1/forms/:formId/*', formContext(), formCors());

/** The FormSpec the widget renders, in the requested locale (else the form's default). */
app.get('/v1/forms/:formId', async (c) => {
  const form = c.get('form');
  const locale = matchLocale([c.req.query('locale')]) ?? form.defaultLocale;
  const spec = await servedSpec(c, locale);
  c.header('Cache-Control', 'public, max-age=60');
  c.set('outcome', 'spec');
  return c.json(spec);
});

/**
 * One visitor's submission: from an allowed origin (formCors), within the rate
 * limits, past the bot check, checked with the form's schema, stored, then
 * delivered (now, or by the queue).
 */
app.post('/v1/forms/:formId/leads', rateLimit(), jsonBody({ maxBytes: MAX_BODY_BYTES }), async (c) => {
  const form = c.get('form');
  const request = v.safeParse(SubmissionRequestSchema, c.get('body'));
  if (!request.success) throw new LeadgateError('INVALID_REQUEST');
  const key = c.req.header(IDEMPOTENCY_HEADER) ?? crypto.randomUUID();
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) throw new LeadgateError('INVALID_IDEMPOTENCY_KEY');
  const hash = await leadHash(request.output.lead);
  const ledger = deliveryLedger(c.env.DB);

  // Independent lookups, all at once; their verdicts still count in this order: a repeat gets its
  // first answer whatever its proof, then the bot check, then whether the form can be checked at all.
  const [earlier, bot, loaded] = await Promise.allSettled([answerEarlier(c, ledger, key, hash), checkBot(c, request.output.proof), loadFormRules(c)]);
  const settled = <T>(result: PromiseSettledResult<T>): T => {
    if (result.status === 'rejected') throw result.reason;
    return result.value;
  };
  const first = settled(earlier);
  if (first) return reply(c, first);
  settled(bot);
  const rules = settled(loaded);
  const spec = formSpecFor(form, rules.vendorForm);
  const checked = validateLead(spec, request.output.lead, leadSchemaFor(spec));
  if (!checked.success) throw new LeadgateError('VALIDATION_FAILED', { fields: checked.errors });

  const job: DeliveryJob = { id: key, formId: form.id, lead: checked.lead, receivedAt: Date.now() };
  const lease = (await ledger.claimNew(job, hash, INLINE_LEASE_MS)) ?? (await ledger.claimRejected(job, hash, INLINE_LEASE_MS));
  if (!lease) {
    // An identical POST got there first: its answer is this one's.
    const answer = await answerEarlier(c, ledger, key, hash);
    return reply(c, answer ?? success('accepted', key));
  }

  const attemptLog: EventLog = (level, event, detail) => log(level, event, c, detail);
  const result = await attemptDelivery(job, lease, 'inline', {
    env: c.env,
    form,
    ledger,
    policy: retryPolicy(c.env),
    rules,
    attemptsBefore: 0,
    retryFrom: job.receivedAt,
    log: attemptLog,
    onDeadLetter: () => reportDeadLetter(c.env.DEAD_LETTERS, lease),
  });
  logAttemptResult(result, 'inline', { submissionId: key, attempt: 1 }, attemptLog);
  if (result.kind === 'settled') return reply(c, answerOutcome(result.outcome, key, spec));
  // Stored, and the queue (or an operator) takes it from here.
  return reply(c, success('accepted', key));
});

/** A success answer, named in the access log by its status. */
function reply(c: Context<AppEnv>, answer: ReturnType<typeof success>): Response {
  c.set('outcome', answer.body.status);
  return c.json(answer.body, answer.status);
}

/** How long a repeated POST waits for the first one's attempt before saying "accepted". */
const WAIT_FOR_FIRST_MS = 20_000;
/** An inline attempt may wait 1.5 s for a pacing slot and two vendor timeouts (30 s each). */
const INLINE_LEASE_MS = 2 * 60_000;

/**
 * The answer a submission under an already used key gets: the first one's.
 * While the first attempt runs, it waits for its verdict. Undefined when the
 * lead should be (re)tried: a new key, or one the vendor rejected.
 */
async function answerEarlier(c: Context<AppEnv>, ledger: DeliveryLedger, key: string, hash: string) {
  const formId = c.get('form').id;
  const deadline = Date.now() + WAIT_FOR_FIRST_MS;
  for (let record = await ledger.find(formId, key); record; record = await ledger.find(formId, key)) {
    if (record.status !== 'rejected' && record.leadHash !== null && record.leadHash !== hash) throw new LeadgateError('IDEMPOTENCY_KEY_REUSED');
    const answer = answerRecorded(record.status, key);
    if (answer) {
      log('info', 'delivery_repeated', c, { submissionId: key, status: record.status });
      return answer;
    }
    if (record.status !== 'pending') return undefined;
    // The stored lead is safe either way: its lease or the sweeper will finish it.
    if (Date.now() > deadline) return success('accepted', key);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return undefined;
}

/** The optional second step: more details for a delivered lead, set on the same vendor lead. */
app.post('/v1/forms/:formId/leads/:submissionId/profile', rateLimit(), jsonBody({ maxBytes: MAX_BODY_BYTES }), async (c) => {
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
});

app.all('/v1/forms/:formId', () => {
  throw new LeadgateError('METHOD_NOT_ALLOWED');
});
app.all('/v1/forms/:formId/leads', () => {
  throw new LeadgateError('METHOD_NOT_ALLOWED');
});

/**
 * The iframe embed: the form in a document of its own, framed only by the
 * form's allowed origins (CSP frame-ancestors). A page load whose Referer names
 * another site is refused outright.
 */
app.get('/embed/:formId', async (c) => {
  c.header('Cache-Control', 'private, max-age=60');
  const form = findForm(c.req.param('formId'));
  if (!form) return embedError(c, 'FORM_NOT_FOUND');
  c.set('form', form);
  c.header('Content-Security-Policy', embedCsp(form));
  const origin = requestOrigin(c);
  if (origin !== undefined && !isFormOrigin(c, form.allowedOrigins, origin)) {
    log('warn', 'origin_refused', c, { origin });
    return embedError(c, 'ORIGIN_NOT_ALLOWED');
  }
  const locale = matchLocale([c.req.query('locale')]) ?? form.defaultLocale;
  try {
    const spec = await servedSpec(c, locale);
    c.set('outcome', 'embed');
    return c.html(renderEmbedPage(form, spec, embedParent(c.req.query('frame'), c.req.query('parent'), form.allowedOrigins)));
  } catch (error) {
    if (error instanceof LeadgateError) return embedError(c, error.code);
    throw error;
  }
});

/**
 * The snippet names its frame and its page's origin; the frame will post to
 * that origin only, so it must be one the form allows (else: no bridge, fixed height).
 */
function embedParent(frameId: string | undefined, origin: string | undefined, allowed: readonly string[]): EmbedParent | undefined {
  if (!frameId || !/^[a-z0-9]{4,40}$/i.test(frameId) || !origin || !isAllowedOrigin(allowed, origin)) return undefined;
  return { frameId, origin };
}

function embedError(c: Context<AppEnv>, code: keyof typeof ERROR_CODES): Response {
  c.set('outcome', code);
  if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', "default-src 'none'; style-src 'self'; frame-ancestors *");
  return c.html(renderEmbedError(ERROR_MESSAGES[code]), ERROR_CODES[code]);
}
