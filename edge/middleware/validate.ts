import { vValidator } from '@hono/valibot-validator';
import type { ValidationTargets } from 'hono';
import * as v from 'valibot';
import type { ErrorCode } from '../../shared/error-codes';
import { LeadgateError } from '../errors';

/**
 * Hono's validator middleware with a valibot schema: the request's `target`
 * must match `schema`, else `code` (from the closed set) is thrown for
 * `onError` to render. The handler reads the schema's output with
 * `c.req.valid(target)`. valibot's issues quote the input, so they never reach
 * a response or a log.
 *
 * @example
 * app.post('/v1/forms/:formId/leads', jsonBody({ maxBytes }), validate('json', SubmissionRequestSchema, 'INVALID_REQUEST'), submitLead);
 */
export const validate = <Target extends keyof ValidationTargets, Schema extends v.GenericSchema>(target: Target, schema: Schema, code: ErrorCode) =>
  vValidator(target, schema, (result) => {
    if (!result.success) throw new LeadgateError(code);
  });

/**
 * A query parameter as `c.req.query(name)` reads it: Hono hands a validator a
 * repeated parameter as an array, and the first value is the one that counts.
 */
export const QueryValueSchema = v.pipe(
  v.union([v.string(), v.array(v.string())]),
  v.transform((value) => (typeof value === 'string' ? value : (value[0] ?? ''))),
);
