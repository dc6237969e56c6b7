import * as v from 'valibot';
import { callVendor, retryAfterSeconds } from '../vendor-http';
import { renewalMarginSeconds, type TokenRequest, type TokenResult } from './token-request';

const TokenResponseSchema = v.object({
  access_token: v.pipe(v.string(), v.minLength(1)),
  expires_in: v.pipe(v.number(), v.minValue(1)),
});
const TokenErrorSchema = v.object({ error: v.string() });

export type FetchedToken = { readonly ok: true; readonly accessToken: string; readonly renewAt: number } | Extract<TokenResult, { ok: false }>;

/** One client-credentials grant at Keycloak for one club (`x-represent-club-id`). */
export async function fetchToken(request: TokenRequest, now = Date.now()): Promise<FetchedToken> {
  const body = new URLSearchParams({ client_id: request.clientId, client_secret: request.clientSecret, grant_type: 'client_credentials' });
  const answer = await callVendor(request.tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', 'x-represent-club-id': String(request.clubId) },
    body: body.toString(),
    timeoutMs: request.timeoutMs,
  });
  if (!answer.ok) return { ok: false, kind: 'unavailable', reason: answer.reason };
  if (answer.status === 200) {
    const token = v.safeParse(TokenResponseSchema, answer.body);
    if (!token.success) return { ok: false, kind: 'unavailable', reason: 'unreadable_token' };
    const lifetime = token.output.expires_in - renewalMarginSeconds(token.output.expires_in);
    return { ok: true, accessToken: token.output.access_token, renewAt: now + lifetime * 1000 };
  }
  const error = v.safeParse(TokenErrorSchema, answer.body);
  // Keycloak's answer to wrong credentials: retrying cannot help, an operator must act.
  if (error.success && (error.output.error === 'invalid_client' || error.output.error === 'unauthorized_client')) {
    return { ok: false, kind: 'invalid_client', reason: error.output.error };
  }
  // GUESS (the doc names no token error): any other refusal (unsupported_grant_type, invalid_scope,
  // invalid_request, a wrong token URL) comes back the same however often it is asked: only the operator can change it.
  if (answer.status >= 400 && answer.status < 500 && answer.status !== 408 && answer.status !== 429) {
    return { ok: false, kind: 'refused', reason: error.success ? error.output.error : `token_status_${answer.status}` };
  }
  const retryAfter = retryAfterSeconds(answer.headers);
  return { ok: false, kind: 'unavailable', reason: `token_status_${answer.status}`, ...(retryAfter !== undefined ? { retryAfter } : {}) };
}
