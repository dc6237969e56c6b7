import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiErrorBody, FieldError } from '../shared/api-error';
import { ERROR_CODES, type ErrorCode } from '../shared/error-codes';
import { ERROR_MESSAGES } from '../shared/error-messages';
import type { AppEnv } from './app-env';
import { log } from './logger';

/** The one error class of the Worker: a code from the closed set, rendered by `onError`. */
export class LeadgateError extends HTTPException {
  readonly code: ErrorCode;
  readonly fields: readonly FieldError[] | undefined;
  readonly retryAfter: number | undefined;
  /** What an admin error adds to its body beside the code (a config's issues, a version conflict's versions). */
  readonly detail: ErrorDetail | undefined;

  /**
   * `message` replaces the code's own text where one case of a code needs saying more precisely (e.g. why
   * an Access assertion was refused); it is sent to the client, so it never holds a secret or personal data.
   */
  constructor(code: ErrorCode, options: { fields?: readonly FieldError[]; retryAfter?: number; detail?: ErrorDetail; cause?: unknown; message?: string } = {}) {
    super(ERROR_CODES[code] as ContentfulStatusCode, { message: options.message ?? ERROR_MESSAGES[code], cause: options.cause });
    this.code = code;
    this.fields = options.fields;
    this.retryAfter = options.retryAfter;
    this.detail = options.detail;
  }
}

/** The optional parts of an error body beyond its code, message and fields (see ApiErrorBodySchema). */
export type ErrorDetail = Omit<ApiErrorBody['error'], 'code' | 'message' | 'fields'>;

export function errorBody(code: ErrorCode, fields?: readonly FieldError[], detail?: ErrorDetail, message: string = ERROR_MESSAGES[code]): ApiErrorBody {
  return { error: { code, message, ...(fields?.length ? { fields: [...fields] } : {}), ...detail } };
}

/** Renders every error in the one documented shape; anything unexpected is a logged 500. */
export function onError(err: Error, c: Context<AppEnv>): Response {
  const error =
    err instanceof LeadgateError
      ? err
      : err instanceof HTTPException
        ? new LeadgateError(err.status === 413 ? 'PAYLOAD_TOO_LARGE' : err.status === 404 ? 'NOT_FOUND' : 'INVALID_REQUEST')
        : new LeadgateError('INTERNAL_ERROR', { cause: err });
  if (error.code === 'INTERNAL_ERROR') {
    // The error's name and scrubbed message only: never the request body.
    log('error', 'unhandled_error', c, { error: err.name, detail: err.message });
  }
  c.set('outcome', error.code);
  if (error.retryAfter !== undefined) c.header('Retry-After', String(error.retryAfter));
  return c.json(errorBody(error.code, error.fields, error.detail, error.message), error.status);
}

/** The handler for a known path asked with a method it does not serve. */
export function methodNotAllowed(): never {
  throw new LeadgateError('METHOD_NOT_ALLOWED');
}
