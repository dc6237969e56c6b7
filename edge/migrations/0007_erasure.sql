-- Erasure (issue 16 §2): what is left of an erased submission is its id and the keyed hash of
-- its e-mail, no personal data, for 8 days: the widget's outbox resends a submission for up to
-- 7 days, and a late resend of an erased one must be refused (410 SUBMISSION_ERASED), not stored anew.
CREATE TABLE erased_submissions (
  form_id TEXT NOT NULL,
  id TEXT NOT NULL,
  erased_at INTEGER NOT NULL,
  PRIMARY KEY (form_id, id)
);
CREATE INDEX erased_submissions_by_age ON erased_submissions (erased_at);

-- A person erased by e-mail: an outbox copy sealed before the erasure is dropped when it arrives.
CREATE TABLE erased_subjects (
  form_id TEXT NOT NULL,
  subject_hash TEXT NOT NULL,
  erased_at INTEGER NOT NULL,
  PRIMARY KEY (form_id, subject_hash)
);
CREATE INDEX erased_subjects_by_age ON erased_subjects (erased_at);
