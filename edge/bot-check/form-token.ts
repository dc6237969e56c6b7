const encoder = new TextEncoder();

/** The Worker secret that signs form tokens. */
export const FORM_TOKEN_SECRET = 'LEADGATE_FORM_TOKEN_SECRET';

/** A token older than this is refused: longer than a kept lead waits on a device (7 days). */
export const FORM_TOKEN_MAX_AGE_MS = 8 * 86_400_000;
/** Clocks of the Worker's machines may differ a little; a token from further ahead is forged. */
const CLOCK_SKEW_MS = 60_000;

function base64url(bytes: ArrayBuffer): string {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// The imported key, once per secret and isolate: importing it is most of a signature's cost.
const keys = new Map<string, Promise<CryptoKey>>();

async function signature(secret: string, formId: string, issuedAt: number): Promise<string> {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])));
  return base64url(await crypto.subtle.sign('HMAC', await key, encoder.encode(`leadgate-form-token:v1:${formId}:${issuedAt}`)));
}

/** A token saying "this Worker served form `formId` at `issuedAt`": `v1.<ms>.<HMAC-SHA256>`. */
export async function issueFormToken(secret: string, formId: string, issuedAt = Date.now()): Promise<string> {
  return `v1.${issuedAt}.${await signature(secret, formId, issuedAt)}`;
}

export type FormTokenCheck =
  | { readonly ok: true; readonly ageMs: number }
  | { readonly ok: false; readonly reason: 'missing' | 'malformed' | 'forged' | 'expired' | 'too_fast' };

/** Checks a form token: signed by this Worker for this form, at least `minAgeMs` and at most 8 days old. */
export async function checkFormToken(secret: string, formId: string, token: string | undefined, minAgeMs: number, now = Date.now()): Promise<FormTokenCheck> {
  if (!token) return { ok: false, reason: 'missing' };
  const match = /^v1\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: 'malformed' };
  const issuedAt = Number(match[1]);
  const expected = await signature(secret, formId, issuedAt);
  // Compared in full whatever differs first, so a signature cannot be found byte by byte.
  let difference = 0;
  for (let i = 0; i < expected.length; i++) difference |= expected.charCodeAt(i) ^ match[2]!.charCodeAt(i);
  if (difference !== 0 || issuedAt > now + CLOCK_SKEW_MS) return { ok: false, reason: 'forged' };
  const ageMs = now - issuedAt;
  if (ageMs > FORM_TOKEN_MAX_AGE_MS) return { ok: false, reason: 'expired' };
  if (ageMs < minAgeMs) return { ok: false, reason: 'too_fast' };
  return { ok: true, ageMs };
}
