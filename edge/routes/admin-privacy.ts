import { type Context, Hono } from 'hono';
import * as v from 'valibot';
import { SubmissionIdSchema } from '../../shared/submission';
import type { AppEnv } from '../app-env';
import { type DeliveryRecord, deliveryLedger } from '../delivery/delivery-ledger';
import { jsonBody } from '../middleware/json-body';
import { QueryValueSchema, validate } from '../middleware/validate';
import { recordAdminAction } from '../privacy/audit-log';
import { erasureRecords } from '../privacy/erasure-records';
import { HASH_KEY_SECRET, subjectHash } from '../privacy/keyed-hash';
import { workerSecret } from '../worker-secret';

const EmailSchema = v.pipe(v.string(), v.trim(), v.maxLength(254), v.email());

/** Exactly one of the two: a person by e-mail, or one submission by id. */
const EraseRequestSchema = v.union([v.strictObject({ email: EmailSchema }), v.strictObject({ submissionId: SubmissionIdSchema })]);

const ExportQuerySchema = v.object({ email: v.pipe(QueryValueSchema, EmailSchema) });

const AuditQuerySchema = v.object({
  limit: v.optional(v.pipe(QueryValueSchema, v.regex(/^\d{1,3}$/), v.transform(Number), v.minValue(1), v.maxValue(500)), '100'),
});

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The keyed hash of an address, as the ledger stores it: the address itself is never kept or logged. */
const hashOf = async (c: Context<AppEnv>, email: string) => (await subjectHash(workerSecret(c.env, HASH_KEY_SECRET), email))!;

const audit = (c: Context<AppEnv>, action: string, target: string, count: number) =>
  recordAdminAction(c.env.DB, { actor: c.get('adminActor'), action, formId: c.get('form').id, target, count, requestId: c.get('requestId') });

/** One record as the person's export shows it: everything stored, the lead included. */
const exported = (r: DeliveryRecord) => ({
  id: r.id,
  status: r.status,
  lead: r.lead,
  vendorId: r.vendorId,
  vendorRefs: r.vendorRefs,
  attempts: r.attempts,
  lastErrorCode: r.errorCode,
  failureReason: r.failureReason,
  outcomeUnknown: r.outcomeUnknown,
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
  finishedAt: iso(r.finishedAt),
  deadLetteredAt: iso(r.deadLetteredAt),
  purgedAt: iso(r.purgedAt),
  profileUpdatedAt: iso(r.profileUpdatedAt),
});

/**
 * Erasure of one person (by e-mail) or one submission (by id) from a form: the ledger rows
 * whatever their status (queued, held, dead letters, delivered), and a note of what was erased
 * so a late resend is refused. The audit entry names the submission id or the subject's keyed hash.
 */
async function erase(c: Context<AppEnv, string, { out: { json: v.InferOutput<typeof EraseRequestSchema> } }>) {
  const formId = c.get('form').id;
  const body = c.req.valid('json');
  const ledger = deliveryLedger(c.env);
  const subject = 'email' in body ? await hashOf(c, body.email) : undefined;
  const ids = subject ? await ledger.idsOfSubject(formId, subject) : [(body as { submissionId: string }).submissionId];
  // Remembered first: a resend arriving between the two is refused rather than stored again.
  await erasureRecords(c.env).remember(formId, ids, subject);
  const erased = await ledger.erase(formId, ids);
  await audit(c, 'erase', subject ? `subject:${subject}` : `submission:${ids[0]}`, erased.length);
  return c.json({ erased: erased.length, submissionIds: erased });
}

/** Everything stored about one e-mail address in a form, as JSON; never cached. */
async function exportSubject(c: Context<AppEnv, string, { out: { query: v.InferOutput<typeof ExportQuerySchema> } }>) {
  const formId = c.get('form').id;
  const subject = await hashOf(c, c.req.valid('query').email);
  const ledger = deliveryLedger(c.env);
  const ids = await ledger.idsOfSubject(formId, subject);
  const records = (await Promise.all(ids.map((id) => ledger.find(formId, id)))).filter((r): r is DeliveryRecord => r !== undefined);
  await audit(c, 'export', `subject:${subject}`, records.length);
  c.header('Cache-Control', 'no-store');
  return c.json({ formId, submissions: records.map(exported) });
}

/** The audit log, newest first: ids, hashes, codes and counts only. */
async function listAudit(c: Context<AppEnv, string, { out: { query: v.InferOutput<typeof AuditQuerySchema> } }>) {
  const { results } = await c.env.DB.prepare('SELECT seq, at, actor, action, form_id, target, count, request_id FROM admin_audit ORDER BY seq DESC LIMIT ?1')
    .bind(c.req.valid('query').limit)
    .all<{
      seq: number;
      at: number;
      actor: string;
      action: string;
      form_id: string | null;
      target: string | null;
      count: number | null;
      request_id: string | null;
    }>();
  c.header('Cache-Control', 'no-store');
  return c.json({
    entries: results.map((r) => ({
      seq: r.seq,
      at: new Date(r.at).toISOString(),
      actor: r.actor,
      action: r.action,
      formId: r.form_id,
      target: r.target,
      count: r.count,
      requestId: r.request_id,
    })),
  });
}

/** The erase request body: small JSON, one of `{ email }` or `{ submissionId }`; else 400 INVALID_REQUEST. */
const ERASE_MAX_BYTES = 1024;

/**
 * One person's rights (issue 16 §2) on the operator API: erasure and export per form, and the
 * audit log of both. Mounted by adminRoutes after its auth and form context.
 */
export const adminPrivacyRoutes = new Hono<AppEnv>();

adminPrivacyRoutes.post('/forms/:formId/erase', jsonBody({ maxBytes: ERASE_MAX_BYTES }), validate('json', EraseRequestSchema, 'INVALID_REQUEST'), erase);
adminPrivacyRoutes.get('/forms/:formId/export', validate('query', ExportQuerySchema, 'INVALID_REQUEST'), exportSubject);
adminPrivacyRoutes.get('/audit', validate('query', AuditQuerySchema, 'INVALID_REQUEST'), listAudit);
