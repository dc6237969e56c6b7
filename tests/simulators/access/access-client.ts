import type { SigningMode } from './access-keys';

/** What `POST /__sim/token` takes (see access-simulator.ts); everything is optional. */
export interface AccessTokenRequest {
  /** Claims that replace or add to the defaults (aud, iss, sub, email, iat, nbf, exp, …); `null` removes one. */
  readonly claims?: Record<string, unknown>;
  /** Seconds from now until exp (default 3600); negative for an expired token. */
  readonly expiresIn?: number;
  /** A service token's assertion instead of a person's. */
  readonly service?: boolean;
  /** Which key signs: the current (default), the previous, or one the certs do not list. */
  readonly key?: 'current' | 'previous' | 'unpublished';
  /** `none` and `HS256` forge the token; a Worker must refuse both. */
  readonly alg?: SigningMode;
}

async function ok(response: Response): Promise<Response> {
  if (!response.ok) throw new Error(`Access simulator: ${response.status} ${await response.text()}`);
  return response;
}

/**
 * The Access simulator's test-only routes over HTTP, for worker, stack and browser tests: a token
 * to send as `Cf-Access-Jwt-Assertion` (a browser test sets it with Playwright's `setExtraHTTPHeaders`,
 * as Cloudflare's edge would add it), and a key rotation. Fetch only, so it runs in workerd too.
 *
 * @example
 * const access = accessSimulatorClient(inject('simulators').access);
 * const { token } = await access.token();
 * await fetch(`${workerUrl}/v1/admin/audit`, { headers: { 'Cf-Access-Jwt-Assertion': token } });
 */
export function accessSimulatorClient(url: string) {
  return {
    async token(request: AccessTokenRequest = {}): Promise<{ token: string; kid: string; claims: Record<string, unknown> }> {
      const response = await fetch(`${url}/__sim/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request) });
      return (await ok(response)).json() as Promise<{ token: string; kid: string; claims: Record<string, unknown> }>;
    },
    async rotate(): Promise<{ kid: string; previousKid: string }> {
      return (await ok(await fetch(`${url}/__sim/keys/rotate`, { method: 'POST' }))).json() as Promise<{ kid: string; previousKid: string }>;
    },
  };
}
