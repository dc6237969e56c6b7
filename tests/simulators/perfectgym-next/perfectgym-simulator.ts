import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { SimKit, SimKitEnv, SimVariables } from '../sim-kit';
import { CONTROL_PREFIX, createSimKit, isControlPath, readJson } from '../sim-kit';
import type { MessageDetail, VendorErrorCode } from './error-response';
import { codeForStatus, errorBody } from './error-response';
import type { LeadConfig } from './lead-config';
import { checkLeadConfig } from './lead-config';
import { pickLanguage } from './pick-language';
import { createRateLimiter } from './rate-limiter';
import type { TenantFixture } from './tenants';
import type { ValidLead } from './validate-lead';
import { validateLead } from './validate-lead';

/** The lead endpoints; each has its own rate-limit counter and can be targeted by faults. */
export const PERFECTGYM_ENDPOINTS = ['config', 'validate', 'create'] as const;
export type PerfectGymEndpoint = (typeof PERFECTGYM_ENDPOINTS)[number];

export const VALIDATION_STATUSES = ['POSSIBLE', 'INVALID_LEAD_DATA', 'DUPLICATE_CUSTOMER'] as const;
export type ValidationStatus = (typeof VALIDATION_STATUSES)[number];

/** FACT: "The default rate limit is 1000 requests per minute." */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 1000;

/** A lead the simulator accepted, as listed by `GET /__sim/tenants/:tenant/leads`. */
export interface StoredLead {
  readonly id: number;
  readonly customerId: number;
  readonly uuid: string;
  readonly customerNumber: string;
  readonly createdAt: string;
  readonly request: ValidLead;
}

export interface PerfectGymSimulatorOptions {
  readonly tenants: readonly TenantFixture[];
  /** The clock for rate limits, birth dates and log times; tests move it. */
  readonly now?: () => number;
}

export interface PerfectGymSimulator {
  readonly app: Hono<PerfectGymEnv>;
  readonly fetch: Hono<PerfectGymEnv>['fetch'];
  readonly kit: SimKit;
  /** Everything back to the fixtures: log, leads, config overrides, faults, rate counters. */
  reset(): void;
}

interface TenantState {
  readonly fixture: TenantFixture;
  config: LeadConfig;
  leads: StoredLead[];
}

type PerfectGymEnv = SimKitEnv & { Variables: SimVariables & { tenant: TenantState } };

// The documented example ids, so simulated leads look like real ones.
const FIRST_LEAD_ID = 1246358530;
const FIRST_CUSTOMER_ID = 9876543210;
const FIRST_CUSTOMER_SEQUENCE = 4139;

const normalEmail = (email: string) => email.trim().toLowerCase();

function classify(_method: string, path: string): { tenant?: string; endpoint?: string } {
  const [, tenant, version, resource, name, ...rest] = path.split('/');
  const endpoint = version === 'v1' && resource === 'leads' && rest.length === 0 ? PERFECTGYM_ENDPOINTS.find((e) => e === name) : undefined;
  return { ...(tenant ? { tenant } : {}), ...(endpoint ? { endpoint } : {}) };
}

/**
 * A local stand-in for the PerfectGym Next / Magicline Open API lead endpoints
 * (`GET /v1/leads/config`, `POST /v1/leads/validate`, `POST /v1/leads/create`), one tenant per
 * first path segment: `http://127.0.0.1:8791/<tenant>/v1` stands for `https://<tenant>.open-api.perfectgym.com/v1`.
 * Control routes under `/__sim` read the request log, reset state, override lead configs and switch faults on.
 *
 * @example
 * const sim = createPerfectGymSimulator({ tenants: loadTenantFixtures({ PG_DEMO_API_KEY: 'k', ML_OPEN_DEMO_API_KEY: 'm' }) });
 * serve({ fetch: sim.fetch, hostname: '127.0.0.1', port: 8791 });
 */
export function createPerfectGymSimulator(options: PerfectGymSimulatorOptions): PerfectGymSimulator {
  const now = options.now ?? Date.now;
  const states = new Map<string, TenantState>();
  const limiter = createRateLimiter();
  let nextLeadId = FIRST_LEAD_ID;
  let nextCustomerId = FIRST_CUSTOMER_ID;
  // Bodies a forced INVALID_LEAD_DATA was answered for, so their create is refused too.
  const invalidBodies = new Set<string>();

  for (const fixture of options.tenants) {
    const problem = checkLeadConfig(fixture.leadConfig);
    if (problem !== undefined) throw new Error(`tenant ${fixture.tenant}: lead config: ${problem}`);
    if (states.has(fixture.tenant)) throw new Error(`tenant ${fixture.tenant} is defined twice`);
    states.set(fixture.tenant, { fixture, config: structuredClone(fixture.leadConfig), leads: [] });
  }

  function resetState() {
    for (const state of states.values()) {
      state.config = structuredClone(state.fixture.leadConfig);
      state.leads = [];
    }
    limiter.reset();
    invalidBodies.clear();
    nextLeadId = FIRST_LEAD_ID;
    nextCustomerId = FIRST_CUSTOMER_ID;
  }

  function vendorError(c: Context, status: number, code: VendorErrorCode = codeForStatus(status), reference?: string, detail?: MessageDetail): Response {
    const tenant = states.get(classify(c.req.method, c.req.path).tenant ?? '');
    // GUESS: the studio language of the real default is unknown for us; fixtures say "de".
    const language = pickLanguage(c.req.header('accept-language'), tenant?.fixture.language ?? 'de');
    return c.json(errorBody(code, language, reference, detail), status as ContentfulStatusCode);
  }

  const kit = createSimKit({
    endpoints: PERFECTGYM_ENDPOINTS,
    classify,
    errorResponse: (c, status) => vendorError(c, status),
    redactHeaders: ['x-api-key'],
    customFaultModes: {
      'validate-status': {
        endpoints: ['validate'],
        params: { validateStatus: (v) => VALIDATION_STATUSES.some((s) => s === v) },
      },
    },
    now,
    onReset: resetState,
  });

  const controlState = (c: Context) => states.get(c.req.param('tenant') ?? '');
  kit.controlRoutes.get('/tenants/:tenant/lead-config', (c) => {
    const state = controlState(c);
    return state ? c.json(state.config) : c.json({ error: 'unknown tenant' }, 404);
  });
  kit.controlRoutes.put('/tenants/:tenant/lead-config', async (c) => {
    const state = controlState(c);
    if (!state) return c.json({ error: 'unknown tenant' }, 404);
    const config = await readJson(c);
    const problem = checkLeadConfig(config);
    if (problem !== undefined) return c.json({ error: problem }, 400);
    state.config = config as LeadConfig;
    return c.json(state.config);
  });
  kit.controlRoutes.get('/tenants/:tenant/leads', (c) => {
    const state = controlState(c);
    return state ? c.json({ leads: state.leads }) : c.json({ error: 'unknown tenant' }, 404);
  });

  const app = new Hono<PerfectGymEnv>();
  app.route(CONTROL_PREFIX, kit.controlRoutes);
  app.use('*', kit.middleware);

  // Tenant, then key, before anything else: the real host is per tenant and the key is per studio.
  app.use('/:tenant/*', async (c, next) => {
    if (isControlPath(c.req.path)) return next();
    const state = states.get(c.req.param('tenant'));
    if (!state) return vendorError(c, 404, 'TENANT_NOT_FOUND');
    const authorized = c.req.header('x-api-key') === state.fixture.apiKey;
    // FACT: HEAD only checks the key (200 or 401) and triggers no business logic.
    // Hono routes HEAD as GET, hence the check here rather than a HEAD route.
    if (c.req.method === 'HEAD' && c.req.path.split('/')[2] === 'v1') {
      return c.body(null, authorized ? 200 : 401);
    }
    if (!authorized) return vendorError(c, 401, 'UNAUTHORIZED');
    c.set('tenant', state);
    await next();
  });

  const rateLimited =
    (endpoint: PerfectGymEndpoint): MiddlewareHandler<PerfectGymEnv> =>
    async (c, next) => {
      const { fixture } = c.var.tenant;
      const limit = fixture.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE;
      const decision = limiter.hit(`${fixture.tenant}/${endpoint}`, limit, now());
      if (decision.allowed) return next();
      const response = vendorError(c, 429, 'RATE_LIMIT_EXCEEDED');
      // GUESS: Retry-After is not documented; sent because well-behaved clients look for it.
      response.headers.set('Retry-After', String(decision.retryAfterSeconds));
      return response;
    };

  /** The parsed body, or the vendor's error response. */
  async function readLead(c: Context<PerfectGymEnv>): Promise<{ body: unknown } | Response> {
    // GUESS: like any Spring endpoint, a body that is not declared as JSON is refused with 415.
    if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(c.req.header('content-type') ?? '')) {
      return vendorError(c, 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
    try {
      return { body: JSON.parse(await c.req.text()) as unknown };
    } catch {
      return vendorError(c, 400, 'MALFORMED_REQUEST');
    }
  }

  /** Checks a body against the schema and the tenant config; answers the 400 when it fails. */
  async function readValidLead(c: Context<PerfectGymEnv>): Promise<ValidLead | Response> {
    const read = await readLead(c);
    if (read instanceof Response) return read;
    const today = new Date(now()).toISOString().slice(0, 10);
    const problem = validateLead(read.body, c.var.tenant.config, today, c.var.tenant.fixture.campaigns);
    if (problem) return vendorError(c, 400, problem.code, problem.reference, problem.detail);
    return read.body as ValidLead;
  }

  function isKnownCustomer(state: TenantState, email: string): boolean {
    const wanted = normalEmail(email);
    return (
      state.fixture.existingCustomerEmails.some((e) => normalEmail(e) === wanted) ||
      state.leads.some((lead) => normalEmail(lead.request.leadCustomer.email) === wanted)
    );
  }

  app.get('/:tenant/v1/leads/config', rateLimited('config'), (c) => c.json(c.var.tenant.config));

  app.post('/:tenant/v1/leads/validate', rateLimited('validate'), async (c) => {
    const state = c.var.tenant;
    const forced = kit.faults.take({ tenant: state.fixture.tenant, endpoint: 'validate', modes: ['validate-status'] });
    if (forced) {
      c.var.simRequest.fault = forced.mode;
      const status = forced.params.validateStatus as ValidationStatus;
      if (status === 'INVALID_LEAD_DATA') {
        const read = await readLead(c);
        if (!(read instanceof Response)) invalidBodies.add(JSON.stringify(read.body));
      }
      return c.json({ status });
    }
    const lead = await readValidLead(c);
    if (lead instanceof Response) return lead;
    // INVALID_LEAD_DATA only comes from the validate-status fault: the docs give no case for it
    // that is not already a field-level 400.
    const status: ValidationStatus = isKnownCustomer(state, lead.leadCustomer.email) ? 'DUPLICATE_CUSTOMER' : 'POSSIBLE';
    return c.json({ status });
  });

  app.post('/:tenant/v1/leads/create', rateLimited('create'), async (c) => {
    const state = c.var.tenant;
    const lead = await readValidLead(c);
    if (lead instanceof Response) return lead;
    // GUESS: the data a validate called INVALID_LEAD_DATA is refused by create as well, after the
    // field checks (which name a field) and with none named, as a studio-side check would.
    if (invalidBodies.delete(JSON.stringify(lead))) return vendorError(c, 400, 'INVALID_LEAD_DATA');
    // GUESS: undocumented; 409 is among the listed statuses and validate names DUPLICATE_CUSTOMER.
    if (isKnownCustomer(state, lead.leadCustomer.email)) return vendorError(c, 409, 'DUPLICATE_CUSTOMER');
    const stored: StoredLead = {
      id: nextLeadId++,
      customerId: nextCustomerId++,
      uuid: randomUUID(),
      customerNumber: `1-${FIRST_CUSTOMER_SEQUENCE + state.leads.length}`,
      createdAt: new Date(now()).toISOString(),
      request: lead,
    };
    state.leads.push(stored);
    const { id, customerId, uuid, customerNumber } = stored;
    return c.json({ id, customerId, uuid, customerNumber });
  });

  // GUESS: a wrong method on a known endpoint is a 405, as Spring answers.
  app.all('/:tenant/v1/leads/:endpoint{config|validate|create}', (c) => vendorError(c, 405, 'METHOD_NOT_ALLOWED'));

  app.notFound((c) => (isControlPath(c.req.path) ? c.json({ error: 'unknown control route' }, 404) : vendorError(c, 404)));
  app.onError((error, c) => {
    console.error('perfectgym simulator:', error);
    return isControlPath(c.req.path) ? c.json({ error: String(error) }, 500) : vendorError(c, 500);
  });

  return { app, fetch: app.fetch, kit, reset: kit.reset };
}
