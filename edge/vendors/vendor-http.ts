import { parseRetryAfter } from '../../shared/retry-after';
import { misconfigured, type Outcome, transient, unknown } from './outcome';

/** What came back from a vendor call: an HTTP answer, or no answer at all. */
export type VendorAnswer =
  | { readonly ok: true; readonly status: number; readonly headers: Headers; readonly body: unknown }
  | { readonly ok: false; readonly reason: 'timeout' | 'network' };

/**
 * One vendor request with a hard timeout. The body is parsed as JSON when the
 * vendor says it is JSON; otherwise it is left undefined, never guessed at.
 */
export async function callVendor(url: string, init: RequestInit & { timeoutMs: number }): Promise<VendorAnswer> {
  const { timeoutMs, ...rest } = init;
  let response: Response;
  try {
    response = await fetch(url, { ...rest, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const name = (err as Error | undefined)?.name;
    return { ok: false, reason: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network' };
  }
  let body: unknown;
  try {
    const text = await response.text();
    if (/\bjson\b/i.test(response.headers.get('content-type') ?? '') && text) body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { ok: true, status: response.status, headers: response.headers, body };
}

/** Seconds from a vendor's Retry-After header, if it has a usable value. */
export function retryAfterSeconds(headers: Headers, now = Date.now()): number | undefined {
  return parseRetryAfter(headers.get('retry-after'), now);
}

/**
 * The vendor answers worth another attempt, the same for every vendor: 429
 * and 5xx, with the vendor's Retry-After. Undefined for any other status,
 * which the adapter reads in its vendor's terms.
 */
export function retryableStatus(answer: Extract<VendorAnswer, { ok: true }>): Outcome | undefined {
  if (answer.status === 429) return transient('rate_limited', retryAfterSeconds(answer.headers));
  if (answer.status >= 500) return transient(`status_${answer.status}`, retryAfterSeconds(answer.headers));
  return undefined;
}

/**
 * What an API-key vendor's answer means whatever the call (PerfectGym Next and Classic): no answer
 * or 429/5xx is worth another attempt; 401, 403 and 404 only the operator can fix. Undefined for
 * any other answer, which the adapter reads in its vendor's terms.
 */
export function keyedVendorFailure(answer: VendorAnswer): Outcome | undefined {
  if (!answer.ok) return transient(answer.reason);
  const retry = retryableStatus(answer);
  if (retry) return retry;
  if (answer.status === 401) return misconfigured('VENDOR_AUTH_FAILED');
  if (answer.status === 403) return misconfigured('VENDOR_FORBIDDEN');
  if (answer.status === 404) return misconfigured('VENDOR_NOT_FOUND');
  return undefined;
}

/**
 * The answers to a create call that are worth another attempt. 429 says the vendor
 * did not take the request: transient. No answer, or a 5xx after the body was sent,
 * may hide a stored lead: unknown, so the next attempt reconciles before it creates.
 * Undefined for any other answer, which the adapter reads in its vendor's terms.
 */
export function createCallFailure(answer: VendorAnswer): Outcome | undefined {
  if (!answer.ok) return unknown(answer.reason);
  if (answer.status === 429) return transient('rate_limited', retryAfterSeconds(answer.headers));
  if (answer.status >= 500) return unknown(`status_${answer.status}`, retryAfterSeconds(answer.headers));
  return undefined;
}
