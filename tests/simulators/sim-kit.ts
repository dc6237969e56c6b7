import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';

/** Where every simulator's control routes live; vendor paths never start with it. */
export const CONTROL_PREFIX = '/__sim';

/** Node's raw request and response, present when served by @hono/node-server (absent under `app.request`). */
export type SimBindings = Partial<HttpBindings>;

/** One request a simulator received on a vendor route. */
export interface LoggedRequest {
  readonly id: number;
  /** ISO time from the simulator's clock. */
  readonly time: string;
  readonly method: string;
  /** Path and query string. */
  readonly path: string;
  readonly tenant: string | null;
  readonly endpoint: string | null;
  /** Lower-case names; credential values are `[redacted]` so logs can be printed and shared. */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * Parsed JSON, or the raw text when the body is not JSON; absent when there is none. Fields named
   * in `redactBodyFields` are `[redacted]`, in a JSON object and in a form-encoded text alike.
   */
  readonly body?: unknown;
  /** The fault mode that shaped the answer, if any. */
  fault?: string;
  /** The status answered; absent when the socket was destroyed or the client left first. */
  status?: number;
}

export type SimVariables = { simRequest: LoggedRequest };
export type SimKitEnv = { Bindings: SimBindings; Variables: SimVariables };

/**
 * Faults every simulator supports; vendors may add their own modes (see `customFaultModes`).
 * `down` cuts the connection before the vendor does anything; `drop` lets the vendor do the work
 * (store the lead) and then cuts the connection without an answer; `hang` with `delayMs` does the
 * work after the delay, even when the client gave up waiting.
 */
export const GENERIC_FAULT_MODES = ['fail', 'hang', 'rate-limit', 'down', 'drop'] as const;

/** A switched-on fault, as stored and as listed by `GET /__sim/faults`. */
export interface Fault {
  readonly id: number;
  readonly mode: string;
  readonly tenant?: string;
  readonly endpoint?: string;
  /** `fail`: the status to answer (default 500). */
  readonly status?: number;
  /** Requests left to hit; absent means forever. */
  remaining?: number;
  /** `rate-limit`: the `Retry-After` seconds (default 60). */
  readonly retryAfter?: number;
  /** `hang`: how long to wait before answering normally; absent means until the client gives up. */
  readonly delayMs?: number;
  /**
   * The share of matching requests it hits, from 0 to 1 (each request drawn at random), e.g. a
   * lost answer for 1 % of creates; absent means every one. Requests it lets through do not count.
   */
  readonly rate?: number;
  /** The extra parameters of a vendor-specific mode. */
  readonly params: Readonly<Record<string, unknown>>;
}

/** A vendor-specific fault mode: which endpoints it can hit and which parameters it requires. */
export interface CustomFaultMode {
  readonly endpoints?: readonly string[];
  readonly params: Readonly<Record<string, (value: unknown) => boolean>>;
}

export interface FaultMatch {
  readonly tenant: string | undefined;
  readonly endpoint: string | undefined;
  readonly modes: readonly string[];
}

export interface FaultBook {
  /** Checks a `POST /__sim/faults` body and switches the fault on; returns a problem text when refused. */
  add(spec: unknown): Fault | string;
  /** The first fault matching the request, counting it as used. */
  take(match: FaultMatch): Fault | undefined;
  list(): readonly Fault[];
  clear(): number;
}

export interface RequestLog {
  list(tenant?: string): readonly LoggedRequest[];
  clear(): number;
}

export interface SimKitOptions {
  /** Endpoint names a fault may target, e.g. `["config", "validate", "create"]`. */
  readonly endpoints: readonly string[];
  /** Reads the tenant and endpoint from a vendor request; some vendors name the tenant in a header. */
  classify(method: string, path: string, headers: Headers): { tenant?: string; endpoint?: string };
  /** The vendor's own error response for a status, e.g. for `fail` and `rate-limit` faults. */
  errorResponse(c: Context, status: number): Response;
  /** Header names whose values never reach the log; `authorization` is always among them. */
  readonly redactHeaders?: readonly string[];
  /** Body fields whose values never reach the log, e.g. an OAuth `client_secret`. */
  readonly redactBodyFields?: readonly string[];
  readonly customFaultModes?: Readonly<Record<string, CustomFaultMode>>;
  readonly now?: () => number;
  /** Draws for a fault's `rate`: a number in [0, 1). */
  readonly random?: () => number;
  /** Resets the vendor's own state; runs on `POST /__sim/reset` and `reset()`. */
  readonly onReset?: () => void;
}

export interface SimKit {
  readonly log: RequestLog;
  readonly faults: FaultBook;
  /** Mount at `CONTROL_PREFIX`; vendors may add routes to it before mounting. */
  readonly controlRoutes: Hono<SimKitEnv>;
  /** Logs each vendor request and applies the generic faults; mount before the vendor routes. */
  readonly middleware: MiddlewareHandler<SimKitEnv>;
  /** Back to the start: empty log, no faults, hung requests released, vendor state reset. */
  reset(): void;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const isCount = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;

/** Reads a JSON body, or undefined when it is absent or not JSON. */
export async function readJson(c: Context): Promise<unknown> {
  try {
    return JSON.parse(await c.req.text()) as unknown;
  } catch {
    return undefined;
  }
}

export const isControlPath = (path: string) => path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);

function createFaultBook(options: SimKitOptions): FaultBook {
  let faults: Fault[] = [];
  let nextId = 1;
  const custom = options.customFaultModes ?? {};
  const random = options.random ?? Math.random;
  const modes: readonly string[] = [...GENERIC_FAULT_MODES, ...Object.keys(custom)];

  function check(spec: unknown): Fault | string {
    if (!isObject(spec)) return 'the fault must be a JSON object';
    const { mode, tenant, endpoint, status, count, retryAfter, delayMs, rate } = spec;
    if (typeof mode !== 'string' || !modes.includes(mode)) return `mode must be one of ${modes.join(', ')}`;
    const customMode = custom[mode];
    const paramNames = Object.keys(customMode?.params ?? {});
    const known = ['mode', 'tenant', 'endpoint', 'status', 'count', 'retryAfter', 'delayMs', 'rate', ...paramNames];
    const unknown = Object.keys(spec).find((key) => !known.includes(key));
    if (unknown !== undefined) return `unknown property ${unknown}`;
    if (tenant !== undefined && typeof tenant !== 'string') return 'tenant must be a string';
    if (endpoint !== undefined && (typeof endpoint !== 'string' || !options.endpoints.includes(endpoint))) {
      return `endpoint must be one of ${options.endpoints.join(', ')}`;
    }
    if (customMode?.endpoints && endpoint !== undefined && !customMode.endpoints.includes(endpoint)) {
      return `mode ${mode} only applies to ${customMode.endpoints.join(', ')}`;
    }
    if (status !== undefined && (!Number.isSafeInteger(status) || (status as number) < 400 || (status as number) > 599)) {
      return 'status must be an integer from 400 to 599';
    }
    if (count !== undefined && (!isCount(count) || count === 0)) return 'count must be a positive integer';
    if (retryAfter !== undefined && !isCount(retryAfter)) return 'retryAfter must be a non-negative integer';
    if (delayMs !== undefined && !isCount(delayMs)) return 'delayMs must be a non-negative integer';
    if (rate !== undefined && (typeof rate !== 'number' || !(rate >= 0 && rate <= 1))) return 'rate must be a number from 0 to 1';
    const params: Record<string, unknown> = {};
    for (const [name, accepts] of Object.entries(customMode?.params ?? {})) {
      if (!accepts(spec[name])) return `${name} is missing or not valid for mode ${mode}`;
      params[name] = spec[name];
    }
    return {
      id: nextId++,
      mode,
      ...(tenant === undefined ? {} : { tenant: tenant as string }),
      ...(endpoint === undefined ? {} : { endpoint: endpoint as string }),
      ...(status === undefined ? {} : { status: status as number }),
      ...(count === undefined ? {} : { remaining: count as number }),
      ...(retryAfter === undefined ? {} : { retryAfter: retryAfter as number }),
      ...(delayMs === undefined ? {} : { delayMs: delayMs as number }),
      ...(rate === undefined ? {} : { rate: rate as number }),
      params,
    };
  }

  return {
    add(spec) {
      const fault = check(spec);
      if (typeof fault !== 'string') faults.push(fault);
      return fault;
    },
    take({ tenant, endpoint, modes: wanted }) {
      const fault = faults.find(
        (f) =>
          wanted.includes(f.mode) &&
          (f.tenant === undefined || f.tenant === tenant) &&
          (f.endpoint === undefined || f.endpoint === endpoint) &&
          (custom[f.mode]?.endpoints === undefined || custom[f.mode]?.endpoints?.includes(endpoint ?? '') === true) &&
          (f.rate === undefined || random() < f.rate),
      );
      if (fault?.remaining !== undefined) {
        fault.remaining -= 1;
        if (fault.remaining === 0) faults = faults.filter((f) => f !== fault);
      }
      return fault;
    },
    list: () => faults,
    clear() {
      const cleared = faults.length;
      faults = [];
      return cleared;
    },
  };
}

function decodeFormKey(key: string): string {
  try {
    return decodeURIComponent(key.replaceAll('+', ' '));
  } catch {
    return key;
  }
}

/** Replaces the values of `fields` in a top-level JSON object or in `a=1&b=2` text; the rest stays as sent. */
function redactBody(body: unknown, fields: ReadonlySet<string>): unknown {
  if (fields.size === 0) return body;
  if (typeof body === 'string') {
    return body
      .split('&')
      .map((pair) => {
        const cut = pair.indexOf('=');
        const key = cut === -1 ? pair : pair.slice(0, cut);
        return fields.has(decodeFormKey(key)) ? `${key}=[redacted]` : pair;
      })
      .join('&');
  }
  if (!isObject(body)) return body;
  return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, fields.has(key) ? '[redacted]' : value]));
}

async function readLoggedBody(c: Context, redactedFields: ReadonlySet<string>): Promise<{ body?: unknown }> {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return {};
  const text = await c.req.text();
  if (text === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    body = text;
  }
  return { body: redactBody(body, redactedFields) };
}

/**
 * The pieces every vendor simulator shares: a request log, fault modes and the `/__sim` control
 * routes (`GET|DELETE /requests`, `POST /reset`, `GET|POST|DELETE /faults`).
 *
 * @example
 * const kit = createSimKit({ endpoints: ['create'], classify, errorResponse });
 * app.route(CONTROL_PREFIX, kit.controlRoutes);
 * app.use('*', kit.middleware);
 */
export function createSimKit(options: SimKitOptions): SimKit {
  const now = options.now ?? Date.now;
  const redacted = new Set(['authorization', ...(options.redactHeaders ?? []).map((h) => h.toLowerCase())]);
  const redactedFields = new Set(options.redactBodyFields ?? []);
  let entries: LoggedRequest[] = [];
  let nextId = 1;
  const faults = createFaultBook(options);
  // Hung requests wait on these so a reset can let them go instead of leaking them.
  const releases = new Set<() => void>();

  const log: RequestLog = {
    list: (tenant) => (tenant === undefined ? entries : entries.filter((e) => e.tenant === tenant)),
    clear() {
      const cleared = entries.length;
      entries = [];
      return cleared;
    },
  };

  function reset() {
    log.clear();
    faults.clear();
    for (const release of [...releases]) release();
    options.onReset?.();
  }

  function hang(delayMs: number | undefined, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        releases.delete(done);
        resolve();
      };
      const timer = delayMs === undefined ? undefined : setTimeout(done, delayMs);
      // With a delay the work still happens after the client left, as on a slow real server:
      // that is what makes blind retries of a create dangerous.
      const onAbort = () => {
        if (delayMs === undefined) done();
      };
      signal.addEventListener('abort', onAbort);
      releases.add(done);
    });
  }

  const middleware: MiddlewareHandler<SimKitEnv> = async (c, next) => {
    const url = new URL(c.req.url);
    if (isControlPath(url.pathname)) return next();
    const { tenant, endpoint } = options.classify(c.req.method, url.pathname, c.req.raw.headers);
    const headers: Record<string, string> = {};
    c.req.raw.headers.forEach((value, name) => {
      headers[name] = redacted.has(name) ? '[redacted]' : value;
    });
    const entry: LoggedRequest = {
      id: nextId++,
      time: new Date(now()).toISOString(),
      method: c.req.method,
      path: url.pathname + url.search,
      tenant: tenant ?? null,
      endpoint: endpoint ?? null,
      headers,
      ...(await readLoggedBody(c, redactedFields)),
    };
    entries.push(entry);
    c.set('simRequest', entry);

    const fault = faults.take({ tenant, endpoint, modes: GENERIC_FAULT_MODES });
    if (fault) entry.fault = fault.mode;
    switch (fault?.mode) {
      case 'fail':
        c.res = options.errorResponse(c, fault.status ?? 500);
        break;
      case 'rate-limit':
        c.res = options.errorResponse(c, 429);
        c.res.headers.set('Retry-After', String(fault.retryAfter ?? 60));
        break;
      case 'down': {
        const socket = c.env?.incoming?.socket;
        if (!socket) throw new Error('the down fault needs the simulator served by @hono/node-server');
        socket.destroy();
        return RESPONSE_ALREADY_SENT;
      }
      case 'drop': {
        // The vendor stores the lead; its answer never leaves: the client sees a reset connection.
        await next();
        const socket = c.env?.incoming?.socket;
        if (!socket) throw new Error('the drop fault needs the simulator served by @hono/node-server');
        socket.destroy();
        return RESPONSE_ALREADY_SENT;
      }
      case 'hang':
        await hang(fault.delayMs, c.req.raw.signal);
        if (c.req.raw.signal.aborted && fault.delayMs === undefined) return RESPONSE_ALREADY_SENT;
        await next();
        break;
      default:
        await next();
    }
    if (!c.req.raw.signal.aborted) entry.status = c.res.status;
    return c.res;
  };

  const controlRoutes = new Hono<SimKitEnv>();
  controlRoutes.get('/requests', (c) => c.json({ requests: log.list(c.req.query('tenant')) }));
  controlRoutes.delete('/requests', (c) => c.json({ cleared: log.clear() }));
  controlRoutes.post('/reset', (c) => {
    reset();
    return c.json({ reset: true });
  });
  controlRoutes.get('/faults', (c) => c.json({ faults: faults.list() }));
  controlRoutes.post('/faults', async (c) => {
    const fault = faults.add(await readJson(c));
    return typeof fault === 'string' ? c.json({ error: fault }, 400) : c.json({ fault }, 201);
  });
  controlRoutes.delete('/faults', (c) => c.json({ cleared: faults.clear() }));

  return { log, faults, controlRoutes, middleware, reset };
}
