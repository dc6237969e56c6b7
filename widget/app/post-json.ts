import * as v from 'valibot';
import { FieldErrorSchema, type FieldError } from '../../shared/api-error';
import { isErrorCode, type ErrorCode } from '../../shared/error-codes';
import { parseRetryAfter } from '../../shared/retry-after';

export { parseRetryAfter };

/** Why a send failed: a Worker error code, or `NETWORK` when no answer arrived. */
export type FailureCode = ErrorCode | 'NETWORK';

/** Every way a POST to the Worker can go wrong, as the forms show it. */
export type PostFailure =
  | { readonly kind: 'invalid'; readonly fields: readonly FieldError[] }
  | { readonly kind: 'failed'; readonly code: FailureCode; readonly retryAfter?: number };

export type PostAnswer = { readonly kind: 'ok'; readonly body: unknown } | PostFailure;

export interface PostJsonOptions {
  readonly url: string;
  /** Sent as JSON. */
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

// For answers without a code we know (a proxy's error page, a newer Worker's code).
function codeForStatus(status: number): ErrorCode {
  if (status === 503) return 'VENDOR_UNAVAILABLE';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'PROFILE_NOT_AVAILABLE';
  return 'INTERNAL_ERROR';
}

const ErrorFieldsSchema = v.object({ error: v.object({ fields: v.array(FieldErrorSchema) }) });

function errorCode(body: unknown, status: number): ErrorCode {
  const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
  return isErrorCode(code) ? code : codeForStatus(status);
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/**
 * POSTs JSON to the Worker without cookies and reads its answer. Never throws:
 * no answer at all is `NETWORK`, a 2xx hands its body on, and an error is read
 * from the Worker's one error shape.
 */
export async function postJson(options: PostJsonOptions): Promise<PostAnswer> {
  const { url, body, headers = {}, fetch: send = fetch, timeoutMs = 30_000 } = options;
  let response: Response;
  try {
    response = await send(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
      credentials: 'omit',
      // AbortSignal.timeout is missing before Safari 16; there the browser's own timeout applies.
      signal: typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(timeoutMs) : null,
    });
  } catch {
    return { kind: 'failed', code: 'NETWORK' };
  }
  const answer = await readJson(response);
  if (response.ok) return { kind: 'ok', body: answer };
  const code = errorCode(answer, response.status);
  const fields = v.safeParse(ErrorFieldsSchema, answer);
  if (code === 'VALIDATION_FAILED' && fields.success && fields.output.error.fields.length > 0) {
    return { kind: 'invalid', fields: fields.output.error.fields };
  }
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  return retryAfter === undefined ? { kind: 'failed', code } : { kind: 'failed', code, retryAfter };
}
