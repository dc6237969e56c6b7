/**
 * The signature of an alert webhook call, in Stripe's scheme
 * (https://docs.stripe.com/webhooks#verify-manually):
 * `Leadgate-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.
 * The timestamp is signed with the body, so a receiver that refuses old
 * timestamps cannot be fed a recorded call again later.
 */
export const SIGNATURE_HEADER = 'Leadgate-Signature';
/** The event's id, the same on every retry: a receiver drops an id it has seen. */
export const EVENT_ID_HEADER = 'Leadgate-Event-Id';

/** Stripe's libraries and docs default to five minutes; so does the README's receiver. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const encoder = new TextEncoder();

async function hmacHex(secret: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(text)));
  return Array.from(mac, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The `Leadgate-Signature` value for `body` sent at `timestampSeconds`. */
export async function signWebhook(secret: string, timestampSeconds: number, body: string): Promise<string> {
  return `t=${timestampSeconds},v1=${await hmacHex(secret, `${timestampSeconds}.${body}`)}`;
}

function equalInConstantTime(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/**
 * Whether `header` signs `body` with `secret` at a time within the tolerance of `nowSeconds`:
 * what a receiver checks (the README shows the same for a relay Worker). Any `v1` may match,
 * as Stripe's receivers allow, so a secret can be rolled with two signatures at once.
 */
export async function verifyWebhookSignature(
  header: string | null,
  body: string,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): Promise<boolean> {
  if (!header) return false;
  const parts = header.split(',').map((part) => part.trim().split('='));
  const t = parts.find(([key]) => key === 't')?.[1];
  const signatures = parts.filter(([key, value]) => key === 'v1' && value).map(([, value]) => value as string);
  if (!t || !/^\d{1,12}$/.test(t) || signatures.length === 0) return false;
  if (Math.abs(nowSeconds - Number(t)) > toleranceSeconds) return false;
  const expected = await hmacHex(secret, `${t}.${body}`);
  return signatures.some((signature) => equalInConstantTime(signature, expected));
}
