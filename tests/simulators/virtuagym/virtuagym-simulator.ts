import type { Context } from 'hono';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { SimKit, SimKitEnv, SimVariables } from '../sim-kit';
import { CONTROL_PREFIX, createSimKit, isControlPath, readJson } from '../sim-kit';
import type { ClubFixture } from './clubs';
import type { KeycloakError } from './error-response';
import { failBody, gatewayErrorBody, INVALID_CLIENT, keycloakError, NO_ROUTE, notFoundBody, TOKEN_NOT_VALID, tokenErrorBody } from './error-response';
import type { StoredLead } from './lead-record';
import { leadRecord, newLead, updatedLead } from './lead-record';
import { createOAuthClients } from './oauth-clients';
import type { TokenGrant } from './token-store';
import { createTokenStore } from './token-store';
import { validateLead } from './validate-lead';

/** The endpoints a fault can target, as they appear in the request log. */
export const VIRTUAGYM_ENDPOINTS = ['token', 'list', 'get', 'create', 'update'] as const;
export type VirtuagymEndpoint = (typeof VIRTUAGYM_ENDPOINTS)[number];

/** FACT: the Keycloak token path on `iam.services.virtuagym.com`. */
export const TOKEN_PATH = '/auth/realms/virtuagym/protocol/openid-connect/token';

/** COMMUNITY: 25 leads per page unless `limit` says otherwise. */
export const DEFAULT_PAGE_SIZE = 25;

export interface VirtuagymSimulatorOptions {
  readonly clubs: readonly ClubFixture[];
  /** The clock for token expiry, lead timestamps and log times; tests move it. */
  readonly now?: () => number;
}

export interface VirtuagymSimulator {
  readonly app: Hono<VirtuagymEnv>;
  readonly fetch: Hono<VirtuagymEnv>['fetch'];
  readonly kit: SimKit;
  /** Everything back to the fixtures: log, leads, tokens, token counters, client lifetimes, faults. */
  reset(): void;
}

interface ClubState {
  readonly fixture: ClubFixture;
  leads: StoredLead[];
}

type VirtuagymEnv = SimKitEnv & { Variables: SimVariables & { grant: TokenGrant; club: ClubState } };

// Near the community's example lead id, so simulated leads look like real ones.
const FIRST_LEAD_ID = 751564;

const LEADS_PATH = /^\/v3\/clubs\/([^/]+)\/leads(?:\/([^/]+))?$/;

function classify(method: string, path: string, headers: Headers): { tenant?: string; endpoint?: VirtuagymEndpoint } {
  if (path === TOKEN_PATH) {
    const club = headers.get('x-represent-club-id');
    return { ...(club === null ? {} : { tenant: club }), ...(method === 'POST' ? { endpoint: 'token' as const } : {}) };
  }
  const clubPath = /^\/v3\/clubs\/([^/]+)(?:\/|$)/.exec(path);
  if (!clubPath?.[1]) return {};
  const lead = LEADS_PATH.exec(path);
  const endpoints: Readonly<Record<string, VirtuagymEndpoint>> = lead?.[2] ? { GET: 'get', PUT: 'update' } : lead ? { GET: 'list', POST: 'create' } : {};
  const endpoint = endpoints[method];
  return { tenant: clubPath[1], ...(endpoint ? { endpoint } : {}) };
}

const json = (c: Context, body: unknown, status: number) => c.json(body, status as ContentfulStatusCode);

/** A page or limit query parameter: absent, or a positive integer. GUESS: anything else is a 400. */
function readPositive(value: string | undefined, fallback: number): number | undefined {
  if (value === undefined) return fallback;
  return /^[1-9][0-9]{0,8}$/.test(value) ? Number(value) : undefined;
}

/**
 * A local stand-in for Virtuagym's v3 leads API: the Keycloak token endpoint of
 * `iam.services.virtuagym.com` and the lead routes of `gateway.services.virtuagym.com`, both on
 * one server. Tokens are per club and expire on the injected clock. Control routes under `/__sim`
 * read the log, switch faults on, change token lifetimes, revoke and count tokens, and list leads.
 *
 * @example
 * const sim = createVirtuagymSimulator({ clubs: loadClubFixtures({ VG_DEMO_CLIENT_ID: 'id', VG_DEMO_CLIENT_SECRET: 's' }) });
 * serve({ fetch: sim.fetch, hostname: '127.0.0.1', port: 8792 });
 */
export function createVirtuagymSimulator(options: VirtuagymSimulatorOptions): VirtuagymSimulator {
  const now = options.now ?? Date.now;
  const clubs = new Map<string, ClubState>();
  for (const fixture of options.clubs) {
    if (clubs.has(String(fixture.clubId))) throw new Error(`club ${fixture.clubId} is defined twice`);
    clubs.set(String(fixture.clubId), { fixture, leads: [] });
  }
  const clients = createOAuthClients(options.clubs);
  const tokens = createTokenStore(
    options.clubs.map((club) => club.clubId),
    now,
  );
  let nextLeadId = FIRST_LEAD_ID;

  function resetState() {
    for (const club of clubs.values()) club.leads = [];
    tokens.reset();
    clients.reset();
    nextLeadId = FIRST_LEAD_ID;
  }

  const isTokenPath = (c: Context) => c.req.path === TOKEN_PATH || c.req.path.startsWith('/auth/');

  const kit = createSimKit({
    endpoints: VIRTUAGYM_ENDPOINTS,
    classify,
    errorResponse: (c, status) => json(c, isTokenPath(c) ? tokenErrorBody(status) : gatewayErrorBody(status), status),
    redactBodyFields: ['client_secret'],
    now,
    onReset: resetState,
  });

  kit.controlRoutes.put('/clients/:clientId', async (c) => {
    const client = clients.get(c.req.param('clientId'));
    if (!client) return c.json({ error: 'unknown client' }, 404);
    const body = await readJson(c);
    const expiresIn = (body as { expiresIn?: unknown } | undefined)?.expiresIn;
    if (typeof body !== 'object' || body === null || Object.keys(body).some((key) => key !== 'expiresIn')) {
      return c.json({ error: 'the body must be { "expiresIn": <seconds> }' }, 400);
    }
    if (!Number.isSafeInteger(expiresIn) || (expiresIn as number) < 0) {
      return c.json({ error: 'expiresIn must be a non-negative integer' }, 400);
    }
    client.expiresIn = expiresIn as number;
    return c.json({ clientId: client.clientId, expiresIn: client.expiresIn });
  });
  kit.controlRoutes.post('/tokens/revoke', async (c) => {
    const text = await c.req.text();
    let clubId: number | undefined;
    if (text.trim() !== '') {
      const body = await readJson(c);
      const given = (body as { clubId?: unknown } | undefined)?.clubId;
      if (typeof body !== 'object' || body === null || Object.keys(body).some((key) => key !== 'clubId')) {
        return c.json({ error: 'the body must be empty or { "clubId": <club id> }' }, 400);
      }
      if (given !== undefined) {
        const club = clubs.get(String(given));
        if (!club) return c.json({ error: 'unknown club' }, 404);
        clubId = club.fixture.clubId;
      }
    }
    return c.json({ revoked: tokens.revoke(clubId) });
  });
  kit.controlRoutes.get('/tokens', (c) => c.json(tokens.counts()));
  kit.controlRoutes.get('/clubs/:clubId/leads', (c) => {
    const club = clubs.get(c.req.param('clubId'));
    return club ? c.json({ leads: club.leads }) : c.json({ error: 'unknown club' }, 404);
  });

  const app = new Hono<VirtuagymEnv>();
  app.route(CONTROL_PREFIX, kit.controlRoutes);
  app.use('*', kit.middleware);

  // ---- iam.services.virtuagym.com ----

  const tokenError = (c: Context, status: number, body: KeycloakError) => json(c, body, status);

  app.post(TOKEN_PATH, async (c) => {
    // GUESS: Keycloak reads form parameters only; anything else reads as no parameters at all.
    if (!/^application\/x-www-form-urlencoded\s*(?:;|$)/i.test(c.req.header('content-type') ?? '')) {
      return tokenError(c, 400, keycloakError('invalid_request', 'Content-Type must be application/x-www-form-urlencoded'));
    }
    const form = new URLSearchParams(await c.req.text());
    // Keycloak checks the grant type before it authenticates the client.
    if (!form.has('grant_type')) return tokenError(c, 400, keycloakError('invalid_request', 'Missing form parameter: grant_type'));
    if (['grant_type', 'client_id', 'client_secret'].some((name) => form.getAll(name).length > 1)) {
      return tokenError(c, 400, keycloakError('invalid_request', 'duplicated parameter'));
    }
    if (form.get('grant_type') !== 'client_credentials') {
      return tokenError(c, 400, keycloakError('unsupported_grant_type', 'Unsupported grant_type'));
    }
    // GUESS: a missing credential is a malformed request rather than a failed authentication.
    for (const name of ['client_id', 'client_secret']) {
      if (!form.get(name)) return tokenError(c, 400, keycloakError('invalid_request', `Missing form parameter: ${name}`));
    }
    const result = clients.authenticate(form.get('client_id') ?? '', form.get('client_secret') ?? '', c.req.header('x-represent-club-id'));
    if (result === 'invalid_client') return tokenError(c, 401, INVALID_CLIENT);
    if (result === 'missing_club') {
      return tokenError(c, 400, keycloakError('invalid_request', 'Missing header: x-represent-club-id'));
    }
    const client = clients.get(form.get('client_id') ?? '');
    const expiresIn = client?.expiresIn ?? 0;
    const accessToken = tokens.issue(form.get('client_id') ?? '', result.clubId, expiresIn);
    return c.json(
      {
        access_token: accessToken,
        expires_in: expiresIn,
        refresh_expires_in: 0,
        token_type: 'Bearer',
        'not-before-policy': 0,
        scope: `leads_${result.clubId}`,
      },
      200,
      // As Keycloak sends them with every token.
      { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
    );
  });
  // GUESS: the bodies of RESTEasy's own 405 and 404 under /auth.
  app.all(TOKEN_PATH, (c) => json(c, { error: 'HTTP 405 Method Not Allowed' }, 405));
  app.all('/auth/*', (c) => json(c, { error: 'Unable to find matching target resource method' }, 404));

  // ---- gateway.services.virtuagym.com ----

  // The gateway checks the token before any route of the API: no token, no answer from the backend.
  app.use('/v3/*', async (c, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    const grant = match?.[1] === undefined ? undefined : tokens.check(match[1], now());
    if (!grant) return json(c, TOKEN_NOT_VALID, 401);
    c.set('grant', grant);
    await next();
  });

  app.use('/v3/clubs/:clubId/*', async (c, next) => {
    const club = clubs.get(c.req.param('clubId'));
    // GUESS: the unknown club is reported before the token's club is compared with it.
    if (!club) return json(c, notFoundBody('ERROR: Club not found'), 404);
    // FACT: 403 "No access to this club".
    if (c.var.grant.clubId !== club.fixture.clubId) return json(c, failBody('Forbidden'), 403);
    c.set('club', club);
    await next();
  });

  /** The parsed JSON body, or the vendor's 400. */
  async function readBody(c: Context<VirtuagymEnv>): Promise<{ body: unknown } | Response> {
    // GUESS: the doc always sends JSON; a body declared otherwise is refused.
    if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(c.req.header('content-type') ?? '')) {
      return json(c, failBody('The request body must be JSON (Content-Type: application/json).'), 400);
    }
    try {
      return { body: JSON.parse(await c.req.text()) as unknown };
    } catch {
      return json(c, failBody('The request body must be a JSON object.'), 400);
    }
  }

  const findLead = (club: ClubState, leadId: string) => club.leads.find((lead) => lead.lead_id === leadId);
  const leadNotFound = (c: Context) => json(c, notFoundBody('ERROR: Lead not found'), 404);

  app.get('/v3/clubs/:clubId/leads', (c) => {
    const { club } = c.var;
    // COMMUNITY: only page and limit work; page_size, offset, sync_from and the rest are ignored.
    const page = readPositive(c.req.query('page'), 1);
    if (page === undefined) return json(c, failBody('`page` must be a positive integer.'), 400);
    const limit = readPositive(c.req.query('limit'), DEFAULT_PAGE_SIZE);
    if (limit === undefined) return json(c, failBody('`limit` must be a positive integer.'), 400);
    // COMMUNITY: newest first ("the newest 25 rows"); no total, so a short page is the end.
    const newestFirst = [...club.leads].reverse();
    const leads = newestFirst.slice((page - 1) * limit, page * limit);
    const owners: Record<string, { member_id: string; firstname: string; lastname: string }> = {};
    for (const lead of leads) {
      const owner = club.fixture.staff.find((member) => String(member.memberId) === lead.owner_id);
      if (owner) owners[lead.owner_id] = { member_id: String(owner.memberId), firstname: owner.firstname, lastname: owner.lastname };
    }
    return c.json({
      status: 'success',
      data: {
        leads: leads.map(leadRecord),
        // GUESS: whether this page holds leads.
        has_leads: leads.length > 0,
        // COMMUNITY: PHP serialises an empty map as [].
        owners: Object.keys(owners).length === 0 ? [] : owners,
      },
    });
  });

  app.get('/v3/clubs/:clubId/leads/:leadId', (c) => {
    const lead = findLead(c.var.club, c.req.param('leadId'));
    return lead ? c.json({ status: 'success', data: { name: 'Lead Detail', lead: leadRecord(lead) } }) : leadNotFound(c);
  });

  app.post('/v3/clubs/:clubId/leads', async (c) => {
    const { club } = c.var;
    const read = await readBody(c);
    if (read instanceof Response) return read;
    const input = validateLead(read.body);
    if (typeof input === 'string') return json(c, failBody(input), 400);
    // FACT: no duplicate detection; the same email twice is two leads.
    const lead = newLead(input, nextLeadId++, club.fixture.clubId, now());
    club.leads.push(lead);
    // FACT: the id is a string here and a number on update.
    return c.json({ status: 'success', message: '', data: { status: 'success', message: 'Lead created', id: lead.lead_id } });
  });

  app.put('/v3/clubs/:clubId/leads/:leadId', async (c) => {
    const { club } = c.var;
    const lead = findLead(club, c.req.param('leadId'));
    if (!lead) return leadNotFound(c);
    const read = await readBody(c);
    if (read instanceof Response) return read;
    // FACT: "Parameters are the same as Create a Lead": a partial body is refused like a create missing them.
    const input = validateLead(read.body);
    if (typeof input === 'string') return json(c, failBody(input), 400);
    // GUESS: optional parameters left out keep their stored values.
    const updated = updatedLead(lead, input, now());
    club.leads = club.leads.map((stored) => (stored === lead ? updated : stored));
    return c.json({ status: 'success', message: '', data: { status: 'success', message: 'Lead updated', id: Number(lead.lead_id) } });
  });

  // GUESS: a wrong method on a lead route is a 405 in the backend's envelope.
  app.all('/v3/clubs/:clubId/leads', (c) => json(c, gatewayErrorBody(405), 405));
  app.all('/v3/clubs/:clubId/leads/:leadId', (c) => json(c, gatewayErrorBody(405), 405));

  app.notFound((c) => {
    if (isControlPath(c.req.path)) return c.json({ error: 'unknown control route' }, 404);
    // GUESS: past the token check, an unknown /v3 path is the backend's 404; elsewhere Kong matches no route.
    return c.req.path.startsWith('/v3/') ? json(c, gatewayErrorBody(404), 404) : json(c, NO_ROUTE, 404);
  });
  app.onError((error, c) => {
    console.error('virtuagym simulator:', error);
    if (isControlPath(c.req.path)) return c.json({ error: String(error) }, 500);
    return json(c, isTokenPath(c) ? tokenErrorBody(500) : gatewayErrorBody(500), 500);
  });

  return { app, fetch: app.fetch, kit, reset: kit.reset };
}
