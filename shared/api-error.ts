import * as v from 'valibot';
import { ERROR_CODES, FIELD_ERROR_CODES } from './error-codes';

export const FieldErrorSchema = v.object({
  field: v.string(),
  code: v.picklist(FIELD_ERROR_CODES),
});
export type FieldError = v.InferOutput<typeof FieldErrorSchema>;

/** The one shape every error response of the Worker has. */
export const ApiErrorBodySchema = v.object({
  error: v.object({
    code: v.picklist(Object.keys(ERROR_CODES) as (keyof typeof ERROR_CODES)[]),
    message: v.string(),
    fields: v.optional(v.array(FieldErrorSchema)),
    /** FORM_CONFIG_INVALID: every problem of the config, each at its key path ("connection.baseUrl"). */
    issues: v.optional(v.array(v.object({ path: v.string(), message: v.string() }))),
    /** FORM_SECRET_MISSING: the names of the Worker secrets the config names and the Worker lacks. */
    secrets: v.optional(v.array(v.string())),
    /** FORM_VERSION_CONFLICT: the version the publish was based on, and the form's version now. */
    expectedVersion: v.optional(v.number()),
    currentVersion: v.optional(v.number()),
  }),
});
export type ApiErrorBody = v.InferOutput<typeof ApiErrorBodySchema>;
