-- Turnstile tokens already used by a submission: each token counts once, whatever
-- its provider says of a second look. Rows live a few minutes (see edge/bot-check).
CREATE TABLE spent_challenges (
  token_hash TEXT PRIMARY KEY,
  form_id TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);

CREATE INDEX spent_challenges_by_expiry ON spent_challenges (expires_at);
