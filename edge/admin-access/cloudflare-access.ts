import { Jwt } from 'hono/utils/jwt';
import * as v from 'valibot';

/**
 * Cloudflare Access in front of the operator API: the assertion Access adds to every request it let
 * through (`Cf-Access-Jwt-Assertion`), verified as
 * https://developers.cloudflare.com/cloudflare-one/identity/authorization-cookie/validating-json/ says:
 * RS256 against the team's keys at `https://<team>.cloudflareaccess.com/cdn-cgi/access/certs`, the
 * application's AUD tag in `aud`, the team in `iss`, and the token's lifetime.
 */
export const ACCESS_ASSERTION_HEADER = 'Cf-Access-Jwt-Assertion';

/** Where one Worker's Access application lives; from the vars ACCESS_TEAM_DOMAIN, ACCESS_AUD and (locally) ACCESS_CERTS_URL. */
export interface AccessConfig {
  /** `https://<team>.cloudflareaccess.com`, exactly as Access writes `iss`. */
  readonly issuer: string;
  /** The application's Application Audience (AUD) tag. */
  readonly audience: string;
  readonly certsUrl: string;
}

/** Why an assertion was refused; the text is the 401's message, so it names no key material and no claim values. */
export const ACCESS_REFUSALS = {
  malformed: 'The Cf-Access-Jwt-Assertion header is not a JWT.',
  algorithm: 'The Cloudflare Access assertion must be signed with RS256 and name its key (kid).',
  'unknown-key': "The Cloudflare Access assertion is signed with a key that is not among the team's keys.",
  signature: 'The Cloudflare Access assertion has an invalid signature.',
  audience: "The Cloudflare Access assertion is for another application: its aud does not hold this Worker's ACCESS_AUD.",
  issuer: "The Cloudflare Access assertion is from another team: its iss is not this Worker's ACCESS_TEAM_DOMAIN.",
  expired: 'The Cloudflare Access assertion has expired; sign in through Access again.',
  'not-yet-valid': 'The Cloudflare Access assertion is not valid yet (nbf or iat lies in the future).',
  'no-subject': 'The Cloudflare Access assertion names no user (sub) or service token (common_name).',
  'keys-unavailable': "The Cloudflare Access team's signing keys cannot be fetched right now; try again in a moment.",
} as const;

export type AccessRefusal = keyof typeof ACCESS_REFUSALS;

export class AccessDenied extends Error {
  constructor(readonly reason: AccessRefusal) {
    super(ACCESS_REFUSALS[reason]);
    this.name = 'AccessDenied';
  }
}

// GUESS: the docs name no clock skew; Cloudflare's edge and the Worker share Cloudflare's clocks, so half a minute is plenty.
export const CLOCK_LEEWAY_SECONDS = 30;
// GUESS: the docs do not say how long to keep the keys. Access rotates every 6 weeks and keeps the old key valid for 7 days,
// and a kid we do not know refetches at once, so an hour only bounds how long a key Cloudflare withdrew early stays trusted.
const KEYS_TTL_MS = 60 * 60_000;
// GUESS: at most one refetch for unknown kids per 2 s and per isolate, so made-up kids cannot turn into a flood of fetches
// (each one also counts toward the login lockout); a genuinely rotated key is accepted within 2 s.
const REFETCH_MIN_MS = 2_000;

/** The Access application from the Worker's vars, or undefined when Access is off (then the header is ignored). */
export function accessConfig(env: Env): AccessConfig | undefined {
  const vars = env as unknown as Record<string, unknown>;
  const team = typeof vars.ACCESS_TEAM_DOMAIN === 'string' ? vars.ACCESS_TEAM_DOMAIN.trim() : '';
  const audience = typeof vars.ACCESS_AUD === 'string' ? vars.ACCESS_AUD.trim() : '';
  if (team === '' || audience === '') return undefined;
  // Cloudflare's own examples write the team domain with and without the scheme; iss always has it.
  const issuer = `https://${team.replace(/^https?:\/\//, '').replace(/\/+$/, '')}`;
  const override = typeof vars.ACCESS_CERTS_URL === 'string' ? vars.ACCESS_CERTS_URL.trim() : '';
  return { issuer, audience, certsUrl: override === '' ? `${issuer}/cdn-cgi/access/certs` : override };
}

const RsaJwkSchema = v.looseObject({
  kid: v.pipe(v.string(), v.minLength(1)),
  kty: v.literal('RSA'),
  n: v.string(),
  e: v.string(),
  alg: v.optional(v.string()),
});
// Cloudflare's certs also carry `public_cert`/`public_certs` (PEM); the JWKs in `keys` are all a Worker needs.
const CertsSchema = v.looseObject({ keys: v.array(v.unknown()) });

interface KeySet {
  readonly keys: ReadonlyMap<string, CryptoKey>;
  readonly fetchedAt: number;
}

/** Each certs URL's keys, per isolate: imported once, refetched on an unknown kid or after KEYS_TTL_MS. */
const keySets = new Map<string, KeySet>();
const pending = new Map<string, Promise<KeySet>>();

async function fetchKeys(certsUrl: string, now: number): Promise<KeySet> {
  // GUESS: 5 s; the docs give no figure, and an operator's request waits for this fetch.
  const response = await fetch(certsUrl, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`certs answered ${response.status}`);
  const certs = v.parse(CertsSchema, await response.json());
  const keys = new Map<string, CryptoKey>();
  for (const entry of certs.keys) {
    const jwk = v.safeParse(RsaJwkSchema, entry);
    if (!jwk.success || (jwk.output.alg !== undefined && jwk.output.alg !== 'RS256')) continue;
    const { kid, kty, n, e } = jwk.output;
    // One key WebCrypto cannot read leaves the others usable.
    const key = await crypto.subtle
      .importKey('jwk', { kty, n, e, ext: true }, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify'])
      .catch(() => undefined);
    if (key) keys.set(kid, key);
  }
  return { keys, fetchedAt: now };
}

/** The key for `kid`, fetching the certs when there are none, they are old, or (at most every REFETCH_MIN_MS) the kid is new. */
async function keyFor(certsUrl: string, kid: string, now: number): Promise<CryptoKey | undefined> {
  const cached = keySets.get(certsUrl);
  const known = cached?.keys.get(kid);
  const fresh = cached !== undefined && now - cached.fetchedAt < KEYS_TTL_MS;
  if (known && fresh) return known;
  if (cached && fresh && now - cached.fetchedAt < REFETCH_MIN_MS) return undefined;
  let inFlight = pending.get(certsUrl);
  if (!inFlight) {
    // One fetch per isolate however many requests wait for it.
    inFlight = fetchKeys(certsUrl, now).finally(() => pending.delete(certsUrl));
    pending.set(certsUrl, inFlight);
  }
  try {
    const fetched = await inFlight;
    keySets.set(certsUrl, fetched);
    return fetched.keys.get(kid);
  } catch {
    // GUESS: keys that are merely old keep working while Cloudflare's certs cannot be fetched (stale-if-error).
    if (cached?.keys.has(kid)) return cached.keys.get(kid);
    throw new AccessDenied('keys-unavailable');
  }
}

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
// A user's sub is a UUID, a service token's common_name its Client ID: neither holds an '@', so an e-mail never becomes an actor.
const ACTOR_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Who an assertion signs in: its claims checked after its signature, in this order. */
function actorOf(payload: Record<string, unknown>, config: AccessConfig, nowSeconds: number): string {
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.includes(config.audience)) throw new AccessDenied('audience');
  if (payload.iss !== config.issuer) throw new AccessDenied('issuer');
  if (!isTime(payload.exp) || payload.exp + CLOCK_LEEWAY_SECONDS <= nowSeconds) throw new AccessDenied('expired');
  for (const claim of [payload.nbf, payload.iat]) {
    if (claim !== undefined && (!isTime(claim) || claim - CLOCK_LEEWAY_SECONDS > nowSeconds)) throw new AccessDenied('not-yet-valid');
  }
  // A person signed in through an identity provider has a sub; a service token an empty sub and its Client ID in common_name.
  if (typeof payload.sub === 'string' && payload.sub !== '') {
    if (!ACTOR_ID.test(payload.sub)) throw new AccessDenied('no-subject');
    return `access:${payload.sub}`;
  }
  if (typeof payload.common_name === 'string' && ACTOR_ID.test(payload.common_name)) return `access:service:${payload.common_name}`;
  throw new AccessDenied('no-subject');
}

/**
 * Verifies a `Cf-Access-Jwt-Assertion` and returns the actor it signs in: `access:<sub>` for a
 * person, `access:service:<client id>` for a service token (the audit log keeps ids, never an
 * e-mail). Throws `AccessDenied` naming why it was refused.
 *
 * @example
 * const config = accessConfig(c.env);
 * const assertion = c.req.header(ACCESS_ASSERTION_HEADER);
 * if (config && assertion) c.set('adminActor', await verifyAccessAssertion(assertion, config));
 */
export async function verifyAccessAssertion(assertion: string, config: AccessConfig, now = Date.now()): Promise<string> {
  // GUESS: Access's tokens are a few KB (more with custom identity claims); nothing longer is worth decoding.
  if (assertion.length > 16_384) throw new AccessDenied('malformed');
  let header: { alg?: unknown; kid?: unknown };
  try {
    header = Jwt.decode(assertion).header as { alg?: unknown; kid?: unknown };
  } catch {
    throw new AccessDenied('malformed');
  }
  if (typeof header !== 'object' || header === null) throw new AccessDenied('malformed');
  // Only RS256, decided before any key is looked at: never `none`, never an HMAC keyed with the public key.
  if (header.alg !== 'RS256' || typeof header.kid !== 'string' || header.kid === '') throw new AccessDenied('algorithm');
  const key = await keyFor(config.certsUrl, header.kid, now);
  if (!key) throw new AccessDenied('unknown-key');
  let payload: Record<string, unknown>;
  try {
    // The signature only; the claims are checked below with a leeway hono's verify has no option for.
    payload = (await Jwt.verify(assertion, key, { alg: 'RS256', exp: false, nbf: false, iat: false })) as Record<string, unknown>;
  } catch (error) {
    throw new AccessDenied(error instanceof Error && error.name === 'JwtTokenSignatureMismatched' ? 'signature' : 'malformed');
  }
  return actorOf(payload, config, Math.floor(now / 1000));
}
