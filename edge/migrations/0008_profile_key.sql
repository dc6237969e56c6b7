-- The second step's capability (issue 16 §4): a delivered lead's profile step is authorised by a
-- secret only the widget receives (in the lead route's answer), not by its submission id, which
-- the host page sees. Only a keyed hash of the secret is kept (HMAC-SHA256 with the Worker secret
-- LEADGATE_HASH_KEY), so a copy of D1 cannot change a lead. profile_key_used_at: the step that
-- spent it (once per submission), or NULL while it may still be used.
ALTER TABLE deliveries ADD COLUMN profile_key_hash TEXT;
ALTER TABLE deliveries ADD COLUMN profile_key_used_at INTEGER;
