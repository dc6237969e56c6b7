/**
 * Whether `origin` matches one of a form's allowed origins: exactly, or as a
 * subdomain of a `https://*.gym.example` pattern (never the bare domain itself).
 */
export function isAllowedOrigin(patterns: readonly string[], origin: string | undefined | null): boolean {
  if (!origin) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin.toLowerCase().replace(/\/$/, '')) return false;
  return patterns.some((pattern) => {
    const wildcard = /^(https?:\/\/)\*\.(.+)$/.exec(pattern);
    if (!wildcard) return pattern === url.origin;
    const [, scheme, rest] = wildcard;
    const suffix = `.${rest}`;
    const hostAndPort = url.origin.slice(url.protocol.length + 2);
    return url.origin.startsWith(scheme!) && hostAndPort.endsWith(suffix) && hostAndPort.length > suffix.length;
  });
}

/**
 * Whether a bare hostname (as a challenge provider reports where it was solved)
 * belongs to one of the patterns, ignoring their scheme and port.
 */
export function isAllowedHostname(patterns: readonly string[], hostname: string): boolean {
  const host = hostname.toLowerCase();
  return patterns.some((pattern) => {
    const match = /^https?:\/\/(\*\.)?([^:/]+)/.exec(pattern);
    if (!match) return false;
    const [, wildcard, rest] = match;
    return wildcard ? host.endsWith(`.${rest}`) && host.length > rest!.length + 1 : host === rest;
  });
}
