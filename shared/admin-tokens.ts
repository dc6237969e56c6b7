import * as v from 'valibot';

/** A scoped token's id: 16 lower-case hex digits. Not a secret; it names the token in lists, audit entries and revocation. */
export const AdminTokenIdSchema = v.pipe(v.string(), v.regex(/^[0-9a-f]{16}$/));

/** What a scoped admin token starts with, so a leaked one is recognisable (secret scanners, logs). */
export const SCOPED_TOKEN_PREFIX = 'lgt_';

/** The most forms one scoped token may name. */
export const MAX_TOKEN_FORMS = 200;

const FormIdSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(100), v.regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/));

/** `POST /v1/admin/tokens` (global token only): a token for these forms. */
export const CreateAdminTokenRequestSchema = v.strictObject({
  forms: v.pipe(v.array(FormIdSchema), v.minLength(1), v.maxLength(MAX_TOKEN_FORMS)),
  label: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100))),
});
export type CreateAdminTokenRequest = v.InferOutput<typeof CreateAdminTokenRequestSchema>;

/** A scoped token as lists show it: never the token, nor its hash. Times are ISO 8601. */
export const AdminTokenSummarySchema = v.object({
  id: v.string(),
  forms: v.array(v.string()),
  label: v.nullable(v.string()),
  createdAt: v.string(),
  revokedAt: v.nullable(v.string()),
  lastUsedAt: v.nullable(v.string()),
});
export type AdminTokenSummary = v.InferOutput<typeof AdminTokenSummarySchema>;

/** The answer to a create: the token itself, shown this once and never again. */
export const CreatedAdminTokenSchema = v.object({ token: v.string(), ...AdminTokenSummarySchema.entries });
export type CreatedAdminToken = v.InferOutput<typeof CreatedAdminTokenSchema>;

/** `GET /v1/admin/tokens`: every scoped token, revoked ones too, newest first. */
export const AdminTokenListSchema = v.object({ tokens: v.array(AdminTokenSummarySchema) });
export type AdminTokenList = v.InferOutput<typeof AdminTokenListSchema>;

/** `DELETE /v1/admin/tokens/:id`: the token no longer opens anything. */
export const RevokedAdminTokenSchema = v.object({ id: v.string(), revokedAt: v.string() });
export type RevokedAdminToken = v.InferOutput<typeof RevokedAdminTokenSchema>;
