/** How long an erasure is remembered: past the widget outbox's 7 days of resends, then forgotten. */
export const ERASURE_MEMORY_MS = 8 * 24 * 60 * 60 * 1000;

/**
 * What is kept of an erasure (D1 `erased_submissions`, `erased_subjects`): submission ids and
 * keyed hashes of e-mails, never the e-mail, for ERASURE_MEMORY_MS. It lets a late resend of an
 * erased submission be refused instead of storing the person's lead again.
 */
export function erasureRecords(env: Pick<Env, 'DB'>) {
  const db = env.DB;
  const submissionErasedQuery = (formId: string, id: string) =>
    db.prepare('SELECT 1 AS erased FROM erased_submissions WHERE form_id = ?1 AND id = ?2').bind(formId, id);
  const subjectErasedQuery = (formId: string, subjectHash: string, savedAt: number) =>
    db.prepare('SELECT 1 AS erased FROM erased_subjects WHERE form_id = ?1 AND subject_hash = ?2 AND erased_at >= ?3').bind(formId, subjectHash, savedAt);
  return {
    /** Remembers the erased submission ids, and the subject when erased by e-mail. */
    async remember(formId: string, ids: readonly string[], subjectHash: string | undefined, now = Date.now()): Promise<void> {
      const statements = ids.map((id) =>
        db
          .prepare('INSERT INTO erased_submissions (form_id, id, erased_at) VALUES (?1, ?2, ?3) ON CONFLICT DO UPDATE SET erased_at = ?3')
          .bind(formId, id, now),
      );
      if (subjectHash) {
        statements.push(
          db
            .prepare('INSERT INTO erased_subjects (form_id, subject_hash, erased_at) VALUES (?1, ?2, ?3) ON CONFLICT DO UPDATE SET erased_at = ?3')
            .bind(formId, subjectHash, now),
        );
      }
      if (statements.length > 0) await db.batch(statements);
    },

    /** True when this submission id of the form was erased (within the memory). */
    async submissionErased(formId: string, id: string): Promise<boolean> {
      return (await submissionErasedQuery(formId, id).first()) !== null;
    },

    /** The query behind submissionErased (a row when erased), for a caller that batches it with others in one D1 round trip. */
    submissionErasedQuery,

    /**
     * True when the person with this keyed e-mail hash was erased from the form after `savedAt`
     * (ms): a copy saved before the erasure (the sealed outbox) must not bring the lead back.
     */
    async subjectErased(formId: string, subjectHash: string, savedAt: number): Promise<boolean> {
      return (await subjectErasedQuery(formId, subjectHash, savedAt).first()) !== null;
    },

    /** The query behind subjectErased (a row when erased), for batching. */
    subjectErasedQuery,

    /** The scheduled handler's part: erasures older than ERASURE_MEMORY_MS are forgotten. */
    async expire(now = Date.now()): Promise<void> {
      const before = now - ERASURE_MEMORY_MS;
      await db.batch([
        db.prepare('DELETE FROM erased_submissions WHERE erased_at < ?1').bind(before),
        db.prepare('DELETE FROM erased_subjects WHERE erased_at < ?1').bind(before),
      ]);
    },
  };
}
