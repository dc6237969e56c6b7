import * as v from 'valibot';

// The admin API's wire types for forms at run time (`/v1/admin/forms/:formId/config…`):
// what the CLI (`npm run forms`) and the console send and read.

/** How a version came to be: an edit, a return to an earlier version, or `npm run forms -- import`. */
export const FORM_VERSION_ACTIONS = ['publish', 'rollback', 'import'] as const;
export type FormVersionAction = (typeof FORM_VERSION_ACTIONS)[number];

/** One problem of a form config: the key path (`connection.baseUrl`, empty for the whole config) and what is expected there. */
export const FormConfigIssueSchema = v.object({ path: v.string(), message: v.string() });
export type FormConfigIssue = v.InferOutput<typeof FormConfigIssueSchema>;

const VersionSchema = v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(0, 'must be 0 or more'));
const NoteSchema = v.pipe(v.string('must be a string'), v.maxLength(500, 'must be at most 500 characters'));
const ConfigSchema = v.record(v.string(), v.unknown(), 'must be the form config, a JSON object');

/**
 * A publish: the config, and the version it was edited from (0 for a form that
 * is only in a bundled file, or new). `action: "import"` marks a publish by the
 * import command in the history.
 */
export const PublishFormRequestSchema = v.strictObject({
  baseVersion: VersionSchema,
  config: ConfigSchema,
  note: v.optional(NoteSchema),
  action: v.optional(v.picklist(['publish', 'import'], 'must be "publish" or "import"')),
});
export type PublishFormRequest = v.InferInput<typeof PublishFormRequestSchema>;

/** Check or preview a draft: nothing is stored. */
export const DraftFormRequestSchema = v.strictObject({ config: ConfigSchema, locale: v.optional(v.string('must be a string')) });
export type DraftFormRequest = v.InferInput<typeof DraftFormRequestSchema>;

/** Publish an earlier version's config again, as a new version. */
export const RollbackFormRequestSchema = v.strictObject({
  version: v.pipe(VersionSchema, v.minValue(1, 'must be 1 or more')),
  baseVersion: VersionSchema,
  note: v.optional(NoteSchema),
});
export type RollbackFormRequest = v.InferInput<typeof RollbackFormRequestSchema>;

/**
 * A form's current config. `source: "file"` (version 0) is a form only in a
 * bundled forms file; `"published"` one whose config was published through
 * the admin API, overriding the bundled form of the same id.
 */
export const FormConfigViewSchema = v.object({
  formId: v.string(),
  version: v.number(),
  source: v.picklist(['file', 'published']),
  config: v.record(v.string(), v.unknown()),
  publishedAt: v.nullable(v.string()),
  publishedBy: v.nullable(v.string()),
  /** Worker secrets the config names and this Worker lacks: the form cannot work until they are set. */
  missingSecrets: v.array(v.string()),
});
export type FormConfigView = v.InferOutput<typeof FormConfigViewSchema>;

/** A publish's answer: the form as it now stands, and whether anything changed (an identical config is not a new version). */
export const PublishFormResultSchema = v.object({ ...FormConfigViewSchema.entries, changed: v.boolean() });
export type PublishFormResult = v.InferOutput<typeof PublishFormResultSchema>;

export const FormConfigCheckSchema = v.object({ ok: v.boolean(), issues: v.array(FormConfigIssueSchema), missingSecrets: v.array(v.string()) });
export type FormConfigCheck = v.InferOutput<typeof FormConfigCheckSchema>;

export const FormVersionSummarySchema = v.object({
  version: v.number(),
  action: v.picklist(FORM_VERSION_ACTIONS),
  publishedAt: v.string(),
  publishedBy: v.string(),
  note: v.nullable(v.string()),
});
export type FormVersionSummary = v.InferOutput<typeof FormVersionSummarySchema>;

export const FormVersionListSchema = v.object({ versions: v.array(FormVersionSummarySchema) });
export type FormVersionList = v.InferOutput<typeof FormVersionListSchema>;

export const FormVersionDetailSchema = v.object({ ...FormVersionSummarySchema.entries, formId: v.string(), config: v.record(v.string(), v.unknown()) });
export type FormVersionDetail = v.InferOutput<typeof FormVersionDetailSchema>;

export const SpecCachePurgeSchema = v.object({ purged: v.literal(true) });
export type SpecCachePurge = v.InferOutput<typeof SpecCachePurgeSchema>;
