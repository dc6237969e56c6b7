-- Exactly once at every vendor (issue 14). Two statuses join the set, neither of them
-- ever attempted again without an operator:
-- - held: the vendor refused the lead without naming a field the visitor could fix (a
--   setup error at the vendor); kept with its reason for the operator to fix and replay.
-- - unknown: a create's answer was lost and the vendor cannot tell whether it landed;
--   the operator says "it arrived" or "send again".
-- outcome_unknown marks a job whose last attempt ended `unknown` (a create sent, its
-- answer lost): every later attempt reconciles before it creates, until an outcome is
-- known. vendor_refs keeps the other ids the vendor's answer gave (a JSON object of
-- strings: PerfectGym's customerId, uuid, customerNumber; a member id), never personal data.
-- SQLite cannot change a CHECK constraint in place, so the table is rebuilt.
CREATE TABLE deliveries_v3 (
  form_id TEXT NOT NULL,
  id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'queued', 'delivered', 'duplicate', 'rejected', 'held', 'unknown', 'failed')),
  vendor_id TEXT,
  vendor_refs TEXT,
  error_code TEXT,
  failure_reason TEXT CHECK (failure_reason IN ('vendor_rejected', 'budget_exhausted', 'queue_retries_exhausted', 'form_removed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  lead_json TEXT,
  lead_hash TEXT,
  lease_token TEXT,
  lease_until INTEGER,
  next_attempt_at INTEGER,
  retry_from INTEGER NOT NULL,
  finished_at INTEGER,
  dead_lettered_at INTEGER,
  purged_at INTEGER,
  profile_updated_at INTEGER,
  outcome_unknown INTEGER NOT NULL DEFAULT 0 CHECK (outcome_unknown IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (form_id, id)
);

INSERT INTO deliveries_v3 (form_id, id, status, vendor_id, error_code, failure_reason, attempts, lead_json, lead_hash, lease_token,
  lease_until, next_attempt_at, retry_from, finished_at, dead_lettered_at, purged_at, profile_updated_at, created_at, updated_at)
SELECT form_id, id, status, vendor_id, error_code, failure_reason, attempts, lead_json, lead_hash, lease_token,
  lease_until, next_attempt_at, retry_from, finished_at, dead_lettered_at, purged_at, profile_updated_at, created_at, updated_at
FROM deliveries;

DROP TABLE deliveries;
ALTER TABLE deliveries_v3 RENAME TO deliveries;

CREATE INDEX deliveries_by_form_status ON deliveries (form_id, status, created_at);
CREATE INDEX deliveries_by_form_created ON deliveries (form_id, created_at);
CREATE INDEX deliveries_waiting ON deliveries (status, next_attempt_at, lease_until);
CREATE INDEX deliveries_finished ON deliveries (status, finished_at);
