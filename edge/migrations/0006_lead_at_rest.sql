-- Personal data at rest (issue 16, part 1):
-- - lead_hash becomes a keyed hash (HMAC-SHA256 under LEADGATE_HASH_KEY, edge/delivery/lead-hash.ts).
--   The unsalted SHA-256 hashes stored before cannot be recomputed under the key, so they are
--   dropped: a repeat POST of such a row's key is answered as the first one was (a row without a
--   hash cannot tell a changed lead, just as before hashes existed), and no second lead is made.
-- - lead_json is encrypted from now on (`lg1.<kid>.…`); plain-JSON values written before are
--   still read, and `npm run admin -- re-encrypt` seals them under the current key.
-- - delivery_counts: what is kept of a row after retention deletes it: per form, per day of
--   its submission (UTC, YYYY-MM-DD) and final status, how many there were. No ids, no personal data.
UPDATE deliveries SET lead_hash = NULL WHERE lead_hash IS NOT NULL;

CREATE TABLE delivery_counts (
  form_id TEXT NOT NULL,
  day TEXT NOT NULL,
  status TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (form_id, day, status)
);
