-- Alerts (issue 17 §3): a vendor that is down. Transient failures of a form's vendor
-- connection are counted per minute; when the last five minutes pass the threshold, one
-- vendor.down alert goes out for the outage, which lasts until five minutes pass without a
-- failure. Old minutes are deleted as new ones are counted. Ids and counts only.
CREATE TABLE vendor_failures (
  form_id TEXT NOT NULL,
  minute INTEGER NOT NULL,
  failures INTEGER NOT NULL,
  PRIMARY KEY (form_id, minute)
);

CREATE TABLE vendor_outages (
  form_id TEXT PRIMARY KEY,
  opened_at INTEGER NOT NULL,
  last_failure_at INTEGER NOT NULL
);
