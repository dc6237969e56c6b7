/** A request as the simulator logged it. */
export interface SimRequest {
  /** ISO time from the simulator's clock. */
  readonly time: string;
  readonly method: string;
  readonly path: string;
  readonly tenant?: string | null;
  readonly endpoint?: string | null;
  readonly status?: number;
  readonly headers: Record<string, string>;
  readonly body?: unknown;
  readonly fault?: string;
}

export interface SimFault {
  readonly tenant?: string;
  readonly endpoint?: string;
  readonly mode: 'fail' | 'hang' | 'rate-limit' | 'down' | 'drop' | 'validate-status' | 'error-code' | 'interactive' | 'challenge-fail';
  readonly status?: number;
  readonly count?: number;
  readonly retryAfter?: number;
  readonly delayMs?: number;
  /** The share of matching requests the fault hits, from 0 to 1; absent: every one. */
  readonly rate?: number;
  readonly validateStatus?: string;
  /** Turnstile's `error-code` mode: the siteverify error code to answer. */
  readonly code?: string;
}

async function ok(response: Response): Promise<Response> {
  if (!response.ok) throw new Error(`simulator control call failed: ${response.status} ${await response.text()}`);
  return response;
}

/** The simulators' control API (`/__sim`), as tests and the demo use it over HTTP. */
export function simulatorClient(url: string) {
  const call = (path: string, init?: RequestInit) => fetch(`${url}/__sim${path}`, init).then(ok);
  const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return {
    reset: () => call('/reset', { method: 'POST' }),
    clearRequests: () => call('/requests', { method: 'DELETE' }),
    async requests(tenant?: string): Promise<SimRequest[]> {
      const response = await call(`/requests${tenant ? `?tenant=${encodeURIComponent(tenant)}` : ''}`);
      return ((await response.json()) as { requests: SimRequest[] }).requests;
    },
    async leadConfig(tenant: string): Promise<Record<string, unknown>> {
      return (await call(`/tenants/${tenant}/lead-config`)).json() as Promise<Record<string, unknown>>;
    },
    setLeadConfig: (tenant: string, config: unknown) => call(`/tenants/${tenant}/lead-config`, json('PUT', config)),
    async leads(tenant: string): Promise<unknown[]> {
      const body = (await (await call(`/tenants/${tenant}/leads`)).json()) as { leads: unknown[] } | unknown[];
      return Array.isArray(body) ? body : body.leads;
    },
    fault: (fault: SimFault) => call('/faults', json('POST', fault)),
    clearFaults: () => call('/faults', { method: 'DELETE' }),
  };
}
export type SimulatorClient = ReturnType<typeof simulatorClient>;

/** The Virtuagym simulator's own control routes, beside the generic ones. */
export function virtuagymControl(url: string) {
  const call = (path: string, init?: RequestInit) => fetch(`${url}/__sim${path}`, init).then(ok);
  return {
    ...simulatorClient(url),
    /** Tokens the token endpoint issued since the last reset, in all and per club. */
    async tokens(): Promise<{ issued: number; perClub: Record<string, number> }> {
      return (await call('/tokens')).json() as Promise<{ issued: number; perClub: Record<string, number> }>;
    },
    revokeTokens: (clubId?: number) =>
      call('/tokens/revoke', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(clubId === undefined ? {} : { clubId }) }),
    setTokenLifetime: (clientId: string, expiresIn: number) =>
      call(`/clients/${encodeURIComponent(clientId)}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ expiresIn }) }),
    async clubLeads(clubId: number): Promise<Record<string, string | null>[]> {
      const body = (await (await call(`/clubs/${clubId}/leads`)).json()) as { leads: Record<string, string | null>[] } | Record<string, string | null>[];
      return Array.isArray(body) ? body : body.leads;
    },
  };
}

/** The CRM simulator's own control routes, beside the generic ones. */
export function crmControl(url: string) {
  return {
    ...simulatorClient(url),
    async instanceLeads(instance: string): Promise<Record<string, unknown>[]> {
      const response = await fetch(`${url}/__sim/instances/${encodeURIComponent(instance)}/leads`).then(ok);
      const body = (await response.json()) as { leads: Record<string, unknown>[] } | Record<string, unknown>[];
      return Array.isArray(body) ? body : body.leads;
    },
    /** Ends every login session of an instance: the next call with its cookie is a 401. */
    endSessions: (instance: string) => fetch(`${url}/__sim/instances/${encodeURIComponent(instance)}/sessions/end`, { method: 'POST' }).then(ok),
  };
}

/** The Magicline Connect simulator's own control routes, beside the generic ones. */
export function connectControl(url: string) {
  return {
    ...simulatorClient(url),
    /** Requests or answers that broke the vendor's OpenAPI file; any entry is a failure. */
    async specViolations(): Promise<unknown[]> {
      const response = await fetch(`${url}/__sim/spec-violations`).then(ok);
      return ((await response.json()) as { violations: unknown[] }).violations;
    },
  };
}

/** The emails of the leads a PerfectGym Next / Magicline Open API tenant created, from its request log. */
export async function createdLeadEmails(sim: SimulatorClient, tenant: string): Promise<string[]> {
  return (await sim.requests(tenant))
    .filter((r) => r.endpoint === 'create' && r.status === 200)
    .map((r) => (r.body as { leadCustomer: { email: string } }).leadCustomer.email);
}

/**
 * A Turnstile token as the challenge on a page at `hostname` would hand it out, from the
 * Turnstile simulator's `__token` route (what its challenge frame calls).
 */
export async function turnstileToken(url: string, siteKey: string, hostname = 'localhost'): Promise<string> {
  const response = await fetch(`${url}/turnstile/v0/__token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ sitekey: siteKey, hostname }),
  }).then(ok);
  const { token } = (await response.json()) as { token?: string };
  if (!token) throw new Error(`the Turnstile simulator gave no token for ${siteKey}`);
  return token;
}
