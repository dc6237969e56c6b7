-- Durable acceptance: a submission is stored before it is answered, then delivered
-- inline or through the delivery queue. The status set grows (pending, queued, failed)
-- and each row carries what the queue consumer, the sweeper and operators need.
-- SQLite cannot change a CHECK constraint in place, so the table is rebuilt.
CREATE TABLE deliveries_v2 (
  form_id TEXT NOT NULL,
  id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'queued', 'delivered', 'duplicate', 'rejected', 'failed')),
  vendor_id TEXT,
  -- The last error: a vendor code, status_5xx, timeout, network, VENDOR_AUTH_FAILED...
  error_code TEXT,
  failure_reason TEXT CHECK (failure_reason IN ('vendor_rejected', 'budget_exhausted', 'queue_retries_exhausted', 'form_removed')),
  -- Vendor calls made; a pacing delay is not one.
  attempts INTEGER NOT NULL DEFAULT 0,
  -- Personal data: kept while a delivery, a dead letter or the second step needs it (see README, Retention).
  lead_json TEXT,
  -- SHA-256 of the submitted lead, so a key reused for another lead is refused.
  lead_hash TEXT,
  -- Who runs the current attempt, and until when; a lapsed lease is picked up by the sweeper.
  lease_token TEXT,
  lease_until INTEGER,
  next_attempt_at INTEGER,
  -- Start of the retry budget: acceptance, or the last replay.
  retry_from INTEGER NOT NULL,
  finished_at INTEGER,
  -- When the dead-letter queue took the job and the operator alert went out.
  dead_lettered_at INTEGER,
  purged_at INTEGER,
  profile_updated_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (form_id, id)
);

-- A lead held for bad credentials used to wait for nothing; now it is queued and retried.
INSERT INTO deliveries_v2 (form_id, id, status, vendor_id, error_code, attempts, lead_json, next_attempt_at, retry_from,
  finished_at, profile_updated_at, created_at, updated_at)
SELECT form_id, id, CASE status WHEN 'held' THEN 'queued' ELSE status END, vendor_id, error_code, attempts, lead_json,
  CASE status WHEN 'held' THEN updated_at ELSE NULL END, created_at,
  CASE status WHEN 'held' THEN NULL ELSE updated_at END, profile_updated_at, created_at, updated_at
FROM deliveries;

DROP TABLE deliveries;
ALTER TABLE deliveries_v2 RENAME TO deliveries;

CREATE INDEX deliveries_by_form_status ON deliveries (form_id, status, created_at);
CREATE INDEX deliveries_by_form_created ON deliveries (form_id, created_at);
-- The sweeper: lapsed leases and queued jobs whose message was lost.
CREATE INDEX deliveries_waiting ON deliveries (status, next_attempt_at, lease_until);
-- Retention: finished rows by age.
CREATE INDEX deliveries_finished ON deliveries (status, finished_at);
