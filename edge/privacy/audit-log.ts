/** One admin action, as the audit log keeps it: ids, codes and counts, never personal data. */
export interface AdminAction {
  /** 'admin' for the global token, 'token:<id>' for a scoped one. */
  readonly actor: string;
  readonly action: string;
  readonly formId?: string | undefined;
  /** What the action was aimed at: 'submission:<id>', 'email', 'token:<id>'; never an address. */
  readonly target?: string | undefined;
  readonly count?: number | undefined;
  readonly requestId?: string | undefined;
}

/** Appends an admin action to the audit log (D1 `admin_audit`). */
export async function recordAdminAction(db: D1Database, entry: AdminAction, now = Date.now()): Promise<void> {
  await db
    .prepare('INSERT INTO admin_audit (at, actor, action, form_id, target, count, request_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)')
    .bind(now, entry.actor, entry.action, entry.formId ?? null, entry.target ?? null, entry.count ?? null, entry.requestId ?? null)
    .run();
}
