import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { CONTROL_PREFIX, createSimKit, readJson, type SimKit, type SimKitEnv } from '../sim-kit';
import type { AccessTokenRequest } from './access-client';
import { type AccessKey, generateAccessKey, signJwt } from './access-keys';

/** The endpoints as the request log names them; each can be targeted by faults. */
export const ACCESS_ENDPOINTS = ['certs'] as const;

export const CERTS_PATH = '/cdn-cgi/access/certs';

export interface AccessSimulator {
  readonly app: Hono<SimKitEnv>;
  readonly fetch: Hono<SimKitEnv>['fetch'];
  readonly kit: SimKit;
  /** Makes a new current key; the current one becomes the previous one, and the previous one is gone. */
  rotate(): Promise<{ kid: string; previousKid: string }>;
  reset(): void;
}

const KEY_CHOICES = ['current', 'previous', 'unpublished'] as const;
const SIGNING_MODES = ['RS256', 'none', 'HS256'] as const;

function checkTokenRequest(body: unknown): AccessTokenRequest | string {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body must be a JSON object';
  const { claims, expiresIn, service, key, alg, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) return `unknown property ${unknown}; known: claims, expiresIn, service, key, alg`;
  if (claims !== undefined && (typeof claims !== 'object' || claims === null || Array.isArray(claims))) return 'claims must be an object';
  if (expiresIn !== undefined && !Number.isSafeInteger(expiresIn)) return 'expiresIn must be an integer number of seconds';
  if (service !== undefined && typeof service !== 'boolean') return 'service must be true or false';
  if (key !== undefined && !KEY_CHOICES.includes(key as never)) return `key must be one of ${KEY_CHOICES.join(', ')}`;
  if (alg !== undefined && !SIGNING_MODES.includes(alg as never)) return `alg must be one of ${SIGNING_MODES.join(', ')}`;
  return body as AccessTokenRequest;
}

/**
 * Cloudflare Access for one team, as a Worker behind it sees it: the team's signing keys at
 * `/cdn-cgi/access/certs` (the current and the previous key, as `keys` in JWK and as
 * `public_cert`/`public_certs` in PEM), and, for tests and local sign-in only, the application
 * tokens Access would put in `Cf-Access-Jwt-Assertion`: `POST /__sim/token` mints one,
 * `POST /__sim/keys/rotate` rotates the keys as Cloudflare does every six weeks (or on request).
 */
export async function createAccessSimulator(options: {
  readonly teamDomain: string;
  readonly audience: string;
  readonly now?: () => number;
}): Promise<AccessSimulator> {
  const now = options.now ?? Date.now;
  const issuer = `https://${options.teamDomain}`;
  // Cloudflare lists exactly two keys, the current and the one it rotated out; so does the simulator from the start.
  let previous: AccessKey = await generateAccessKey();
  let current: AccessKey = await generateAccessKey();
  // Never listed: signs the tokens of tests about a kid the team does not have.
  const unpublished = await generateAccessKey();
  const kit = createSimKit({
    endpoints: ACCESS_ENDPOINTS,
    classify: (method, path) => (method === 'GET' && path === CERTS_PATH ? { endpoint: 'certs' } : {}),
    errorResponse: (c: Context, status: number) => c.text(`error code: ${status}`, status as 500),
    now,
    // GUESS: keys survive a reset. A Worker caches them as it caches Cloudflare's; new keys on every reset would look to it
    // like a rotation before each test. Tests that rotate say so.
  });

  const rotate = async () => {
    const next = await generateAccessKey();
    previous = current;
    current = next;
    return { kid: current.kid, previousKid: previous.kid };
  };

  kit.controlRoutes.post('/keys/rotate', async (c) => c.json(await rotate()));
  kit.controlRoutes.post('/token', async (c) => {
    const request = checkTokenRequest(await readJson(c));
    if (typeof request === 'string') return c.json({ error: request }, 400);
    const issuedAt = Math.floor(now() / 1000);
    // The payload of the docs' example application token; a service token's has no email and an empty sub.
    const defaults: Record<string, unknown> = {
      aud: [options.audience],
      ...(request.service ? { sub: '', common_name: 'leadgate-ci.access' } : { email: 'operator@example.com', sub: '7335d417-61da-459d-899c-0a01c76a2f94' }),
      exp: issuedAt + (request.expiresIn ?? 3600), // GUESS: an hour; Access's is the application's session duration.
      iat: issuedAt,
      nbf: issuedAt,
      iss: issuer,
      type: 'app',
      identity_nonce: randomBytes(12).toString('base64url'),
      country: 'DE',
    };
    const claims = Object.fromEntries(Object.entries({ ...defaults, ...request.claims }).filter(([, value]) => value !== null));
    const key = request.key === 'previous' ? previous : request.key === 'unpublished' ? unpublished : current;
    return c.json({ token: await signJwt(claims, key, request.alg), kid: key.kid, claims });
  });

  const app = new Hono<SimKitEnv>();
  app.route(CONTROL_PREFIX, kit.controlRoutes);
  app.use('*', kit.middleware);
  app.get(CERTS_PATH, (c) =>
    c.json({
      keys: [current.jwk, previous.jwk],
      public_cert: { kid: current.kid, cert: current.pem },
      public_certs: [current, previous].map(({ kid, pem }) => ({ kid, cert: pem })),
    }),
  );
  app.notFound((c) => c.json({ error: `no such path; the team's keys are at ${CERTS_PATH}` }, 404));
  return { app, fetch: app.fetch, kit, rotate, reset: kit.reset };
}
