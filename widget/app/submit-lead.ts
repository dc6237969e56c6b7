import * as v from 'valibot';
import { FieldErrorSchema, type FieldError } from '../../shared/api-error';
import { isErrorCode, type ErrorCode } from '../../shared/error-codes';
import type { Lead } from '../../shared/lead';
import { IDEMPOTENCY_HEADER, SubmissionResultSchema } from '../../shared/submission';

/** Why a send failed: a Worker error code, or `NETWORK` when no answer arrived. */
export type FailureCode = ErrorCode | 'NETWORK';

export type SubmitOutcome =
  | { readonly kind: 'delivered'; readonly submissionId: string }
  | { readonly kind: 'duplicate'; readonly submissionId: string }
  | { readonly kind: 'invalid'; readonly fields: readonly FieldError[] }
  | { readonly kind: 'failed'; readonly code: FailureCode; readonly retryAfter?: number };

export interface SubmitLeadOptions {
  /** The Worker's origin, e.g. `https://forms.leadgate.example`. */
  readonly origin: string;
  readonly formId: string;
  readonly lead: Lead;
  /** The same key for every attempt at sending the same lead. */
  readonly idempotencyKey: string;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

// Sending again with the same key cannot create a second lead, so these are worth a retry.
const RETRYABLE: ReadonlySet<FailureCode> = new Set<FailureCode>(['NETWORK', 'VENDOR_UNAVAILABLE', 'INTERNAL_ERROR']);

export function isRetryable(code: FailureCode): boolean {
  return RETRYABLE.has(code);
}

/** Seconds from a Retry-After header (seconds or an HTTP date); undefined if absent or unreadable. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

// For answers without a code we know (a proxy's error page, a newer Worker's code).
function codeForStatus(status: number): ErrorCode {
  if (status === 503) return 'VENDOR_UNAVAILABLE';
  if (status === 404) return 'NOT_FOUND';
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
 * POSTs a lead to the Worker and reads its answer. Never throws: every way a
 * send can end, including no answer at all, is one of the outcomes.
 */
export async function submitLead(options: SubmitLeadOptions): Promise<SubmitOutcome> {
  const { origin, formId, lead, idempotencyKey, fetch: send = fetch, timeoutMs = 30_000 } = options;
  let response: Response;
  try {
    response = await send(`${origin}/v1/forms/${encodeURIComponent(formId)}/leads`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [IDEMPOTENCY_HEADER]: idempotencyKey },
      body: JSON.stringify({ lead }),
      credentials: 'omit',
      // AbortSignal.timeout is missing before Safari 16; there the browser's own timeout applies.
      signal: typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(timeoutMs) : null,
    });
  } catch {
    return { kind: 'failed', code: 'NETWORK' };
  }
  const body = await readJson(response);
  if (response.ok) {
    const result = v.safeParse(SubmissionResultSchema, body);
    // A success we cannot read is not one we can promise the visitor; the same key makes a retry safe.
    if (!result.success) return { kind: 'failed', code: 'INTERNAL_ERROR' };
    return { kind: result.output.status, submissionId: result.output.submissionId };
  }
  const code = errorCode(body, response.status);
  const fields = v.safeParse(ErrorFieldsSchema, body);
  if (code === 'VALIDATION_FAILED' && fields.success && fields.output.error.fields.length > 0) {
    return { kind: 'invalid', fields: fields.output.error.fields };
  }
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  return retryAfter === undefined ? { kind: 'failed', code } : { kind: 'failed', code, retryAfter };
}
