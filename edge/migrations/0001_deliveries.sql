-- The delivery ledger: one row per submission (its id is the widget's idempotency key).
-- lead_json holds personal data and is kept only as long as a delivery or a follow-up needs it.
CREATE TABLE deliveries (
  form_id TEXT NOT NULL,
  id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('delivered', 'duplicate', 'held', 'rejected')),
  vendor_id TEXT,
  error_code TEXT,
  attempts INTEGER NOT NULL DEFAULT 1,
  lead_json TEXT,
  profile_updated_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (form_id, id)
);

CREATE INDEX deliveries_by_status ON deliveries (form_id, status, updated_at);
