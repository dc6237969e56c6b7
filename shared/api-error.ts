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
  }),
});
export type ApiErrorBody = v.InferOutput<typeof ApiErrorBodySchema>;
