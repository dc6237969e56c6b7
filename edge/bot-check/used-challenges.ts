/** How long a spent token is remembered: longer than Turnstile keeps one valid (300 s). */
const REMEMBER_MS = 10 * 60_000;

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Marks a challenge token as spent. False when it already was: each token
 * counts for one submission, whatever its provider says of a second look.
 */
export async function spendChallenge(db: D1Database, formId: string, token: string, now = Date.now()): Promise<boolean> {
  const result = await db
    .prepare('INSERT INTO spent_challenges (token_hash, form_id, expires_at) VALUES (?, ?, ?) ON CONFLICT (token_hash) DO NOTHING')
    .bind(await sha256(token), formId, now + REMEMBER_MS)
    .run();
  return result.meta.changes === 1;
}

/** Forgets spent tokens that no provider would accept any more. */
export async function forgetSpentChallenges(db: D1Database, now = Date.now()): Promise<number> {
  const result = await db.prepare('DELETE FROM spent_challenges WHERE expires_at < ?').bind(now).run();
  return result.meta.changes;
}
