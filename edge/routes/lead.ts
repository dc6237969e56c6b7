import type { Context } from 'hono';
import * as v from 'valibot';
import { validateLead } from '../../shared/lead-schema';
import { SubmissionIdSchema, type SubmissionRequest, SubmissionRequestSchema } from '../../shared/submission';
import { countVendorFailure } from '../alerts/vendor-outage';
import type { AppEnv } from '../app-env';
import { checkBot } from '../bot-check/check-bot';
import { answerOutcome, answerRecorded, success } from '../delivery/answer-outcome';
import { attemptDelivery, attemptLeaseMs, reservePaceSlot } from '../delivery/attempt-delivery';
import type { DeliveryJob } from '../delivery/delivery-job';
import { type DeliveryLedger, type DeliveryRecord, deliveryLedger } from '../delivery/delivery-ledger';
import { reportDeadLetter } from '../delivery/delivery-queue';
import { leadHash } from '../delivery/lead-hash';
import { logAttemptResult } from '../delivery/log-attempt-result';
import { retryPolicy } from '../delivery/retry-policy';
import { LeadgateError } from '../errors';
import { loadFormRules } from '../form-rules';
import { formSpecFor, leadSchemaFor } from '../form-spec-builder';
import { type EventLog, log } from '../logger';
import { validate } from '../middleware/validate';
import { erasureRecords } from '../privacy/erasure-records';
import { HASH_KEY_SECRET, subjectHash } from '../privacy/keyed-hash';
import { outboxKeys, SealedLeadUnreadableError } from '../privacy/outbox-keys';
import { createProfileKey, profileKeyHash } from '../profile-key';
import { spendFormBudget } from '../rate-limit/spend-form-budget';
import { workerSecret } from '../worker-secret';

/** How long a repeated POST waits for the first one's attempt before saying "accepted". */
const WAIT_FOR_FIRST_MS = 20_000;

/** The submission's body, `{ lead, proof? }`, once jsonBody has read it as JSON; else 400 INVALID_REQUEST. */
export const leadBody = validate('json', SubmissionRequestSchema, 'INVALID_REQUEST');

const LeadHeadersSchema = v.object({
  // IDEMPOTENCY_HEADER, as Hono hands headers to a validator: in lower case.
  'idempotency-key': v.optional(SubmissionIdSchema, () => crypto.randomUUID()),
});

/** The submission's key (a fresh one when the widget sent none); else 400 INVALID_IDEMPOTENCY_KEY. */
export const idempotencyKey = validate('header', LeadHeadersSchema, 'INVALID_IDEMPOTENCY_KEY');

type LeadContext = Context<AppEnv, string, { out: { json: SubmissionRequest; header: v.InferOutput<typeof LeadHeadersSchema> } }>;

/**
 * One visitor's submission: from an allowed origin (formCors), within the rate
 * limits, past the bot check, checked with the form's schema, stored, then
 * delivered (now, or by the queue). A copy the widget's outbox sealed is opened
 * first and then goes through exactly the same checks, under the same key.
 */
export async function submitLead(c: LeadContext) {
  const form = c.get('form');
  const request = c.req.valid('json');
  const key = c.req.valid('header')['idempotency-key'];
  const { lead, savedAt } = 'sealed' in request ? await openSavedCopy(c, key, request.sealed) : { lead: request.lead, savedAt: undefined };
  const hashKey = workerSecret(c.env, HASH_KEY_SECRET);
  const hash = await leadHash(hashKey, lead);
  const ledger = deliveryLedger(c.env);

  // Independent lookups, all at once; their verdicts still count in this order: a repeat gets its
  // first answer whatever its proof, then the bot check, then whether the form can be checked at all.
  const [stored, bot, loaded] = await Promise.allSettled([
    lookUpSubmission(c, ledger, hashKey, key, lead, savedAt),
    checkBot(c, request.proof),
    loadFormRules(c, { lastKnown: true }),
  ]);
  const settled = <T>(result: PromiseSettledResult<T>): T => {
    if (result.status === 'rejected') throw result.reason;
    return result.value;
  };
  const { erased, record } = settled(stored);
  // Erased on the person's request: a late resend (the widget's outbox) must not store it again.
  if (erased) throw new LeadgateError('SUBMISSION_ERASED');
  const first = record && (await answerEarlier(c, ledger, key, hash, record));
  if (first) return reply(c, first);
  settled(bot);
  const rules = settled(loaded);
  const spec = formSpecFor(form, rules.vendorForm);
  const checked = validateLead(spec, lead, leadSchemaFor(spec));
  if (!checked.success) throw new LeadgateError('VALIDATION_FAILED', { fields: checked.errors });
  // Only now, a new lead that is well-formed, valid and past the bot check, does it spend the
  // form's budget (and its token's): junk from many addresses cannot put the form into 429.
  await spendFormBudget(c, request.proof?.formToken);

  const job: DeliveryJob = { id: key, formId: form.id, lead: checked.lead, receivedAt: Date.now() };
  const leaseMs = attemptLeaseMs(form, 'inline');
  // A form with a second step: its capability, stored as a keyed hash with the lead, handed only
  // to this answer (a repeat's answer goes without: the widget then offers no second step).
  const profileKey = spec.profile && rules.update ? createProfileKey() : undefined;
  const hashes = {
    lead: hash,
    subject: await subjectHash(hashKey, checked.lead.email),
    profileKey: profileKey && (await profileKeyHash(hashKey, profileKey)),
  };
  // The pacing slot is asked for while the lead is stored: one round trip for both. Only after the
  // form's budget is spent, so a lead refused by the limiter never takes a slot from the vendor's
  // budget (the jam-proof budgets hold); a slot this lead then does not use (an identical POST
  // claimed it first) is only a slot the vendor's budget is not spent on.
  const slot = reservePaceSlot(c.env, form, 'inline');
  slot.catch(() => undefined); // its error, if any, is the attempt's; unawaited when no lease
  const lease = await ledger.claimNewOrRejected(job, hashes, leaseMs);
  if (!lease) {
    // An identical POST got there first: its answer is this one's.
    const answer = await answerEarlier(c, ledger, key, hash, await ledger.find(form.id, key));
    return reply(c, answer ?? success('accepted', key));
  }

  const attemptLog: EventLog = (level, event, detail) => log(level, event, c, detail);
  const attempt = attemptDelivery(job, lease, 'inline', {
    env: c.env,
    form,
    ledger,
    policy: retryPolicy(c.env),
    rules,
    attemptsBefore: 0,
    retryFrom: job.receivedAt,
    log: attemptLog,
    onDeadLetter: () => reportDeadLetter(c.env.DEAD_LETTERS, lease),
    onVendorFailure: (errorCode) => c.executionCtx.waitUntil(countVendorFailure(c.env, form, errorCode)),
    slot,
  }).then((result) => {
    logAttemptResult(result, 'inline', { submissionId: key, attempt: 1 }, attemptLog);
    return result;
  });
  // The lead is in the ledger: its attempt must not end with the visitor's connection. The
  // runtime lets waitUntil work finish after a disconnect (for 30 s); an attempt cut even
  // later keeps its lease until it lapses, and the sweeper hands the job to the queue.
  c.executionCtx.waitUntil(attempt.catch(() => undefined));
  const result = await attempt;
  if (result.kind === 'settled') return reply(c, answerOutcome(result.outcome, key, spec), profileKey);
  // Stored, and the queue (or an operator) takes it from here.
  return reply(c, success('accepted', key));
}

/**
 * The lead a sealed copy from the widget's outbox holds, and when the device saved it.
 * A copy that does not open (altered, sealed for another submission, or under a key no
 * longer in LEADGATE_OUTBOX_KEYS) is a request no resend can mend: 400, never a 5xx.
 */
async function openSavedCopy(c: LeadContext, key: string, sealed: string) {
  try {
    return await outboxKeys(c.env).open(c.get('form').id, key, sealed);
  } catch (error) {
    if (!(error instanceof SealedLeadUnreadableError)) throw error;
    log('warn', 'sealed_lead_unreadable', c, { submissionId: key, reason: error.message });
    throw new LeadgateError('INVALID_REQUEST');
  }
}

/**
 * What is stored under this submission's key, and whether the person asked for it to be erased:
 * its id, or, for a sealed copy saved before the erasure, their e-mail (a fresh lead from them
 * afterwards is theirs to send). The saved time comes from the visitor's device, so it counts as
 * now at the latest. One D1 batch: one round trip for all of it.
 */
async function lookUpSubmission(
  c: LeadContext,
  ledger: DeliveryLedger,
  hashKey: string,
  key: string,
  lead: Record<string, unknown>,
  savedAt: number | undefined,
) {
  const formId = c.get('form').id;
  const records = erasureRecords(c.env);
  const subject = savedAt === undefined ? undefined : await subjectHash(hashKey, typeof lead.email === 'string' ? lead.email : undefined);
  const queries = [ledger.findQuery(formId, key), records.submissionErasedQuery(formId, key)];
  if (subject !== undefined && savedAt !== undefined) queries.push(records.subjectErasedQuery(formId, subject, Math.min(savedAt, Date.now())));
  const [found, ...erasures] = await c.env.DB.batch(queries);
  const row = found?.results[0];
  return {
    erased: erasures.some((result) => result.results.length > 0),
    record: row === undefined ? undefined : await ledger.recordOf(row),
  };
}

/** A success answer, named in the access log by its status; a delivered one carries the second step's key, if any. */
function reply(c: Context<AppEnv>, answer: ReturnType<typeof success>, profileKey?: string): Response {
  c.set('outcome', answer.body.status);
  const body = profileKey && answer.body.status === 'delivered' ? { ...answer.body, profileKey } : answer.body;
  return c.json(body, answer.status);
}

/**
 * The answer a submission under an already used key gets: the first one's.
 * While the first attempt runs, it waits for its verdict. Undefined when the
 * lead should be (re)tried: a new key, or one the vendor rejected.
 */
async function answerEarlier(c: Context<AppEnv>, ledger: DeliveryLedger, key: string, hash: string, found: DeliveryRecord | undefined) {
  const formId = c.get('form').id;
  const deadline = Date.now() + WAIT_FOR_FIRST_MS;
  for (let record = found; record; record = await ledger.find(formId, key)) {
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
