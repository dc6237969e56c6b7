-- Personal data as the GDPR asks (issue 16), the groundwork the later migrations build on:
-- - subject_hash: a keyed hash (HMAC-SHA256, Worker secret LEADGATE_HASH_KEY) of the lead's
--   e-mail address, trimmed and in lower case, so one person's records are found for erasure
--   and export without reading, or keeping in clear, the address itself. NULL for a lead without one.
-- - admin_audit: who did what to which form through the admin API, and when. Ids, codes and
--   counts only, never personal data.
ALTER TABLE deliveries ADD COLUMN subject_hash TEXT;
CREATE INDEX deliveries_by_subject ON deliveries (form_id, subject_hash);

CREATE TABLE admin_audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  -- 'admin' for the global token; 'token:<id>' for a scoped one.
  actor TEXT NOT NULL,
  -- show, export, erase, replay, token_create, ...
  action TEXT NOT NULL,
  form_id TEXT,
  -- What the action was aimed at, without personal data: 'submission:<id>', 'email', 'token:<id>'.
  target TEXT,
  -- How many records it touched or returned.
  count INTEGER,
  request_id TEXT
);

CREATE INDEX admin_audit_by_form ON admin_audit (form_id, at);
