import { type Context, Hono } from 'hono';
import * as v from 'valibot';
import {
  ADMIN_TOKEN_SECRET,
  ArrivedRequestSchema,
  DELIVERY_STATUSES,
  type DeliveryDetail,
  type DeliveryList,
  type DeliveryStats,
  DeliveryStatusSchema,
  type DeliverySummary,
  type ReplayResult,
  type ResolveResult,
} from '../../shared/admin';
import { SubmissionIdSchema } from '../../shared/submission';
import { adminFormContext, globalAdminOutsideForms } from '../admin-access/scoped-token';
import type { AppEnv } from '../app-env';
import { type DeliveryRecord, deliveryLedger, InvalidCursorError } from '../delivery/delivery-ledger';
import { enqueueDeliveries, enqueueDelivery } from '../delivery/delivery-queue';
import { LeadgateError } from '../errors';
import { log } from '../logger';
import { adminAuth } from '../middleware/admin-auth';
import { QueryValueSchema, validate } from '../middleware/validate';
import { recordAdminAction } from '../privacy/audit-log';
import { adminAlertRoutes } from './admin-alerts';
import { adminConsoleRoutes } from './admin-console';
import { adminFormRoutes } from './admin-forms';
import { adminKeyRoutes } from './admin-keys';
import { adminPrivacyRoutes } from './admin-privacy';
import { adminTokenRoutes } from './admin-tokens';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A delivery for the operator's list: codes, counts and times, never personal data. */
function summary(record: DeliveryRecord): DeliverySummary {
  return {
    id: record.id,
    formId: record.formId,
    status: record.status,
    attempts: record.attempts,
    lastErrorCode: record.errorCode,
    failureReason: record.failureReason,
    vendorId: record.vendorId,
    vendorRefs: record.vendorRefs,
    outcomeUnknown: record.outcomeUnknown,
    createdAt: iso(record.createdAt)!,
    updatedAt: iso(record.updatedAt)!,
    nextAttemptAt: record.status === 'queued' ? iso(record.nextAttemptAt) : null,
    deadLetteredAt: iso(record.deadLetteredAt),
    purgedAt: iso(record.purgedAt),
  };
}

/** A point in time in a query, as ms: an ISO 8601 date or date-time (a date alone is midnight UTC). */
const TimeQuerySchema = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/),
  v.transform(Date.parse),
  v.check((ms) => Number.isFinite(ms)),
);

const ListQuerySchema = v.object({
  status: v.optional(v.pipe(QueryValueSchema, DeliveryStatusSchema)),
  limit: v.optional(v.pipe(QueryValueSchema, v.regex(/^\d{1,3}$/), v.transform(Number), v.minValue(1), v.maxValue(200)), '50'),
  cursor: v.optional(v.pipe(QueryValueSchema, v.maxLength(200))),
  /** Submitted at or after / before this time: an ISO 8601 date or date-time (`2026-05-01`, `2026-05-01T12:00:00Z`). */
  since: v.optional(v.pipe(QueryValueSchema, TimeQuerySchema)),
  until: v.optional(v.pipe(QueryValueSchema, TimeQuerySchema)),
});

/** A list's filter and page; else 400 INVALID_REQUEST. */
const listQuery = validate('query', ListQuerySchema, 'INVALID_REQUEST');

const DeliveryParamsSchema = v.object({ id: SubmissionIdSchema });

/** An id no submission can have is one the ledger does not hold: 404 SUBMISSION_NOT_FOUND, as for any unknown id. */
const deliveryParam = validate('param', DeliveryParamsSchema, 'SUBMISSION_NOT_FOUND');

type DeliveryContext = Context<AppEnv, string, { out: { param: v.InferOutput<typeof DeliveryParamsSchema> } }>;

/** A form's deliveries, newest first, by status and a page at a time. */
async function listDeliveries(c: Context<AppEnv, string, { out: { query: v.InferOutput<typeof ListQuerySchema> } }>) {
  try {
    const page = await deliveryLedger(c.env).list(c.get('form').id, c.req.valid('query'));
    const body: DeliveryList = { deliveries: page.deliveries.map(summary), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    return c.json(body);
  } catch (error) {
    if (error instanceof InvalidCursorError) throw new LeadgateError('INVALID_REQUEST');
    throw error;
  }
}

/** One delivery with its lead (while it is kept): the one admin answer with personal data, so each read is logged. */
async function showDelivery(c: DeliveryContext) {
  const record = await deliveryLedger(c.env).find(c.get('form').id, c.req.valid('param').id);
  if (!record) throw new LeadgateError('SUBMISSION_NOT_FOUND');
  log('info', 'admin_delivery_read', c, { submissionId: record.id });
  // Who read whose record: ids only, the lead itself never enters the audit log.
  await recordAdminAction(c.env.DB, {
    actor: c.get('adminActor'),
    action: 'show',
    formId: record.formId,
    target: `submission:${record.id}`,
    count: 1,
    requestId: c.get('requestId'),
  });
  return c.json({ delivery: { ...summary(record), lead: record.lead as Record<string, unknown> | null } } satisfies DeliveryDetail);
}

/** How many of a form's deliveries are in each status, ever: those retention deleted are counted too (and shown apart). */
async function deliveryStats(c: Context<AppEnv>) {
  const form = c.get('form');
  const { live, archived } = await deliveryLedger(c.env).counts(form.id);
  const counts = Object.fromEntries(DELIVERY_STATUSES.map((status) => [status, live[status] + archived[status]])) as DeliveryStats['counts'];
  return c.json({ formId: form.id, counts, archived } satisfies DeliveryStats);
}

/** One failed or held delivery back into the queue. */
async function replayDelivery(c: DeliveryContext) {
  const ref = { formId: c.get('form').id, id: c.req.valid('param').id };
  const ledger = deliveryLedger(c.env);
  if (!(await ledger.replay(ref))) {
    throw new LeadgateError((await ledger.find(ref.formId, ref.id)) ? 'DELIVERY_NOT_REPLAYABLE' : 'SUBMISSION_NOT_FOUND');
  }
  await enqueueDelivery(c.env.DELIVERIES, ref, 0);
  log('info', 'dead_letter_replayed', c, { submissionId: ref.id });
  return c.json({ replayed: [ref.id] } satisfies ReplayResult, 202);
}

/** Every failed or held delivery of a form whose lead is still kept, back into the queue. */
async function replayDeadLetters(c: Context<AppEnv>) {
  const refs = await deliveryLedger(c.env).replayAll(c.get('form').id);
  await enqueueDeliveries(c.env.DELIVERIES, refs);
  log('info', 'dead_letters_replayed', c, { count: refs.length });
  return c.json({ replayed: refs.map((r) => r.id) } satisfies ReplayResult, 202);
}

/** The optional body of "it arrived": `{ vendorId? }`, or nothing; else 400 INVALID_REQUEST. */
async function arrivedBody(c: Context<AppEnv>): Promise<v.InferOutput<typeof ArrivedRequestSchema>> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new LeadgateError('INVALID_JSON', { cause });
  }
  const parsed = v.safeParse(ArrivedRequestSchema, raw);
  if (!parsed.success) throw new LeadgateError('INVALID_REQUEST');
  return parsed.output;
}

/** Why an operator's decision on a delivery was refused: it is not (or no longer) `unknown`, or not there at all. */
async function notUnknown(c: DeliveryContext): Promise<never> {
  const record = await deliveryLedger(c.env).find(c.get('form').id, c.req.valid('param').id);
  if (!record) throw new LeadgateError('SUBMISSION_NOT_FOUND');
  // An unknown delivery whose lead retention deleted can be marked arrived, not sent again.
  throw new LeadgateError(record.status === 'unknown' ? 'DELIVERY_NOT_REPLAYABLE' : 'DELIVERY_NOT_UNKNOWN');
}

/** "It arrived": the operator found an unknown delivery's lead at the vendor. */
async function markArrived(c: DeliveryContext) {
  const ref = { formId: c.get('form').id, id: c.req.valid('param').id };
  const { vendorId } = await arrivedBody(c);
  if (!(await deliveryLedger(c.env).markArrived(ref, vendorId))) return notUnknown(c);
  log('info', 'unknown_resolved', c, { submissionId: ref.id, resolution: 'arrived' });
  return c.json({ id: ref.id, status: 'delivered' } satisfies ResolveResult);
}

/** "Send again": the operator decided the vendor does not have an unknown delivery's lead; it is created anew. */
async function sendAgain(c: DeliveryContext) {
  const ref = { formId: c.get('form').id, id: c.req.valid('param').id };
  if (!(await deliveryLedger(c.env).sendAgain(ref))) return notUnknown(c);
  await enqueueDelivery(c.env.DELIVERIES, ref, 0);
  log('info', 'unknown_resolved', c, { submissionId: ref.id, resolution: 'send_again' });
  return c.json({ id: ref.id, status: 'queued' } satisfies ResolveResult, 202);
}

/**
 * The operator API under `/v1/admin`: a form's deliveries by status, one
 * delivery, counts, replaying dead letters and held leads, and resolving a
 * delivery whose outcome is unknown. Bearer token from the Worker
 * secret LEADGATE_ADMIN_TOKEN; no CORS, it is not for browsers.
 */
export const adminRoutes = new Hono<AppEnv>();

// Every admin route, whoever registers it, sits behind these three lines: the token (global or
// scoped, with the failed-login lockout), a scoped token kept to its own forms (404 for any other,
// as for a form that does not exist), and every route outside /forms/:formId/ for the global token only.
// Register admin routes after these lines.
adminRoutes.use('*', adminAuth({ secretName: ADMIN_TOKEN_SECRET }));
adminRoutes.use('*', globalAdminOutsideForms({ openToScoped: ['/v1/admin/session', '/v1/admin/overview'] }));
// Forms at run time: before the form context below, so a publish can create a form that does not exist yet
// (it keeps a scoped token to its own forms with a context of its own).
adminRoutes.route('/', adminFormRoutes);
adminRoutes.use('/forms/:formId/*', adminFormContext());

adminRoutes.route('/tokens', adminTokenRoutes);

adminRoutes.get('/forms/:formId/deliveries', listQuery, listDeliveries);
adminRoutes.get('/forms/:formId/deliveries/:id', deliveryParam, showDelivery);
adminRoutes.get('/forms/:formId/stats', deliveryStats);
adminRoutes.post('/forms/:formId/deliveries/:id/replay', deliveryParam, replayDelivery);
adminRoutes.post('/forms/:formId/dead-letters/replay', replayDeadLetters);
adminRoutes.post('/forms/:formId/deliveries/:id/arrived', deliveryParam, markArrived);
adminRoutes.post('/forms/:formId/deliveries/:id/send-again', deliveryParam, sendAgain);
adminRoutes.route('/', adminKeyRoutes);
// The console's reads (issue 17 §2): who is signed in, the overview, a form's days.
adminRoutes.route('/', adminConsoleRoutes);
// Erasure, export and the audit log (issue 16 §2): after the auth and form context above.
adminRoutes.route('/', adminPrivacyRoutes);
// Alert webhooks (issue 17 §3): the test event.
adminRoutes.route('/', adminAlertRoutes);
