/**
 * The URL if it is an absolute http(s) URL, else undefined: links and
 * redirects from a spec must never become `javascript:` URLs.
 */
export function httpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
