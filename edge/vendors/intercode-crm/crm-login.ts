import { callVendor, retryAfterSeconds } from '../vendor-http';
import type { CrmCredential, LoginRequest, SessionResult } from './crm-session';

// GUESS: the kit's docs name no session lifetime; without an Expires or Max-Age on the cookie a
// session is used this long, and any 401 before that signs in again anyway.
const DEFAULT_SESSION_SECONDS = 30 * 60;
const RENEWAL_MARGIN_SECONDS = 60;

export type LoggedIn = { readonly ok: true; readonly credential: CrmCredential; readonly renewAt: number } | Extract<SessionResult, { ok: false }>;

/** When a `Set-Cookie` line says its cookie ends, from Max-Age or Expires. */
function cookieEnd(line: string, now: number): number | undefined {
  const maxAge = /;\s*max-age=(-?\d+)/i.exec(line)?.[1];
  if (maxAge !== undefined) return now + Number(maxAge) * 1000;
  const expires = /;\s*expires=([^;]+)/i.exec(line)?.[1];
  const at = expires === undefined ? Number.NaN : Date.parse(expires);
  return Number.isNaN(at) ? undefined : at;
}

/**
 * One login of the service account. GUESS: the kit's Auth controller signs a user in with
 * PassportJS's local strategy, `POST /auth/login` with `{email, password}`, and keeps the session
 * in an express-session cookie (any cookie the answer sets is sent back, so its name does not
 * matter). Wrong credentials are the guard's 401.
 */
export async function logIn(request: LoginRequest, now = Date.now()): Promise<LoggedIn> {
  const answer = await callVendor(`${request.baseUrl.replace(/\/+$/, '')}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ email: request.email, password: request.password }),
    timeoutMs: request.timeoutMs,
  });
  if (!answer.ok) return { ok: false, kind: 'unavailable', reason: answer.reason };
  if (answer.status === 401 || answer.status === 403) return { ok: false, kind: 'refused', reason: `login_status_${answer.status}` };
  if (answer.status < 200 || answer.status > 299) {
    const retryAfter = retryAfterSeconds(answer.headers);
    return { ok: false, kind: 'unavailable', reason: `login_status_${answer.status}`, ...(retryAfter !== undefined ? { retryAfter } : {}) };
  }
  const lines = answer.headers.getSetCookie();
  const cookies = lines.map((line) => line.split(';')[0]?.trim() ?? '').filter((pair) => /^[^=\s]+=\S/.test(pair));
  if (cookies.length === 0) return { ok: false, kind: 'unavailable', reason: 'login_without_session' };
  const ends = lines.map((line) => cookieEnd(line, now)).filter((end): end is number => end !== undefined);
  const end = ends.length > 0 ? Math.min(...ends) : now + DEFAULT_SESSION_SECONDS * 1000;
  const renewAt = Math.max(now, end - Math.min(RENEWAL_MARGIN_SECONDS * 1000, (end - now) / 2));
  return { ok: true, credential: { name: 'cookie', value: cookies.join('; ') }, renewAt };
}
