import { DELIVERY_STATUSES, type DeliveryStatus, type FailureReason } from '../../shared/admin';
import type { Lead } from '../../shared/lead';
import { type DataKeysEnv, type LeadCipher, LeadUnreadableError, leadCipher } from '../privacy/lead-cipher';
import type { DeliveryJob } from './delivery-job';

export type { DeliveryStatus };

/** One submission as the ledger (D1 `deliveries`) keeps it. Times in ms. */
export interface DeliveryRecord {
  readonly formId: string;
  readonly id: string;
  readonly status: DeliveryStatus;
  readonly vendorId: string | null;
  /** The other ids the vendor's answer gave (customer id, uuid, member id): ids, never personal data. */
  readonly vendorRefs: Readonly<Record<string, string>> | null;
  readonly errorCode: string | null;
  readonly failureReason: FailureReason | null;
  readonly attempts: number;
  readonly lead: Lead | null;
  readonly leadHash: string | null;
  /** Keyed hash of the lead's e-mail address (see edge/privacy/keyed-hash.ts); null without one. */
  readonly subjectHash: string | null;
  readonly leaseToken: string | null;
  readonly leaseUntil: number | null;
  readonly nextAttemptAt: number | null;
  readonly retryFrom: number;
  readonly finishedAt: number | null;
  readonly deadLetteredAt: number | null;
  readonly purgedAt: number | null;
  readonly profileUpdatedAt: number | null;
  /** The last attempt sent a create whose answer was lost, and no outcome is known since. */
  readonly outcomeUnknown: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
}

interface Row {
  form_id: string;
  id: string;
  status: DeliveryStatus;
  vendor_id: string | null;
  vendor_refs: string | null;
  error_code: string | null;
  failure_reason: FailureReason | null;
  attempts: number;
  lead_json: string | null;
  lead_hash: string | null;
  subject_hash: string | null;
  lease_token: string | null;
  lease_until: number | null;
  next_attempt_at: number | null;
  retry_from: number;
  finished_at: number | null;
  dead_lettered_at: number | null;
  purged_at: number | null;
  profile_updated_at: number | null;
  outcome_unknown: number;
  created_at: number;
  updated_at: number;
}

/** The row as a record, its lead decrypted (a plain-JSON one from before encryption read as it is). Throws LeadUnreadableError. */
const toRecord = async (cipher: LeadCipher, row: Row): Promise<DeliveryRecord> => ({
  formId: row.form_id,
  id: row.id,
  status: row.status,
  vendorId: row.vendor_id,
  vendorRefs: row.vendor_refs ? (JSON.parse(row.vendor_refs) as Record<string, string>) : null,
  errorCode: row.error_code,
  failureReason: row.failure_reason,
  attempts: row.attempts,
  lead: row.lead_json ? (JSON.parse(await cipher.open(row.form_id, row.id, row.lead_json)) as Lead) : null,
  leadHash: row.lead_hash,
  subjectHash: row.subject_hash,
  leaseToken: row.lease_token,
  leaseUntil: row.lease_until,
  nextAttemptAt: row.next_attempt_at,
  retryFrom: row.retry_from,
  finishedAt: row.finished_at,
  deadLetteredAt: row.dead_lettered_at,
  purgedAt: row.purged_at,
  profileUpdatedAt: row.profile_updated_at,
  outcomeUnknown: row.outcome_unknown === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** The keyed hashes a new submission is stored with: of the whole lead (a reused key), of its e-mail address (erasure, export). */
export interface LeadHashes {
  readonly lead: string;
  readonly subject?: string | undefined;
  /** Keyed hash of the second step's capability (edge/profile-key.ts), on a form with a second step. */
  readonly profileKey?: string | undefined;
}

/** A claimed attempt: only the holder of the token may record what it came to. */
export interface Lease {
  readonly formId: string;
  readonly id: string;
  readonly token: string;
  /** An earlier attempt's create may have landed unanswered: this one must find out before it creates. */
  readonly afterUnknown: boolean;
}

/**
 * How an attempt ended, as the ledger records it. `held` (a refusal only the
 * operator can fix) and `unknown` (only the operator can tell whether it landed)
 * keep the lead, like a dead letter, until an operator acts or retention ends.
 */
export type Settlement =
  | {
      readonly status: 'delivered' | 'duplicate';
      readonly vendorId?: string | undefined;
      readonly vendorRefs?: Readonly<Record<string, string>> | undefined;
    }
  | { readonly status: 'rejected'; readonly errorCode: string }
  | { readonly status: 'held'; readonly errorCode: string }
  | { readonly status: 'unknown'; readonly errorCode: string }
  | { readonly status: 'failed'; readonly errorCode: string | null; readonly reason: FailureReason; readonly outcomeUnknown?: boolean };

/** Statuses an operator must act on: the dead-letter queue raises their alert, and retention keeps their lead as long. */
const OPERATOR_STATUSES = "'failed', 'held', 'unknown'";

/** How long one form's ended submissions are kept, in ms. */
export interface RetentionPeriods {
  /** Delivered, duplicate and rejected ones. */
  readonly deliveredMs: number;
  /** Failed (dead letters), held and unknown ones. */
  readonly deadLetterMs: number;
}

/** A job the queue should carry: its form and id, never the lead. */
export interface JobRef {
  readonly formId: string;
  readonly id: string;
}

/** One form's recent deliveries, counted for the operator's overview (see `activity`). */
export interface FormActivity {
  leads24h: number;
  leads30d: number;
  held: number;
  failed: number;
  unknown: number;
  /** Queued for another attempt, or being attempted now. */
  retrying: number;
  failed24h: number;
  /** Delivered or duplicate (the vendor has it) in the last 24 hours. */
  arrived24h: number;
}

/** One page of a form's deliveries, newest first. */
export interface DeliveryPage {
  readonly deliveries: readonly DeliveryRecord[];
  readonly nextCursor: string | undefined;
}

const encodeCursor = (row: { created_at: number; id: string }) => btoa(JSON.stringify([row.created_at, row.id]));

function decodeCursor(cursor: string): [number, string] | undefined {
  try {
    const value = JSON.parse(atob(cursor)) as unknown;
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string') return [value[0], value[1]];
  } catch {
    // fall through
  }
  return undefined;
}

/** Thrown for a cursor the ledger did not write. */
export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
}

// A new lease on a submission's row: ?1 form, ?2 id, ?3 lead, ?4 lead hash, ?5 lease token, ?6 lease end, ?7 now, ?8 subject hash, ?9 profile key hash.
const CLAIM_NEW_SQL = `INSERT INTO deliveries (form_id, id, status, lead_json, lead_hash, subject_hash, profile_key_hash, lease_token, lease_until, retry_from, created_at, updated_at)
   VALUES (?1, ?2, 'pending', ?3, ?4, ?8, ?9, ?5, ?6, ?7, ?7, ?7) ON CONFLICT (form_id, id) DO NOTHING`;
const CLAIM_REJECTED_SQL = `UPDATE deliveries SET status = 'pending', lead_json = ?3, lead_hash = ?4, subject_hash = ?8, profile_key_hash = ?9, profile_key_used_at = NULL,
     lease_token = ?5, lease_until = ?6, retry_from = ?7, updated_at = ?7
   WHERE form_id = ?1 AND id = ?2 AND status = 'rejected'`;

/**
 * The delivery ledger in D1: one row per submission, keyed by form and
 * idempotency key. It is the source of truth for every delivery; the queue only
 * carries `{ formId, id }` and a lost message is found again by `sweep`.
 * Every change of an attempt's result is conditional on its lease token, so two
 * workers can never both deliver or record the same job.
 */
export function deliveryLedger(env: Pick<Env, 'DB'> & DataKeysEnv) {
  const db = env.DB;
  const cipher = leadCipher(env);
  // Every write of a lead goes through here: encrypted for its own row (see edge/privacy/lead-cipher.ts).
  const sealLead = (formId: string, id: string, lead: Lead) => cipher.seal(formId, id, JSON.stringify(lead));
  const record = (row: Row) => toRecord(cipher, row);
  const findQuery = (formId: string, id: string) => db.prepare('SELECT * FROM deliveries WHERE form_id = ? AND id = ?').bind(formId, id);
  const leaseUpdate = async (sql: string, lease: Lease, ...values: unknown[]): Promise<boolean> => {
    const result = await db
      .prepare(`${sql} WHERE form_id = ?1 AND id = ?2 AND lease_token = ?3 AND status = 'pending'`)
      .bind(lease.formId, lease.id, lease.token, ...values)
      .run();
    return result.meta.changes === 1;
  };
  // The bindings of a claim's SQL, the lead sealed for its row:
  // ?1 form, ?2 id, ?3 lead, ?4 lead hash, ?5 lease token, ?6 lease end, ?7 now, ?8 subject hash, ?9 profile key hash.
  const claimValues = async (job: DeliveryJob, hashes: LeadHashes, token: string, leaseMs: number, now: number) => [
    job.formId,
    job.id,
    await sealLead(job.formId, job.id, job.lead),
    hashes.lead,
    token,
    now + leaseMs,
    now,
    hashes.subject ?? null,
    hashes.profileKey ?? null,
  ];
  const lease = (job: DeliveryJob, token: string): Lease => ({ formId: job.formId, id: job.id, token, afterUnknown: false });

  return {
    async find(formId: string, id: string): Promise<DeliveryRecord | undefined> {
      const row = await findQuery(formId, id).first<Row>();
      return row ? record(row) : undefined;
    },

    /** The query behind find, for a caller that batches it with others in one D1 round trip; its row goes to `recordOf`. */
    findQuery,

    /** The record of a row findQuery returned. */
    recordOf(row: unknown): Promise<DeliveryRecord> {
      return record(row as Row);
    },

    /**
     * Stores a new submission as `pending` with a lease for its first attempt.
     * Undefined when the key is already taken: D1 runs one write at a time, so
     * of two identical POSTs in flight exactly one gets the lease.
     */
    async claimNew(job: DeliveryJob, hashes: LeadHashes, leaseMs: number, now = Date.now()): Promise<Lease | undefined> {
      const token = crypto.randomUUID();
      const result = await db
        .prepare(CLAIM_NEW_SQL)
        .bind(...(await claimValues(job, hashes, token, leaseMs, now)))
        .run();
      return result.meta.changes === 1 ? lease(job, token) : undefined;
    },

    /**
     * claimNew, else (a submission the vendor refused while the visitor waited was never
     * accepted: it may be sent again under its key, corrected or not) a new lease on that
     * rejected row, in one D1 batch (one round trip, one transaction): of the two statements
     * at most one changes a row, since a row the insert makes is `pending`, not `rejected`.
     */
    async claimNewOrRejected(job: DeliveryJob, hashes: LeadHashes, leaseMs: number, now = Date.now()): Promise<Lease | undefined> {
      const token = crypto.randomUUID();
      const values = await claimValues(job, hashes, token, leaseMs, now);
      const results = await db.batch([db.prepare(CLAIM_NEW_SQL).bind(...values), db.prepare(CLAIM_REJECTED_SQL).bind(...values)]);
      return results.some((result) => result.meta.changes === 1) ? lease(job, token) : undefined;
    },

    /** The queue consumer's claim on a queued job; undefined when it is not queued (done, or someone has it). */
    async claimQueued(ref: JobRef, leaseMs: number, now = Date.now()): Promise<{ lease: Lease; record: DeliveryRecord } | undefined> {
      const token = crypto.randomUUID();
      const row = await db
        .prepare(
          `UPDATE deliveries SET status = 'pending', lease_token = ?3, lease_until = ?4, updated_at = ?5
           WHERE form_id = ?1 AND id = ?2 AND status = 'queued' RETURNING *`,
        )
        .bind(ref.formId, ref.id, token, now + leaseMs, now)
        .first<Row>();
      return row ? { lease: { formId: ref.formId, id: ref.id, token, afterUnknown: row.outcome_unknown === 1 }, record: await record(row) } : undefined;
    },

    /**
     * Records the end of a job; the last error stays for the operator, even on
     * a job that was delivered in the end. The lead is kept while something may still need
     * it: a delivered one for the second step (until retention), a dead letter, a held or
     * unknown one for the operator; a rejected one was never accepted and is dropped.
     * Only the vendor having the lead (delivered, duplicate) ends an unknown outcome: after a
     * refusal or a spent budget, whether an earlier create landed is still not known.
     */
    settle(lease: Lease, settlement: Settlement, attempted: boolean, now = Date.now()): Promise<boolean> {
      const keepLead = settlement.status !== 'rejected';
      const known = settlement.status === 'delivered' || settlement.status === 'duplicate';
      return leaseUpdate(
        `UPDATE deliveries SET status = ?4, vendor_id = ?5, vendor_refs = ?13, error_code = COALESCE(?6, error_code), failure_reason = ?7, attempts = attempts + ?8,
           lead_json = CASE WHEN ?9 THEN lead_json ELSE NULL END, finished_at = ?10, next_attempt_at = NULL,
           outcome_unknown = CASE WHEN ?11 THEN 0 ELSE MAX(outcome_unknown, ?12) END, lease_token = NULL, lease_until = NULL, updated_at = ?10`,
        lease,
        settlement.status,
        'vendorId' in settlement ? (settlement.vendorId ?? null) : null,
        'errorCode' in settlement ? settlement.errorCode : null,
        settlement.status === 'failed' ? settlement.reason : settlement.status === 'held' ? 'vendor_rejected' : null,
        attempted ? 1 : 0,
        keepLead ? 1 : 0,
        now,
        known ? 1 : 0,
        settlement.status === 'failed' && settlement.outcomeUnknown ? 1 : 0,
        'vendorRefs' in settlement && settlement.vendorRefs ? JSON.stringify(settlement.vendorRefs) : null,
      );
    },

    /**
     * Puts a job back in the queue's care until `nextAttemptAt`. `outcomeUnknown`:
     * this attempt's create went unanswered, so every later one reconciles first;
     * a transient failure leaves an earlier unknown outcome as unknown as it was.
     */
    requeue(lease: Lease, nextAttemptAt: number, errorCode: string | null, attempted: boolean, outcomeUnknown = false, now = Date.now()): Promise<boolean> {
      return leaseUpdate(
        `UPDATE deliveries SET status = 'queued', next_attempt_at = ?4, error_code = COALESCE(?5, error_code),
           attempts = attempts + ?6, outcome_unknown = MAX(outcome_unknown, ?8), lease_token = NULL, lease_until = NULL, updated_at = ?7`,
        lease,
        nextAttemptAt,
        errorCode,
        attempted ? 1 : 0,
        now,
        outcomeUnknown ? 1 : 0,
      );
    },

    /**
     * The dead-letter queue has the job, and its consumer is about to raise the
     * alert: `dead_lettered_at` says the alert went out. One Leadgate failed,
     * held or could not resolve itself is marked, its status kept (once: a second report of it changes nothing, and an
     * operator's replay meanwhile leaves it alone); one the delivery queue gave
     * up on (`failed` false: its consumer kept crashing) becomes a dead letter,
     * unless it ended meanwhile or another attempt holds a live lease on it
     * (that attempt records its own end). Returns the record as it now stands,
     * or undefined when there is nothing to alert.
     */
    async markDeadLettered(ref: JobRef, failed: boolean, now = Date.now()): Promise<DeliveryRecord | undefined> {
      const unfinished = failed ? '' : "OR status = 'queued' OR (status = 'pending' AND (lease_until IS NULL OR lease_until < ?3))";
      const row = await db
        .prepare(
          `UPDATE deliveries SET status = CASE WHEN status IN ('held', 'unknown') THEN status ELSE 'failed' END,
             failure_reason = CASE WHEN status = 'unknown' THEN failure_reason ELSE COALESCE(failure_reason, 'queue_retries_exhausted') END,
             finished_at = COALESCE(finished_at, ?3), next_attempt_at = NULL, lease_token = NULL, lease_until = NULL,
             dead_lettered_at = ?3, updated_at = ?3
           WHERE form_id = ?1 AND id = ?2 AND ((status IN (${OPERATOR_STATUSES}) AND dead_lettered_at IS NULL) ${unfinished}) RETURNING *`,
        )
        .bind(ref.formId, ref.id, now)
        .first<Row>();
      return row ? record(row) : undefined;
    },

    /** A job that cannot be attempted at all (its form is gone): a dead letter, unless it already ended. */
    async failUnfinished(ref: JobRef, reason: FailureReason, now = Date.now()): Promise<boolean> {
      const result = await db
        .prepare(
          `UPDATE deliveries SET status = 'failed', failure_reason = ?3, finished_at = ?4, next_attempt_at = NULL,
             lease_token = NULL, lease_until = NULL, updated_at = ?4
           WHERE form_id = ?1 AND id = ?2 AND status IN ('pending', 'queued')`,
        )
        .bind(ref.formId, ref.id, reason, now)
        .run();
      return result.meta.changes === 1;
    },

    /**
     * What the cron hands to the queues again. `due`: jobs whose attempt or
     * queue message was lost: a lapsed lease (the Worker died mid-attempt), a
     * queued job `graceMs` past its time (the message never came, or its send
     * failed), or one planned further out than `horizonMs` from now, which no
     * queue message can wait for. They are marked as due now and returned to be
     * enqueued; a surplus message is harmless, since only one claim on a job
     * can win. `unreported`: dead letters `graceMs` after their report to the
     * dead-letter queue (or its alert) failed, stamped so the next run finds
     * them again only if this report fails too. A lapsed attempt may have sent
     * its create: its outcome is unknown.
     */
    async sweep(
      options: { readonly graceMs: number; readonly horizonMs: number; readonly limit: number },
      now = Date.now(),
    ): Promise<{ due: JobRef[]; unreported: JobRef[] }> {
      const { graceMs, horizonMs, limit } = options;
      const [lapsed, overdue, unreported] = await db.batch<{ form_id: string; id: string }>([
        db
          .prepare(
            `UPDATE deliveries SET status = 'queued', next_attempt_at = ?1, outcome_unknown = 1, lease_token = NULL, lease_until = NULL, updated_at = ?1
             WHERE rowid IN (SELECT rowid FROM deliveries WHERE status = 'pending' AND lease_until < ?1 LIMIT ?2)
             RETURNING form_id, id`,
          )
          .bind(now, limit),
        db
          .prepare(
            `UPDATE deliveries SET next_attempt_at = ?1, updated_at = ?1
             WHERE rowid IN (SELECT rowid FROM deliveries WHERE status = 'queued'
               AND (next_attempt_at IS NULL OR next_attempt_at < ?2 OR next_attempt_at > ?3) LIMIT ?4)
             RETURNING form_id, id`,
          )
          .bind(now, now - graceMs, now + horizonMs, limit),
        db
          .prepare(
            `UPDATE deliveries SET updated_at = ?1
             WHERE rowid IN (SELECT rowid FROM deliveries WHERE status IN (${OPERATOR_STATUSES}) AND dead_lettered_at IS NULL AND updated_at < ?2 LIMIT ?3)
             RETURNING form_id, id`,
          )
          .bind(now, now - graceMs, limit),
      ]);
      const refs = (rows: { form_id: string; id: string }[] | undefined) => (rows ?? []).map((r) => ({ formId: r.form_id, id: r.id }));
      return { due: [...refs(lapsed?.results), ...refs(overdue?.results)], unreported: refs(unreported?.results) };
    },

    /**
     * Key rotation: re-encrypts up to `limit` stored leads not under the current key (older keys,
     * plain JSON from before encryption), oldest first. A lead changed meanwhile is left for the
     * next run; one that no listed key opens is counted as unreadable and left as it is.
     */
    async reencrypt(limit: number): Promise<{ reencrypted: number; unreadable: number; remaining: number }> {
      const prefix = `lg1.${await cipher.currentKid()}.`;
      const stale = 'lead_json IS NOT NULL AND substr(lead_json, 1, length(?1)) <> ?1';
      let reencrypted = 0;
      let unreadable = 0;
      let after = 0;
      while (reencrypted + unreadable < limit) {
        const { results } = await db
          .prepare(`SELECT rowid AS rid, form_id, id, lead_json FROM deliveries WHERE ${stale} AND rowid > ?2 ORDER BY rowid LIMIT ?3`)
          .bind(prefix, after, Math.min(100, limit - reencrypted - unreadable))
          .all<{ rid: number; form_id: string; id: string; lead_json: string }>();
        if (results.length === 0) break;
        for (const row of results) {
          after = row.rid;
          let sealed: string;
          try {
            sealed = await cipher.seal(row.form_id, row.id, await cipher.open(row.form_id, row.id, row.lead_json));
          } catch (error) {
            if (!(error instanceof LeadUnreadableError)) throw error;
            unreadable += 1;
            continue;
          }
          const result = await db
            .prepare('UPDATE deliveries SET lead_json = ?1 WHERE rowid = ?2 AND lead_json = ?3')
            .bind(sealed, row.rid, row.lead_json)
            .run();
          reencrypted += result.meta.changes;
        }
      }
      const left = await db.prepare(`SELECT COUNT(*) AS n FROM deliveries WHERE ${stale} AND rowid > ?2`).bind(prefix, after).first<number>('n');
      return { reencrypted, unreadable, remaining: left ?? 0 };
    },

    /** The forms with a record that ended before `before`: the ones retention may have work for. */
    async formsEndedBefore(before: number): Promise<string[]> {
      const { results } = await db.prepare('SELECT DISTINCT form_id FROM deliveries WHERE finished_at < ?1').bind(before).all<{ form_id: string }>();
      return results.map((r) => r.form_id);
    },

    /**
     * Retention for one form: deletes the rows, lead and all, of delivered, duplicate and rejected
     * submissions `deliveredMs` after they ended, of dead letters, held and unknown ones
     * `deadLetterMs` after. Pending and queued ones are never deleted. Each deleted row is first
     * added to `delivery_counts` (form, day of submission, status), in the same transaction, so the
     * stats keep it with no personal data. Returns how many rows were deleted.
     */
    async expire(formId: string, periods: RetentionPeriods, now = Date.now()): Promise<number> {
      const expired = `form_id = ?1 AND ((status IN ('delivered', 'duplicate', 'rejected') AND finished_at < ?2)
        OR (status IN (${OPERATOR_STATUSES}) AND finished_at < ?3))`;
      const bind = (sql: string) => db.prepare(sql).bind(formId, now - periods.deliveredMs, now - periods.deadLetterMs);
      const [, deleted] = await db.batch([
        bind(
          `INSERT INTO delivery_counts (form_id, day, status, count)
           SELECT form_id, strftime('%Y-%m-%d', created_at / 1000, 'unixepoch'), status, COUNT(*) FROM deliveries WHERE ${expired}
           GROUP BY 1, 2, 3
           ON CONFLICT (form_id, day, status) DO UPDATE SET count = count + excluded.count`,
        ),
        bind(`DELETE FROM deliveries WHERE ${expired}`),
      ]);
      return deleted?.meta.changes ?? 0;
    },

    /**
     * A dead letter or a held lead back into the queue with a fresh budget; false
     * when it is neither or its lead is gone. An unknown outcome stays unknown:
     * the next attempt still reconciles first.
     */
    async replay(ref: JobRef, now = Date.now()): Promise<boolean> {
      const result = await db
        .prepare(
          `UPDATE deliveries SET status = 'queued', failure_reason = NULL, finished_at = NULL, dead_lettered_at = NULL,
             next_attempt_at = ?3, retry_from = ?3, updated_at = ?3
           WHERE form_id = ?1 AND id = ?2 AND status IN ('failed', 'held') AND lead_json IS NOT NULL`,
        )
        .bind(ref.formId, ref.id, now)
        .run();
      return result.meta.changes === 1;
    },

    /** Every replayable dead letter and held lead of a form, as `replay` does one. */
    async replayAll(formId: string, now = Date.now()): Promise<JobRef[]> {
      const { results } = await db
        .prepare(
          `UPDATE deliveries SET status = 'queued', failure_reason = NULL, finished_at = NULL, dead_lettered_at = NULL,
             next_attempt_at = ?2, retry_from = ?2, updated_at = ?2
           WHERE form_id = ?1 AND status IN ('failed', 'held') AND lead_json IS NOT NULL RETURNING id`,
        )
        .bind(formId, now)
        .all<{ id: string }>();
      return results.map((r) => ({ formId, id: r.id }));
    },

    /** A form's deliveries, newest first, optionally of one status and submitted in `[since, until)` (ms). */
    async list(
      formId: string,
      options: { status?: DeliveryStatus | undefined; since?: number | undefined; until?: number | undefined; limit: number; cursor?: string | undefined },
    ): Promise<DeliveryPage> {
      const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
      if (options.cursor !== undefined && !after) throw new InvalidCursorError('not a cursor from this API');
      const conditions = ['form_id = ?1'];
      const values: unknown[] = [formId];
      if (options.status) {
        values.push(options.status);
        conditions.push(`status = ?${values.length}`);
      }
      if (options.since !== undefined) {
        values.push(options.since);
        conditions.push(`created_at >= ?${values.length}`);
      }
      if (options.until !== undefined) {
        values.push(options.until);
        conditions.push(`created_at < ?${values.length}`);
      }
      if (after) {
        values.push(after[0], after[1]);
        conditions.push(`(created_at < ?${values.length - 1} OR (created_at = ?${values.length - 1} AND id < ?${values.length}))`);
      }
      values.push(options.limit + 1);
      const { results } = await db
        .prepare(`SELECT * FROM deliveries WHERE ${conditions.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ?${values.length}`)
        .bind(...values)
        .all<Row>();
      const page = results.slice(0, options.limit);
      const last = page.at(-1);
      return { deliveries: await Promise.all(page.map(record)), nextCursor: results.length > options.limit && last ? encodeCursor(last) : undefined };
    },

    /** How many of a form's deliveries are in each status: those still kept, and those retention deleted (`archived`). */
    async counts(formId: string): Promise<{ live: Record<DeliveryStatus, number>; archived: Record<DeliveryStatus, number> }> {
      const [live, archived] = await db.batch<{ status: DeliveryStatus; n: number }>([
        db.prepare('SELECT status, COUNT(*) AS n FROM deliveries WHERE form_id = ? GROUP BY status').bind(formId),
        db.prepare('SELECT status, SUM(count) AS n FROM delivery_counts WHERE form_id = ? GROUP BY status').bind(formId),
      ]);
      const tally = (rows: { status: DeliveryStatus; n: number }[] | undefined) => {
        const counts = Object.fromEntries(DELIVERY_STATUSES.map((status) => [status, 0])) as Record<DeliveryStatus, number>;
        for (const { status, n } of rows ?? []) if (status in counts) counts[status] = n;
        return counts;
      };
      return { live: tally(live?.results), archived: tally(archived?.results) };
    },

    /**
     * Each form's recent activity for the operator's overview: submissions accepted (all but
     * rejected) since `since24h` and `since30d` (ms; those retention deleted counted by their day
     * from `delivery_counts`), what waits for an operator now, and dead letters of the last 24 hours.
     */
    async activity(since24h: number, since30d: number): Promise<Map<string, FormActivity>> {
      const day30 = new Date(since30d).toISOString().slice(0, 10);
      const [live, archived] = await db.batch<Record<string, number> & { form_id: string }>([
        db
          .prepare(
            `SELECT form_id,
               SUM(status <> 'rejected' AND created_at >= ?1) AS leads24h, SUM(status <> 'rejected' AND created_at >= ?2) AS leads30d,
               SUM(status = 'held') AS held, SUM(status = 'failed') AS failed, SUM(status = 'unknown') AS unknown,
               SUM(status IN ('queued', 'pending')) AS retrying, SUM(status = 'failed' AND finished_at >= ?1) AS failed24h,
               SUM(status IN ('delivered', 'duplicate') AND finished_at >= ?1) AS arrived24h
             FROM deliveries GROUP BY form_id`,
          )
          .bind(since24h, since30d),
        db.prepare(`SELECT form_id, SUM(count) AS leads30d FROM delivery_counts WHERE status <> 'rejected' AND day >= ?1 GROUP BY form_id`).bind(day30),
      ]);
      const activity = new Map<string, FormActivity>();
      const entry = (formId: string) => {
        let found = activity.get(formId);
        if (!found) {
          found = { leads24h: 0, leads30d: 0, held: 0, failed: 0, unknown: 0, retrying: 0, failed24h: 0, arrived24h: 0 };
          activity.set(formId, found);
        }
        return found;
      };
      for (const row of live?.results ?? []) {
        const counts = entry(row.form_id);
        for (const key of Object.keys(counts) as (keyof FormActivity)[]) counts[key] += row[key] ?? 0;
      }
      for (const row of archived?.results ?? []) entry(row.form_id).leads30d += row.leads30d ?? 0;
      return activity;
    },

    /**
     * A form's submissions per UTC day (of submission) and status from `fromDay` ("YYYY-MM-DD") on:
     * rows still kept and the counts retention left behind, added together.
     */
    async daily(formId: string, fromDay: string): Promise<{ day: string; status: DeliveryStatus; n: number }[]> {
      const fromMs = Date.parse(`${fromDay}T00:00:00Z`);
      const { results } = await db
        .prepare(
          `SELECT day, status, SUM(n) AS n FROM (
             SELECT strftime('%Y-%m-%d', created_at / 1000, 'unixepoch') AS day, status, COUNT(*) AS n FROM deliveries
               WHERE form_id = ?1 AND created_at >= ?2 GROUP BY 1, 2
             UNION ALL
             SELECT day, status, count AS n FROM delivery_counts WHERE form_id = ?1 AND day >= ?3
           ) GROUP BY day, status`,
        )
        .bind(formId, fromMs, fromDay)
        .all<{ day: string; status: DeliveryStatus; n: number }>();
      return results;
    },

    /**
     * The operator found an `unknown` delivery's lead at the vendor: delivered,
     * with the vendor's id when given. False when the delivery is not `unknown`.
     */
    async markArrived(ref: JobRef, vendorId: string | undefined, now = Date.now()): Promise<boolean> {
      const result = await db
        .prepare(
          `UPDATE deliveries SET status = 'delivered', vendor_id = COALESCE(?3, vendor_id), outcome_unknown = 0, failure_reason = NULL,
             finished_at = ?4, updated_at = ?4
           WHERE form_id = ?1 AND id = ?2 AND status = 'unknown'`,
        )
        .bind(ref.formId, ref.id, vendorId ?? null, now)
        .run();
      return result.meta.changes === 1;
    },

    /**
     * The operator decided an `unknown` delivery's create is wanted: queued with a
     * fresh budget, and no longer reconciled (the next attempt creates). False when
     * it is not `unknown` or its lead is gone.
     */
    async sendAgain(ref: JobRef, now = Date.now()): Promise<boolean> {
      const result = await db
        .prepare(
          `UPDATE deliveries SET status = 'queued', outcome_unknown = 0, failure_reason = NULL, finished_at = NULL, dead_lettered_at = NULL,
             next_attempt_at = ?3, retry_from = ?3, updated_at = ?3
           WHERE form_id = ?1 AND id = ?2 AND status = 'unknown' AND lead_json IS NOT NULL`,
        )
        .bind(ref.formId, ref.id, now)
        .run();
      return result.meta.changes === 1;
    },

    /** Whether `keyHash` is the unspent profile key of this submission: a read, for refusing early. */
    async hasProfileKey(formId: string, id: string, keyHash: string): Promise<boolean> {
      const row = await db
        .prepare('SELECT 1 AS found FROM deliveries WHERE form_id = ?1 AND id = ?2 AND profile_key_hash = ?3 AND profile_key_used_at IS NULL')
        .bind(formId, id, keyHash)
        .first();
      return row !== null;
    },

    /**
     * Spends a delivered submission's profile key, created since `createdSince`; false when it
     * is not its key, already spent, or too old. One write, so of two steps sent at once with
     * the same key exactly one gets it. Returns the time it was spent at, for `returnProfileKey`.
     */
    async spendProfileKey(formId: string, id: string, keyHash: string, createdSince: number, now = Date.now()): Promise<number | undefined> {
      const result = await db
        .prepare(
          `UPDATE deliveries SET profile_key_used_at = ?4 WHERE form_id = ?1 AND id = ?2 AND profile_key_hash = ?3
             AND profile_key_used_at IS NULL AND status = 'delivered' AND created_at >= ?5`,
        )
        .bind(formId, id, keyHash, now, createdSince)
        .run();
      return result.meta.changes === 1 ? now : undefined;
    },

    /** A spent key back, when the update it was spent on did not reach the vendor: the visitor may try again. */
    async returnProfileKey(formId: string, id: string, spentAt: number): Promise<void> {
      await db
        .prepare('UPDATE deliveries SET profile_key_used_at = NULL WHERE form_id = ?1 AND id = ?2 AND profile_key_used_at = ?3')
        .bind(formId, id, spentAt)
        .run();
    },

    async markProfileUpdated(formId: string, id: string, lead: Lead, now = Date.now()): Promise<void> {
      await db
        .prepare('UPDATE deliveries SET profile_updated_at = ?3, lead_json = ?4, updated_at = ?3 WHERE form_id = ?1 AND id = ?2')
        .bind(formId, id, now, await sealLead(formId, id, lead))
        .run();
    },

    /** The ids of a form's submissions whose e-mail has this keyed hash (erasure, export). */
    async idsOfSubject(formId: string, subjectHash: string): Promise<string[]> {
      const { results } = await db
        .prepare('SELECT id FROM deliveries WHERE form_id = ?1 AND subject_hash = ?2 ORDER BY created_at, id')
        .bind(formId, subjectHash)
        .all<{ id: string }>();
      return results.map((r) => r.id);
    },

    /**
     * Erasure: the rows themselves, whatever their status. A queued job whose row is gone
     * is dropped by the consumer (its claim finds nothing), and the sweeper has nothing to resurrect.
     */
    async erase(formId: string, ids: readonly string[]): Promise<string[]> {
      if (ids.length === 0) return [];
      const results = await db.batch<{ id: string }>(
        ids.map((id) => db.prepare('DELETE FROM deliveries WHERE form_id = ?1 AND id = ?2 RETURNING id').bind(formId, id)),
      );
      return results.flatMap((r) => (r.results ?? []).map((row) => row.id));
    },
  };
}
export type DeliveryLedger = ReturnType<typeof deliveryLedger>;
