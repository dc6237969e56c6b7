-- Forms at run time (issue 17 §1): every published version of a form's config. A form's
-- current config is its highest version; a form with no row here is the bundled file's.
-- - config: the form's JSON exactly as published (as it would stand in forms.json). It names
--   Worker secrets, never holds them: the config schema only takes secret NAMES.
-- - action: how the version came to be: an edit ('publish'), a return to an earlier
--   version ('rollback', its config copied), or `npm run forms -- import` ('import').
-- - published_by: the admin actor ('admin', 'token:<id>', …), never a person's address.
-- The primary key is also the guard against two editors publishing over the same
-- version: the second insert of (form_id, version) fails, and is answered 409.
CREATE TABLE form_versions (
  form_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  config TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('publish', 'rollback', 'import')),
  published_at INTEGER NOT NULL,
  published_by TEXT NOT NULL,
  note TEXT,
  PRIMARY KEY (form_id, version)
) WITHOUT ROWID;
