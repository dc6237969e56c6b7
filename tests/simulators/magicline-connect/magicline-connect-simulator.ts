import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { SimKit, SimKitEnv, SimVariables } from '../sim-kit';
import { CONTROL_PREFIX, createSimKit, isControlPath, readJson } from '../sim-kit';
import type { SpecGuardVariables, SpecViolation } from '../spec-guard';
import { specGuard } from '../spec-guard';
import { loadConnectSpec } from './connect-spec';
import type { ConnectProblem } from './error-response';
import { badRequestBody, connectError, problemForStatus } from './error-response';
import type { ConnectLeadBody, StudioRules } from './lead-rules';
import { checkLeadRules } from './lead-rules';
import { filterStudios } from './studio-filter';
import type { CampaignFixture, CommunicationSetting, ConnectStudio, ConnectTenantFixture, TrialSessionConfig } from './tenants';
import { checkTenantFixtures, readTenantFixtures } from './tenants';

/** The endpoints a fault can target, as they appear in the request log. */
export const CONNECT_ENDPOINTS = ['studios', 'config', 'communication-settings', 'campaigns', 'lead'] as const;
export type ConnectEndpoint = (typeof CONNECT_ENDPOINTS)[number];

/** A lead the simulator accepted, as listed by `GET /__sim/tenants/:tenant/leads`. */
export interface StoredLead {
  readonly id: number;
  readonly uuid: string;
  readonly customerNumber: string;
  readonly studioId: number;
  readonly createdAt: string;
  /** The request body as sent. */
  readonly request: ConnectLeadBody;
}

export interface MagiclineConnectSimulatorOptions {
  /** Defaults to `tenants.json` beside this file. */
  readonly tenants?: readonly ConnectTenantFixture[];
  /** The clock for ages, lead timestamps and log times; tests move it. */
  readonly now?: () => number;
}

export interface MagiclineConnectSimulator {
  readonly app: Hono<ConnectEnv>;
  readonly fetch: Hono<ConnectEnv>['fetch'];
  readonly kit: SimKit;
  /** Responses that failed the vendor's spec (each was replaced by a 500). `reset()` keeps them. */
  specViolations(): readonly SpecViolation[];
  /** Everything back to the fixtures: log, faults, leads, config overrides. */
  reset(): void;
}

interface StudioState {
  readonly studio: ConnectStudio;
  readonly fixtureConfig: TrialSessionConfig;
  config: TrialSessionConfig;
  readonly communicationSettings: readonly CommunicationSetting[];
  readonly campaigns: readonly CampaignFixture[];
}

interface TenantState {
  readonly fixture: ConnectTenantFixture;
  readonly studios: ReadonlyMap<number, StudioState>;
  leads: StoredLead[];
}

type ConnectEnv = SimKitEnv & { Variables: SimVariables & SpecGuardVariables & { tenant: TenantState } };

// Near the fixture studio ids, so simulated leads look like the tenant's other records. GUESS:
// customer numbers are plain digit strings.
const FIRST_LEAD_ID = 1229512001;
const FIRST_CUSTOMER_NUMBER = 20571;

const TRIAL_CONFIG_FIELDS = [
  'addressMode',
  'dateOfBirthMode',
  'emailMode',
  'genderMode',
  'nameMode',
  'placeOfBirthMode',
  'taxIdMode',
  'telephoneMode',
  'zipMode',
  'minimumAge',
];

const ENDPOINT_PATHS: readonly (readonly [string, RegExp, ConnectEndpoint])[] = [
  ['GET', /^\/connect\/v2\/studio$/, 'studios'],
  ['GET', /^\/connect\/v1\/trialsession\/config\/validation$/, 'config'],
  ['GET', /^\/connect\/v1\/studio\/[^/]+\/communication-settings$/, 'communication-settings'],
  ['GET', /^\/connect\/v1\/campaign$/, 'campaigns'],
  ['POST', /^\/connect\/v1\/lead$/, 'lead'],
];

const normalEmail = (email: string) => email.trim().toLowerCase();

/** Splits `/<tenant>/connect/…` into the tenant and the path as the spec writes it. */
function splitPath(path: string): { tenant?: string; specPath?: string } {
  const match = /^\/([^/]+)(\/.*)?$/.exec(path);
  if (!match?.[1]) return {};
  return { tenant: match[1], ...(match[2] === undefined ? {} : { specPath: match[2] }) };
}

function classify(method: string, path: string): { tenant?: string; endpoint?: ConnectEndpoint } {
  const { tenant, specPath } = splitPath(path);
  const head = method === 'HEAD' ? 'GET' : method;
  const endpoint = ENDPOINT_PATHS.find(([m, pattern]) => m === head && specPath !== undefined && pattern.test(specPath))?.[2];
  return { ...(tenant ? { tenant } : {}), ...(endpoint ? { endpoint } : {}) };
}

function buildTenant(fixture: ConnectTenantFixture): TenantState {
  const studios = new Map<number, StudioState>();
  for (const entry of fixture.studios) {
    const id = entry.studio.id;
    studios.set(id, {
      studio: entry.studio,
      fixtureConfig: entry.trialSessionConfig,
      config: structuredClone(entry.trialSessionConfig),
      communicationSettings: entry.communicationSettings ?? fixture.communicationSettings,
      campaigns: fixture.campaigns.filter((campaign) => campaign.studioIds.includes(id)),
    });
  }
  return { fixture, studios, leads: [] };
}

const json = (c: Context, body: unknown, status: number) => c.json(body, status as ContentfulStatusCode);

/**
 * A local stand-in for Magicline's Connect API, the public website API without credentials, one
 * tenant per first path segment: `http://127.0.0.1:8793/<tenant>` stands for
 * `https://<tenant>.api.magicline.com`. Serves the studio list, the trial-session field modes,
 * communication settings, campaigns and lead creation. Every request and every response is checked
 * against the vendor's own OpenAPI document (`connectapi.json`): a request that fails it gets the
 * vendor's 400, a response that fails it is a simulator bug, recorded under
 * `GET /__sim/spec-violations` and answered with a 500.
 *
 * @example
 * const sim = await createMagiclineConnectSimulator();
 * serve({ fetch: sim.fetch, hostname: '127.0.0.1', port: 8793 });
 * // GET http://127.0.0.1:8793/connectdemo/connect/v2/studio?studioTags=HH
 */
export async function createMagiclineConnectSimulator(options: MagiclineConnectSimulatorOptions = {}): Promise<MagiclineConnectSimulator> {
  const now = options.now ?? Date.now;
  const spec = await loadConnectSpec();
  const fixtures = options.tenants ?? readTenantFixtures();
  await checkTenantFixtures(fixtures, spec);
  const tenants = new Map(fixtures.map((fixture) => [fixture.tenant, buildTenant(fixture)]));
  const violations: SpecViolation[] = [];
  let nextLeadId = FIRST_LEAD_ID;
  let nextCustomerNumber = FIRST_CUSTOMER_NUMBER;

  function resetState() {
    for (const tenant of tenants.values()) {
      tenant.leads = [];
      for (const studio of tenant.studios.values()) studio.config = structuredClone(studio.fixtureConfig);
    }
    nextLeadId = FIRST_LEAD_ID;
    nextCustomerNumber = FIRST_CUSTOMER_NUMBER;
  }

  const errorResponse = (c: Context, status: number, problem: ConnectProblem = problemForStatus(status)) =>
    // FACT: a 404 has no body.
    status === 404 ? c.body(null, 404) : json(c, connectError(problem), status);
  const badRequest = (c: Context, problems: readonly ConnectProblem[]) => json(c, badRequestBody(problems), 400);

  const kit = createSimKit({ endpoints: CONNECT_ENDPOINTS, classify, errorResponse: (c, status) => errorResponse(c, status), now, onReset: resetState });

  const controlTenant = (c: Context) => tenants.get(c.req.param('tenant') ?? '');
  const controlStudio = (c: Context) => controlTenant(c)?.studios.get(Number(c.req.param('studioId')));
  kit.controlRoutes.get('/tenants/:tenant/leads', (c) => {
    const tenant = controlTenant(c);
    return tenant ? c.json({ leads: tenant.leads }) : c.json({ error: 'unknown tenant' }, 404);
  });
  kit.controlRoutes.get('/tenants/:tenant/studios/:studioId/config', (c) => {
    const studio = controlStudio(c);
    return studio ? c.json(studio.config) : c.json({ error: 'unknown tenant or studio' }, 404);
  });
  kit.controlRoutes.put('/tenants/:tenant/studios/:studioId/config', async (c) => {
    const studio = controlStudio(c);
    if (!studio) return c.json({ error: 'unknown tenant or studio' }, 404);
    const config = await readJson(c);
    const problems = (await spec.checkValue('#/components/schemas/ConnectApiTrialSessionLeadConfigDto', config)).map((p) => p.message);
    // The schema allows any extra property; a misspelt mode would silently change nothing.
    if (typeof config === 'object' && config !== null && !Array.isArray(config)) {
      problems.push(
        ...Object.keys(config)
          .filter((key) => !TRIAL_CONFIG_FIELDS.includes(key))
          .map((key) => `${key}: is not a field of the trial-session config`),
      );
    }
    if (problems.length > 0) return c.json({ error: problems.join('; ') }, 400);
    studio.config = config as TrialSessionConfig;
    return c.json(studio.config);
  });
  kit.controlRoutes.get('/spec-violations', (c) => c.json({ violations }));

  const app = new Hono<ConnectEnv>();
  app.route(CONTROL_PREFIX, kit.controlRoutes);
  app.use('*', kit.middleware);

  // GUESS: the host of an unknown tenant answers nothing useful; the spec's bodiless 404 stands in.
  app.use('/:tenant/*', async (c, next) => {
    if (isControlPath(c.req.path)) return next();
    const tenant = tenants.get(c.req.param('tenant'));
    if (!tenant) return c.body(null, 404);
    c.set('tenant', tenant);
    await next();
  });

  app.use(
    '/:tenant/*',
    specGuard({
      validator: spec,
      specPath: (c) => (isControlPath(c.req.path) ? undefined : splitPath(c.req.path).specPath),
      rejectRequest: (c, problems) =>
        badRequest(
          c,
          problems.map((problem) => ({
            // GUESS: Spring's categories: a missing parameter, an unreadable body, a failed bean validation.
            code:
              problem.keyword === 'missing' && problem.in !== 'body'
                ? 'REQUIRED_PARAMETER_MISSING'
                : problem.keyword === 'json' || problem.keyword === 'media-type'
                  ? 'BAD_REQUEST'
                  : 'VALIDATION_FAILED',
            message: problem.message,
          })),
        ),
      onViolation: (violation) => {
        violations.push(violation);
        console.error(
          `magicline connect simulator: response violates the spec: ${violation.method} ${violation.path} ${violation.status}: ${violation.problems.map((p) => p.message).join('; ')}`,
        );
      },
      violationResponse: (c, violation) =>
        errorResponse(c, 500, {
          code: 'SERVER_ERROR',
          message: `Simulator bug: the response violated the Connect API spec (${violation.problems.length} problem(s), see GET /__sim/spec-violations).`,
        }),
      now,
    }),
  );

  // GUESS: an unknown studio is a 400 ENTITY_NOT_FOUND (the spec's 404 has no body to carry a code).
  const unknownStudio = (c: Context, studioId: number) => badRequest(c, [{ code: 'ENTITY_NOT_FOUND', message: `studio ${studioId} does not exist` }]);

  app.get('/:tenant/connect/v2/studio', (c) => {
    const addressSearchQuery = c.req.query('addressSearchQuery');
    const studios = filterStudios(
      [...c.var.tenant.studios.values()].map((s) => s.studio),
      { studioTags: c.req.queries('studioTags') ?? [], ...(addressSearchQuery === undefined ? {} : { addressSearchQuery }) },
    );
    return c.json(studios);
  });

  app.get('/:tenant/connect/v1/trialsession/config/validation', (c) => {
    const studioId = Number(c.req.query('studioId'));
    const studio = c.var.tenant.studios.get(studioId);
    return studio ? c.json(studio.config) : unknownStudio(c, studioId);
  });

  app.get('/:tenant/connect/v1/studio/:studioId/communication-settings', (c) => {
    const studioId = Number(c.req.param('studioId'));
    const studio = c.var.tenant.studios.get(studioId);
    return studio ? c.json(studio.communicationSettings) : unknownStudio(c, studioId);
  });

  app.get('/:tenant/connect/v1/campaign', (c) => {
    const studioId = Number(c.req.query('studioId'));
    const studio = c.var.tenant.studios.get(studioId);
    return studio ? c.json(studio.campaigns.map(({ id, name, externalIdentifier }) => ({ id, name, externalIdentifier }))) : unknownStudio(c, studioId);
  });

  function isKnownCustomer(tenant: TenantState, email: string): boolean {
    const wanted = normalEmail(email);
    return (
      tenant.fixture.existingCustomerEmails.some((known) => normalEmail(known) === wanted) ||
      tenant.leads.some((lead) => typeof lead.request.email === 'string' && normalEmail(lead.request.email) === wanted)
    );
  }

  app.post('/:tenant/connect/v1/lead', async (c) => {
    const tenant = c.var.tenant;
    // The spec guard has checked the body against ConnectApiCreateLeadDto.
    const lead = JSON.parse(await c.req.text()) as ConnectLeadBody;
    const studio = tenant.studios.get(lead.studioId);
    if (!studio) return unknownStudio(c, lead.studioId);
    const rules: StudioRules = {
      studioId: lead.studioId,
      config: studio.config,
      communicationSettings: studio.communicationSettings,
      campaigns: studio.campaigns,
    };
    const problems = checkLeadRules(lead, rules, new Date(now()).toISOString().slice(0, 10));
    if (problems.length > 0) return badRequest(c, problems);
    // FACT: 409 CONFLICT is listed; GUESS: a known email (customer or earlier lead) is what conflicts.
    if (typeof lead.email === 'string' && lead.email.trim() !== '' && isKnownCustomer(tenant, lead.email)) {
      return errorResponse(c, 409, { code: 'CONFLICT', message: 'A customer with this email address already exists.' });
    }
    const stored: StoredLead = {
      id: nextLeadId++,
      uuid: randomUUID(),
      customerNumber: String(nextCustomerNumber++),
      studioId: lead.studioId,
      createdAt: new Date(now()).toISOString(),
      request: lead,
    };
    tenant.leads.push(stored);
    const { id, uuid, customerNumber } = stored;
    return c.json({ id, uuid, customerNumber });
  });

  app.notFound((c) => {
    if (isControlPath(c.req.path)) return c.json({ error: 'unknown control route' }, 404);
    const specPath = splitPath(c.req.path).specPath;
    const found = specPath === undefined ? undefined : spec.match(c.req.method, specPath);
    if (found?.kind === 'operation') {
      return errorResponse(c, 500, {
        code: 'SERVER_ERROR',
        message: `${found.operation.method} ${found.operation.path} is in the Connect API spec but not simulated.`,
      });
    }
    // GUESS: Spring's 405 for a known path, without a body.
    if (found?.kind === 'method-not-allowed') return c.body(null, 405, { Allow: found.allowed.join(', ') });
    return c.body(null, 404);
  });
  app.onError((error, c) => {
    console.error('magicline connect simulator:', error);
    return isControlPath(c.req.path) ? c.json({ error: String(error) }, 500) : errorResponse(c, 500);
  });

  return { app, fetch: app.fetch, kit, specViolations: () => violations, reset: kit.reset };
}
