import { type AdminTokenSummary, SCOPED_TOKEN_PREFIX } from '../../shared/admin-tokens';
import { HASH_KEY_SECRET, keyedHash } from '../privacy/keyed-hash';
import { workerSecret } from '../worker-secret';

/** A scoped token that opens the admin API for its forms only. */
export interface ScopedToken {
  readonly id: string;
  readonly forms: readonly string[];
}

interface TokenRow {
  id: string;
  forms_json: string;
  label: string | null;
  created_at: number;
  revoked_at: number | null;
  last_used_at: number | null;
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function summary(row: TokenRow): AdminTokenSummary {
  return {
    id: row.id,
    forms: JSON.parse(row.forms_json) as string[],
    label: row.label,
    createdAt: iso(row.created_at)!,
    revokedAt: iso(row.revoked_at),
    lastUsedAt: iso(row.last_used_at),
  };
}

/** The keyed hash a token is stored and found by: without LEADGATE_HASH_KEY, a copy of D1 cannot be matched against guesses. */
const tokenHash = (env: Env, token: string) => keyedHash(workerSecret(env, HASH_KEY_SECRET), 'admin-token', token);

/**
 * Scoped admin tokens in D1 (`admin_tokens`): created with a random secret
 * (256 bits) that is returned once and stored only as its keyed hash; listed
 * without secrets; revoked for good.
 */
export function adminTokenStore(env: Env) {
  const db = env.DB;
  return {
    async create(forms: readonly string[], label: string | undefined, now = Date.now()): Promise<AdminTokenSummary & { token: string }> {
      const id = hex(crypto.getRandomValues(new Uint8Array(8)));
      const token = `${SCOPED_TOKEN_PREFIX}${base64url(crypto.getRandomValues(new Uint8Array(32)))}`;
      const row: TokenRow = {
        id,
        forms_json: JSON.stringify([...new Set(forms)]),
        label: label || null,
        created_at: now,
        revoked_at: null,
        last_used_at: null,
      };
      await db
        .prepare('INSERT INTO admin_tokens (id, token_hash, forms_json, label, created_at) VALUES (?1, ?2, ?3, ?4, ?5)')
        .bind(row.id, await tokenHash(env, token), row.forms_json, row.label, row.created_at)
        .run();
      return { token, ...summary(row) };
    },

    async list(): Promise<AdminTokenSummary[]> {
      const { results } = await db
        .prepare('SELECT id, forms_json, label, created_at, revoked_at, last_used_at FROM admin_tokens ORDER BY created_at DESC, id')
        .all<TokenRow>();
      return results.map(summary);
    },

    /** Revokes a token; false when there is no such token (or it was revoked already). */
    async revoke(id: string, now = Date.now()): Promise<boolean> {
      const result = await db.prepare('UPDATE admin_tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL').bind(id, now).run();
      return result.meta.changes > 0;
    },

    /** Whether a token with this id exists, revoked or not. */
    async exists(id: string): Promise<boolean> {
      return (await db.prepare('SELECT 1 FROM admin_tokens WHERE id = ?1').bind(id).first()) !== null;
    },

    /** The live (not revoked) token this secret is, noting its use; undefined for any other string. */
    async verify(token: string, now = Date.now()): Promise<ScopedToken | undefined> {
      if (!token.startsWith(SCOPED_TOKEN_PREFIX)) return undefined;
      const row = await db
        .prepare('UPDATE admin_tokens SET last_used_at = ?2 WHERE token_hash = ?1 AND revoked_at IS NULL RETURNING id, forms_json')
        .bind(await tokenHash(env, token), now)
        .first<{ id: string; forms_json: string }>();
      return row ? { id: row.id, forms: JSON.parse(row.forms_json) as string[] } : undefined;
    },
  };
}
