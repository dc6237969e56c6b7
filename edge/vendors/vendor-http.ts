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

/** Seconds from a Retry-After header (seconds or an HTTP date), if it has a usable value. */
export function retryAfterSeconds(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
