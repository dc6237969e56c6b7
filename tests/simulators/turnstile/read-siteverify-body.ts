/** The siteverify parameters as sent; absent ones are undefined. */
export interface SiteverifyParams {
  readonly secret?: string;
  readonly response?: string;
  readonly remoteip?: string;
  readonly idempotency_key?: string;
}

const PARAMS = ['secret', 'response', 'remoteip', 'idempotency_key'] as const;

/** The media type of a Content-Type header, lower-cased, without parameters. */
export const mediaType = (contentType: string | undefined) => (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

function fromEntries(get: (name: string) => unknown): SiteverifyParams | 'bad-request' {
  const params: Record<string, string> = {};
  for (const name of PARAMS) {
    const value = get(name);
    if (value === undefined || value === null) continue;
    // GUESS: a parameter that is no string (a JSON number, an uploaded file) makes the request malformed.
    if (typeof value !== 'string') return 'bad-request';
    params[name] = value;
  }
  return params;
}

/**
 * Reads siteverify's parameters. FACT: it accepts `application/x-www-form-urlencoded` and
 * `application/json`; Cloudflare's own Workers example posts a `FormData`, so
 * `multipart/form-data` is accepted too. GUESS: any other body, or JSON that is no object, is
 * `bad-request`.
 *
 * @example
 * const params = await readSiteverifyBody(c.req.header('content-type'), await c.req.text());
 * if (params === 'bad-request') return c.json(siteverifyFailure('bad-request'));
 */
export async function readSiteverifyBody(contentType: string | undefined, text: string): Promise<SiteverifyParams | 'bad-request'> {
  switch (mediaType(contentType)) {
    case 'application/x-www-form-urlencoded': {
      const form = new URLSearchParams(text);
      return fromEntries((name) => form.get(name) ?? undefined);
    }
    case 'application/json': {
      let body: unknown;
      try {
        body = JSON.parse(text) as unknown;
      } catch {
        return 'bad-request';
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'bad-request';
      return fromEntries((name) => (body as Record<string, unknown>)[name]);
    }
    case 'multipart/form-data': {
      let form: FormData;
      try {
        form = await new Response(text, { headers: { 'Content-Type': contentType ?? '' } }).formData();
      } catch {
        return 'bad-request';
      }
      return fromEntries((name) => form.get(name) ?? undefined);
    }
    default:
      return 'bad-request';
  }
}

/**
 * A multipart body with the values of `fields` replaced, so a logged `FormData` siteverify call
 * shows no secret; sim-kit redacts JSON and form-encoded bodies itself.
 */
export function redactMultipart(text: string, fields: readonly string[]): string {
  let redacted = text;
  for (const field of fields) {
    const part = new RegExp(`(content-disposition:[^\\r\\n]*\\bname="${field}"[^\\r\\n]*\\r?\\n(?:[^\\r\\n]+\\r?\\n)*\\r?\\n)[^\\r\\n]*`, 'gi');
    redacted = redacted.replace(part, '$1[redacted]');
  }
  return redacted;
}
