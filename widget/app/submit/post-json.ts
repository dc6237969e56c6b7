import type { FieldError } from '../../../shared/api-error';
import { type ErrorCode, FIELD_ERROR_CODES, isErrorCode } from '../../../shared/error-codes';
import { parseRetryAfter } from '../../../shared/retry-after';

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

/** The field errors of a VALIDATION_FAILED answer, if it has readable ones. */
function fieldErrors(body: unknown): FieldError[] | undefined {
  const fields = (body as { error?: { fields?: unknown } } | undefined)?.error?.fields;
  const readable =
    Array.isArray(fields) &&
    fields.every((f: Partial<FieldError> | null) => typeof f?.field === 'string' && (FIELD_ERROR_CODES as readonly unknown[]).includes(f.code));
  return readable && fields.length > 0 ? (fields as FieldError[]) : undefined;
}

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
  const fields = code === 'VALIDATION_FAILED' ? fieldErrors(answer) : undefined;
  if (fields) return { kind: 'invalid', fields };
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  return retryAfter === undefined ? { kind: 'failed', code } : { kind: 'failed', code, retryAfter };
}
