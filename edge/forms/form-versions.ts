import type { FormVersionAction } from '../../shared/admin-forms';

/** One published version of a form's config (D1 `form_versions`). */
export interface FormVersion {
  readonly formId: string;
  readonly version: number;
  /** The form's JSON exactly as published, as forms.json would hold it. */
  readonly config: Record<string, unknown>;
  readonly action: FormVersionAction;
  readonly publishedAt: number;
  readonly publishedBy: string;
  readonly note: string | null;
}

/** A new version to append over `baseVersion`, the version its editor started from. */
export interface NewFormVersion {
  readonly formId: string;
  readonly baseVersion: number;
  readonly config: Record<string, unknown>;
  readonly action: FormVersionAction;
  readonly publishedBy: string;
  readonly note?: string | undefined;
}

interface Row {
  form_id: string;
  version: number;
  config: string;
  action: FormVersionAction;
  published_at: number;
  published_by: string;
  note: string | null;
}

const COLUMNS = 'form_id, version, config, action, published_at, published_by, note';

const fromRow = (row: Row): FormVersion => ({
  formId: row.form_id,
  version: row.version,
  config: JSON.parse(row.config) as Record<string, unknown>,
  action: row.action,
  publishedAt: row.published_at,
  publishedBy: row.published_by,
  note: row.note,
});

/** The version history of the forms published in D1. A form's current config is its highest version. */
export function formVersions(db: D1Database) {
  return {
    /** The form's current published version; undefined when it has none (it is a bundled file's, or does not exist). */
    async current(formId: string): Promise<FormVersion | undefined> {
      const row = await db.prepare(`SELECT ${COLUMNS} FROM form_versions WHERE form_id = ?1 ORDER BY version DESC LIMIT 1`).bind(formId).first<Row>();
      return row ? fromRow(row) : undefined;
    },

    /** Every published form's current version. */
    async currentAll(): Promise<FormVersion[]> {
      const { results } = await db
        .prepare(`SELECT ${COLUMNS} FROM form_versions v WHERE version = (SELECT MAX(version) FROM form_versions WHERE form_id = v.form_id) ORDER BY form_id`)
        .all<Row>();
      return results.map(fromRow);
    },

    /** One version, with its config. */
    async version(formId: string, version: number): Promise<FormVersion | undefined> {
      const row = await db.prepare(`SELECT ${COLUMNS} FROM form_versions WHERE form_id = ?1 AND version = ?2`).bind(formId, version).first<Row>();
      return row ? fromRow(row) : undefined;
    },

    /** The form's versions, newest first. */
    async history(formId: string): Promise<FormVersion[]> {
      const { results } = await db.prepare(`SELECT ${COLUMNS} FROM form_versions WHERE form_id = ?1 ORDER BY version DESC`).bind(formId).all<Row>();
      return results.map(fromRow);
    },

    /**
     * Appends `baseVersion + 1`, only while `baseVersion` is still the form's
     * current version (0: none published yet). Two editors publishing over the
     * same version: the second finds the condition false, or loses the insert
     * race on the primary key, and gets the version that won instead.
     */
    async append(entry: NewFormVersion, now = Date.now()): Promise<{ ok: true; version: number } | { ok: false; currentVersion: number }> {
      const version = entry.baseVersion + 1;
      let changes = 0;
      try {
        const result = await db
          .prepare(
            `INSERT INTO form_versions (${COLUMNS}) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7
             WHERE COALESCE((SELECT MAX(version) FROM form_versions WHERE form_id = ?1), 0) = ?8`,
          )
          .bind(entry.formId, version, JSON.stringify(entry.config), entry.action, now, entry.publishedBy, entry.note ?? null, entry.baseVersion)
          .run();
        changes = result.meta.changes;
      } catch (error) {
        if (!/UNIQUE|PRIMARY KEY|constraint/i.test((error as Error).message)) throw error;
      }
      if (changes === 1) return { ok: true, version };
      return { ok: false, currentVersion: (await this.current(entry.formId))?.version ?? 0 };
    },
  };
}
