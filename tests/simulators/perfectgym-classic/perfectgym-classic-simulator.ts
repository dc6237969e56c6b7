import type { Context } from 'hono';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { SimKit, SimKitEnv } from '../sim-kit';
import { CONTROL_PREFIX, createSimKit, isControlPath } from '../sim-kit';
import {
  errorsBody,
  faultAnswer,
  LOGIN_PAGE,
  mediaTypeNotSupported,
  methodNotSupported,
  NOT_FOUND_PAGE,
  noResource,
  odataError,
  webApiMessage,
} from './error-response';
import type { InstallationFixture } from './installations';
import { type EntityType, FilterError, parseFilter } from './odata-filter';
import type { AddLeadInput } from './validate-add-lead';
import { validateAddLead } from './validate-add-lead';

/** The endpoints a fault can target, as the request log names them. */
export const CLASSIC_ENDPOINTS = ['add-lead', 'members', 'crm-leads'] as const;
export type ClassicEndpoint = (typeof CLASSIC_ENDPOINTS)[number];

/** A lead AddLead accepted, as `GET /__sim/tenants/:subdomain/leads` lists it. */
export interface StoredLead extends AddLeadInput {
  readonly leadId: number;
  readonly createdAt: string;
}

export interface PerfectGymClassicSimulatorOptions {
  readonly installations: readonly InstallationFixture[];
  /** The clock for lead times and the request log; tests move it. */
  readonly now?: () => number;
}

export interface PerfectGymClassicSimulator {
  readonly app: Hono<SimKitEnv>;
  readonly fetch: Hono<SimKitEnv>['fetch'];
  readonly kit: SimKit;
  /** Everything back to the fixtures: log, faults, leads, lead ids. */
  reset(): void;
}

interface InstallationState {
  readonly fixture: InstallationFixture;
  leads: StoredLead[];
}

// COMMUNITY: AddLead lives in v2.1 ("AddLead is in v2.1, the rest in v2.2"). GUESS: not in v2.2,
// though one integration posts there: the simulator serves only the path the adapter uses.
const ADD_LEAD = '/api/v2.1/crm2/addlead';
// FACT (KB: "/v2.1/odata/Classes"): OData under v2.1; COMMUNITY: the member lookup under v2.2.
const MEMBERS = ['/api/v2.1/odata/members', '/api/v2.2/odata/members'];
// COMMUNITY: `Crm2Leads` is an entity set of the "PerfectGym API v2.2" Swagger. GUESS: only under v2.2.
const CRM_LEADS = '/api/v2.2/odata/crm2leads';

// COMMUNITY: the properties integrations read from Members. GUESS: the type name and the Edm types.
const MEMBER_TYPE: EntityType = {
  name: 'PerfectGym.Api.Models.Member',
  properties: {
    id: 'Edm.Int32',
    firstName: 'Edm.String',
    lastName: 'Edm.String',
    email: 'Edm.String',
    phoneNumber: 'Edm.String',
    homeClubId: 'Edm.Int32',
    isActive: 'Edm.Boolean',
    isDeleted: 'Edm.Boolean',
  },
};

// GUESS, all of it: a CRM2 lead as the set shows one, AddLead's body with `leadId` as `id` and the
// time it was added as `createdDate`.
const CRM_LEAD_TYPE: EntityType = {
  name: 'PerfectGym.Api.Models.Crm2Lead',
  properties: {
    id: 'Edm.Int32',
    firstName: 'Edm.String',
    lastName: 'Edm.String',
    email: 'Edm.String',
    phone: 'Edm.String',
    clubId: 'Edm.Int32',
    sourceId: 'Edm.Int32',
    campaignId: 'Edm.Int32',
    inquiredViaId: 'Edm.Int32',
    createdDate: 'Edm.DateTimeOffset',
  },
};

// Near the community's example ids, so simulated leads look like real ones.
const FIRST_LEAD_ID = 52001;

/** The path as the installation sees it, without the first segment (the subdomain), in lower case. */
function installationPath(path: string): string {
  return (path.replace(/^\/[^/]*/, '') || '/').toLowerCase();
}

// COMMUNITY: integrations write both `/Api/` and `/api/`: IIS routes ignore case.
function classify(method: string, path: string): { tenant?: string; endpoint?: ClassicEndpoint } {
  const subdomain = path.split('/')[1];
  const own = installationPath(path);
  const get = method === 'GET';
  const endpoint =
    own === ADD_LEAD && method === 'POST' ? 'add-lead' : MEMBERS.includes(own) && get ? 'members' : own === CRM_LEADS && get ? 'crm-leads' : undefined;
  return { ...(subdomain ? { tenant: subdomain } : {}), ...(endpoint ? { endpoint } : {}) };
}

const json = (c: Context, body: unknown, status: number) => c.json(body, status as ContentfulStatusCode);
const html = (c: Context, body: string, status: number) => c.html(body, status as ContentfulStatusCode);

/**
 * A local stand-in for a PerfectGym Classic (PGM) installation's API, one installation per first
 * path segment: `http://127.0.0.1:8797/<subdomain>` stands for `https://<subdomain>.perfectgym.com`.
 * Every request needs the installation's API client as `X-Client-Id` and `X-Client-Secret`
 * (COMMUNITY), else the login page answers. It serves `POST /Api/v2.1/Crm2/AddLead` and the OData
 * sets `Members` and `Crm2Leads` (the leads AddLead added), each with OData v4's `$filter`. Control routes under `/__sim` read the log, switch faults
 * on, reset, and list an installation's leads.
 *
 * @example
 * const sim = createPerfectGymClassicSimulator({ installations: loadInstallationFixtures(readDevVars()) });
 * serve({ fetch: sim.fetch, hostname: '127.0.0.1', port: 8797 });
 */
export function createPerfectGymClassicSimulator(options: PerfectGymClassicSimulatorOptions): PerfectGymClassicSimulator {
  const now = options.now ?? Date.now;
  const states = new Map<string, InstallationState>();
  for (const fixture of options.installations) {
    if (states.has(fixture.subdomain)) throw new Error(`PerfectGym Classic installation ${fixture.subdomain} is defined twice`);
    states.set(fixture.subdomain, { fixture, leads: [] });
  }
  let nextLeadId = FIRST_LEAD_ID;

  function resetState() {
    for (const state of states.values()) state.leads = [];
    nextLeadId = FIRST_LEAD_ID;
  }

  const kit = createSimKit({
    endpoints: CLASSIC_ENDPOINTS,
    classify,
    errorResponse: (c, status) => {
      const { body, contentType } = faultAnswer(status);
      return c.body(body, status as ContentfulStatusCode, { 'Content-Type': contentType });
    },
    // The Client ID is a login name; the secret is the password and never reaches the log.
    redactHeaders: ['x-client-secret'],
    now,
    onReset: resetState,
  });

  kit.controlRoutes.get('/tenants/:subdomain/leads', (c) => {
    const state = states.get(c.req.param('subdomain'));
    return state ? c.json({ leads: state.leads }) : c.json({ error: 'unknown installation' }, 404);
  });

  const app = new Hono<SimKitEnv>();
  app.route(CONTROL_PREFIX, kit.controlRoutes);
  app.use('*', kit.middleware);

  async function addLead(c: Context<SimKitEnv>, state: InstallationState): Promise<Response> {
    const type = c.req.header('content-type') ?? '';
    // GUESS: Web API's answer to a body no formatter reads.
    if (!/^application\/json\b/i.test(type)) return json(c, mediaTypeNotSupported(type.split(';')[0]!.trim() || 'application/octet-stream'), 415);
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text()) as unknown;
    } catch {
      // GUESS: the code; the envelope is the documented one.
      return json(c, errorsBody([{ code: 'InvalidRequestBody', message: 'The request body is not valid JSON.' }]), 400);
    }
    const input = validateAddLead(body, state.fixture);
    if (Array.isArray(input)) return json(c, errorsBody(input), 400);
    // GUESS: AddLead itself refuses no known email; integrations look members up first for that.
    const lead: StoredLead = { leadId: nextLeadId++, ...input, createdAt: new Date(now()).toISOString() };
    state.leads.push(lead);
    // COMMUNITY: `{ "leadId": … }`; GUESS: with a 200, not a 201 (integrations only check for 2xx).
    return c.json({ leadId: lead.leadId });
  }

  /**
   * An OData collection of one entity set, filtered by `$filter` (any well-formed OData v4
   * filter on the set's properties). GUESS (strict): only $filter; $expand, $select, $top and
   * the rest are not simulated.
   */
  function collection(c: Context<SimKitEnv>, state: InstallationState, set: 'Members' | 'Crm2Leads', own: string): Response {
    const url = new URL(c.req.url);
    const unsupported = [...url.searchParams.keys()].find((name) => name !== '$filter');
    if (unsupported !== undefined) return json(c, odataError(`The query parameter '${unsupported}' is not supported.`), 400);
    const [type, items] =
      set === 'Members'
        ? [MEMBER_TYPE, state.fixture.members as readonly object[]]
        : [
            CRM_LEAD_TYPE,
            state.leads.map(({ leadId, createdAt, agreements: _agreements, consultantId: _consultant, ...lead }) => ({
              id: leadId,
              ...lead,
              createdDate: createdAt,
            })),
          ];
    const raw = url.searchParams.get('$filter');
    let found = items;
    if (raw !== null) {
      try {
        const test = parseFilter(raw, type);
        found = items.filter((item) => test(item as Record<string, unknown>));
      } catch (error) {
        if (!(error instanceof FilterError)) throw error;
        // GUESS: ASP.NET OData's wording around the parser's message.
        return json(c, odataError(`The query specified in the URI is not valid. ${error.message}`), 400);
      }
    }
    // COMMUNITY: `{ "value": [ … ] }`. GUESS: the context URL and the OData v4 content type.
    const version = own.startsWith('/api/v2.1/') ? 'v2.1' : 'v2.2';
    const context = `${url.origin}/${state.fixture.subdomain}/Api/${version}/odata/$metadata#${set}`;
    return c.body(JSON.stringify({ '@odata.context': context, value: found }), 200, {
      'Content-Type': 'application/json; odata.metadata=minimal; odata.streaming=true',
    });
  }

  app.all('/:subdomain/*', async (c) => {
    if (isControlPath(c.req.path)) return c.json({ error: 'unknown control route' }, 404);
    const state = states.get(c.req.param('subdomain'));
    if (!state) return html(c, NOT_FOUND_PAGE, 404);
    // COMMUNITY: X-Client-Id and X-Client-Secret on every request, no token exchange. GUESS: the
    // check runs before routing, so any path without them shows the login page.
    const { clientId, clientSecret } = state.fixture;
    if (c.req.header('x-client-id') !== clientId || c.req.header('x-client-secret') !== clientSecret) return html(c, LOGIN_PAGE, 200);
    const own = installationPath(c.req.path);
    if (own === ADD_LEAD) return c.req.method === 'POST' ? addLead(c, state) : json(c, methodNotSupported(c.req.method), 405);
    if (MEMBERS.includes(own)) return c.req.method === 'GET' ? collection(c, state, 'Members', own) : json(c, methodNotSupported(c.req.method), 405);
    if (own === CRM_LEADS) return c.req.method === 'GET' ? collection(c, state, 'Crm2Leads', own) : json(c, methodNotSupported(c.req.method), 405);
    return json(c, noResource(c.req.url), 404);
  });

  app.notFound((c) => {
    if (isControlPath(c.req.path)) return c.json({ error: 'unknown control route' }, 404);
    return html(c, NOT_FOUND_PAGE, 404);
  });
  app.onError((error, c) => {
    console.error('perfectgym classic simulator:', error);
    return isControlPath(c.req.path) ? c.json({ error: String(error) }, 500) : json(c, webApiMessage('An error has occurred.'), 500);
  });

  return { app, fetch: app.fetch, kit, reset: kit.reset };
}
