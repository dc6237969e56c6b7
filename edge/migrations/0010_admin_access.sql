-- Operators (issue 16 §6): scoped admin tokens and the lockout after failed admin logins.
-- - admin_tokens: a token limited to a list of forms. Only a keyed hash of the token is kept
--   (HMAC-SHA256 with the Worker secret LEADGATE_HASH_KEY): the token itself is shown once,
--   when it is created, and a copy of D1 does not give admin access.
-- - admin_login_failures: failed admin logins per client address (IPv4, or IPv6 /64), counted
--   in a window; past the limit the address is locked until locked_until.
CREATE TABLE admin_tokens (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  -- The form ids the token may read and act on, a JSON array.
  forms_json TEXT NOT NULL,
  label TEXT,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER,
  last_used_at INTEGER
);

CREATE TABLE admin_login_failures (
  client_key TEXT PRIMARY KEY,
  window_start INTEGER NOT NULL,
  failures INTEGER NOT NULL,
  locked_until INTEGER
);
