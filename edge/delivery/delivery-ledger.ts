import type { Lead } from '../../shared/lead';
import type { DeliveryJob } from './delivery-job';
import type { Outcome } from './outcome';

/** Where a submission stands, as the ledger (D1 `deliveries`) keeps it. */
export type DeliveryStatus = 'delivered' | 'duplicate' | 'held' | 'rejected';

export interface DeliveryRecord {
  readonly formId: string;
  readonly id: string;
  readonly status: DeliveryStatus;
  readonly vendorId: string | null;
  readonly errorCode: string | null;
  readonly attempts: number;
  readonly lead: Lead | null;
  readonly profileUpdatedAt: number | null;
  readonly createdAt: number;
}

interface Row {
  form_id: string;
  id: string;
  status: DeliveryStatus;
  vendor_id: string | null;
  error_code: string | null;
  attempts: number;
  lead_json: string | null;
  profile_updated_at: number | null;
  created_at: number;
}

const toRecord = (row: Row): DeliveryRecord => ({
  formId: row.form_id,
  id: row.id,
  status: row.status,
  vendorId: row.vendor_id,
  errorCode: row.error_code,
  attempts: row.attempts,
  lead: row.lead_json ? (JSON.parse(row.lead_json) as Lead) : null,
  profileUpdatedAt: row.profile_updated_at,
  createdAt: row.created_at,
});

/** The ledger status an outcome leaves a submission in; a transient one leaves no record yet. */
export function statusOf(outcome: Outcome): DeliveryStatus | undefined {
  switch (outcome.kind) {
    case 'delivered':
      return 'delivered';
    case 'duplicate':
      return 'duplicate';
    case 'misconfigured':
      return 'held';
    case 'rejected':
      return 'rejected';
    case 'transient':
      return undefined;
  }
}

function errorCodeOf(outcome: Outcome): string | null {
  if (outcome.kind === 'misconfigured') return outcome.code;
  if (outcome.kind === 'rejected') return outcome.vendorCode ?? 'rejected';
  return null;
}

/** The delivery ledger in D1: one row per submission, keyed by form and idempotency key. */
export function deliveryLedger(db: D1Database) {
  return {
    async find(formId: string, id: string): Promise<DeliveryRecord | undefined> {
      const row = await db.prepare('SELECT * FROM deliveries WHERE form_id = ? AND id = ?').bind(formId, id).first<Row>();
      return row ? toRecord(row) : undefined;
    },

    /**
     * Records what an attempt came to. The lead is kept while something may
     * still need it: a held lead waits for delivery, a delivered one for its second step.
     */
    async record(job: DeliveryJob, outcome: Outcome, now = Date.now()): Promise<void> {
      const status = statusOf(outcome);
      if (!status) return;
      const vendorId = outcome.kind === 'delivered' ? (outcome.vendorId ?? null) : null;
      const keepLead = status === 'held' || status === 'delivered';
      await db
        .prepare(
          `INSERT INTO deliveries (form_id, id, status, vendor_id, error_code, attempts, lead_json, created_at, updated_at)
           VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7, ?7)
           ON CONFLICT (form_id, id) DO UPDATE SET status = ?3, vendor_id = ?4, error_code = ?5,
             attempts = deliveries.attempts + 1, lead_json = ?6, updated_at = ?7`,
        )
        .bind(job.formId, job.id, status, vendorId, errorCodeOf(outcome), keepLead ? JSON.stringify(job.lead) : null, now)
        .run();
    },

    async markProfileUpdated(formId: string, id: string, lead: Lead, now = Date.now()): Promise<void> {
      await db
        .prepare('UPDATE deliveries SET profile_updated_at = ?3, lead_json = ?4, updated_at = ?3 WHERE form_id = ?1 AND id = ?2')
        .bind(formId, id, now, JSON.stringify(lead))
        .run();
    },
  };
}
export type DeliveryLedger = ReturnType<typeof deliveryLedger>;
