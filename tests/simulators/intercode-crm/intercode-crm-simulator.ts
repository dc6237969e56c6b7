import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { SimKit, SimKitEnv, SimVariables } from '../sim-kit';
import { CONTROL_PREFIX, createSimKit, isControlPath } from '../sim-kit';
import type { NestError } from './error-response';
import { ACCESS_DENIED, faultBody, nestError, noRoute, UNAUTHORIZED, validationError } from './error-response';
import type { CrmUser, InstanceFixture, LeadStatus } from './instances';
import type { LeadActivity, LeadLog, LogAction, StoredLead } from './lead-record';
import { changedLead, comments, leadView, logs, newLead } from './lead-record';
import { validateCreateLead, validateLeadChanges } from './validate-lead';
import { validateChangeStatus, validateComment, validateIds, validateNewStatus } from './validate-requests';

/** The endpoints as the request log names them; each can be targeted by faults. */
export const CRM_ENDPOINTS = [
  'login',
  'me',
  'list',
  'search',
  'get',
  'statuses',
  'create',
  'comment',
  'logs',
  'update',
  'archive',
  'restore',
  'change-status',
  'create-status',
] as const;
export type CrmEndpoint = (typeof CRM_ENDPOINTS)[number];

export interface IntercodeCrmSimulatorOptions {
  readonly instances: readonly InstanceFixture[];
  /** The clock for lead, log and comment times and the request log; tests move it. */
  readonly now?: () => number;
}

export interface IntercodeCrmSimulator {
  readonly app: Hono<CrmEnv>;
  readonly fetch: Hono<CrmEnv>['fetch'];
  readonly kit: SimKit;
  /** Everything back to the fixtures: log, faults, leads, comments, statuses, ids. */
  reset(): void;
}

interface InstanceState {
  readonly fixture: InstanceFixture;
  statuses: LeadStatus[];
  leads: StoredLead[];
  nextLeadId: number;
  nextCommentId: number;
  nextLogId: number;
  nextStatusId: number;
  /** Signed-in sessions by the id their `connect.sid` cookie carries. */
  sessions: Map<string, { readonly user: CrmUser; readonly expiresAt: number }>;
}

/**
 * GUESS: the kit's login session lives this long (express-session's `cookie.maxAge`); the page
 * names none. The cookie says so in `Expires`, as express-session writes it.
 */
export const SESSION_SECONDS = 3600;

type Access = 'read' | 'write';
type CrmEnv = SimKitEnv & { Variables: SimVariables & { crm: InstanceState; user: CrmUser } };

// The routes below are what the installation's server sees, without the instance segment.
const ENDPOINTS_BY_ROUTE: Readonly<Record<string, CrmEndpoint>> = {
  'POST /auth/login': 'login',
  'GET /auth/me': 'me',
  'GET /leads': 'list',
  'POST /leads': 'create',
  'GET /leads/search': 'search',
  'GET /leads/statuses': 'statuses',
  'POST /leads/status': 'create-status',
  'PATCH /leads/archive': 'archive',
  'PATCH /leads/restore': 'restore',
  'PUT /leads/change-status': 'change-status',
  'POST /leads/comments/:id': 'comment',
  'GET /leads/logs-and-comments/:id': 'logs',
  'GET /leads/logs/:id': 'logs',
  'GET /leads/:id': 'get',
  'PUT /leads/:id': 'update',
};

/** The path as the installation sees it: without the first segment, which stands for the host. */
const hostPath = (path: string) => path.replace(/^\/[^/]*/, '') || '/';

function classify(method: string, path: string): { tenant?: string; endpoint?: CrmEndpoint } {
  const instance = path.split('/')[1];
  const [, resource, name, id, ...rest] = hostPath(path).split('/');
  let endpoint: CrmEndpoint | undefined;
  if (resource === 'auth' && id === undefined) endpoint = ENDPOINTS_BY_ROUTE[`${method} /auth/${name ?? ''}`];
  if (resource === 'leads' && rest.length === 0) {
    const exact = ENDPOINTS_BY_ROUTE[`${method} /leads${name === undefined ? '' : `/${name}`}`];
    endpoint =
      id === undefined
        ? (exact ?? (name === undefined || name === '' ? undefined : ENDPOINTS_BY_ROUTE[`${method} /leads/:id`]))
        : ENDPOINTS_BY_ROUTE[`${method} /leads/${name}/:id`];
  }
  return { ...(instance ? { tenant: instance } : {}), ...(endpoint ? { endpoint } : {}) };
}

const json = (c: Context, body: NestError | readonly unknown[] | Record<string, unknown>, status: number) => c.json(body, status as ContentfulStatusCode);

/** A lead id in a path: a positive integer, or undefined. */
const readId = (value: string | undefined) => (value !== undefined && /^[1-9][0-9]{0,14}$/.test(value) ? Number(value) : undefined);

const sameText = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

const nextAfter = (ids: readonly number[]) => Math.max(0, ...ids) + 1;

function freshState(fixture: InstanceFixture): InstanceState {
  let nextCommentId = 1;
  let nextLogId = 1;
  const leads = fixture.leads.map((lead): StoredLead => {
    const { id, createdAt, archived, comments: fixtureComments, ...input } = lead;
    const time = new Date(createdAt).toISOString();
    const activity: LeadActivity[] = [
      {
        kind: 'log',
        entry: { id: nextLogId++, action: 'CreateLead', entityType: 'Lead', user: { id: fixture.user.id, email: fixture.user.email }, createdAt: time },
      },
      ...(fixtureComments ?? []).map(
        (comment): LeadActivity => ({
          kind: 'comment',
          entry: { id: nextCommentId++, content: comment.content, user: fixture.user, createdAt: new Date(comment.createdAt).toISOString() },
        }),
      ),
    ];
    return { ...newLead(input, id, fixture.businesses, time), archived: archived ?? false, activity };
  });
  return {
    fixture,
    statuses: structuredClone([...fixture.statuses]),
    leads,
    nextLeadId: nextAfter(fixture.leads.map((lead) => lead.id)),
    nextCommentId,
    nextLogId,
    nextStatusId: nextAfter(fixture.statuses.map((status) => status.id)),
    sessions: new Map(),
  };
}

/**
 * A local stand-in for the lead API of a self-hosted Intercode SaaS Kit (a NestJS app), one
 * installation per first path segment: `http://127.0.0.1:8794/<instance>` stands for the CRM's
 * host. Requests carry `Authorization: Bearer <token>` (each token is one fixture user, who may
 * read and write leads or only read them) or the `connect.sid` cookie of a service account's
 * `POST /auth/login` session. Control routes under `/__sim` read the request log, switch faults
 * on, reset, end an instance's sessions, and list its leads with their comments.
 *
 * @example
 * const sim = createIntercodeCrmSimulator({ instances: loadInstanceFixtures({ CRM_DEMO_TOKEN: 't' }) });
 * serve({ fetch: sim.fetch, hostname: '127.0.0.1', port: 8794 });
 */
export function createIntercodeCrmSimulator(options: IntercodeCrmSimulatorOptions): IntercodeCrmSimulator {
  const now = options.now ?? Date.now;
  const states = new Map<string, InstanceState>();
  for (const fixture of options.instances) {
    if (states.has(fixture.instance)) throw new Error(`CRM instance ${fixture.instance} is defined twice`);
    states.set(fixture.instance, freshState(fixture));
  }

  function resetState() {
    for (const [instance, state] of states) states.set(instance, freshState(state.fixture));
  }

  const kit = createSimKit({
    endpoints: CRM_ENDPOINTS,
    classify,
    errorResponse: (c, status) => json(c, faultBody(status), status),
    // A kit installation is also reached with its PassportJS session cookie, which login sets.
    redactHeaders: ['cookie', 'set-cookie'],
    redactBodyFields: ['password'],
    now,
    onReset: resetState,
  });

  const catalog = (state: InstanceState) => ({ statuses: state.statuses, businesses: state.fixture.businesses });

  kit.controlRoutes.get('/instances/:instance/leads', (c) => {
    const state = states.get(c.req.param('instance'));
    if (!state) return c.json({ error: 'unknown instance' }, 404);
    return c.json({
      leads: state.leads.map((lead) => ({ ...leadView(lead, catalog(state)), comments: comments(lead), logs: logs(lead) })),
    });
  });

  // Ends every signed-in session of an instance, as a restarted server or an expired store would.
  kit.controlRoutes.post('/instances/:instance/sessions/end', (c) => {
    const state = states.get(c.req.param('instance'));
    if (!state) return c.json({ error: 'unknown instance' }, 404);
    const ended = state.sessions.size;
    state.sessions.clear();
    return c.json({ ended });
  });

  const app = new Hono<CrmEnv>();
  app.route(CONTROL_PREFIX, kit.controlRoutes);
  app.use('*', kit.middleware);

  // The instance stands for the host: an unknown one is no installation of ours.
  app.use('/:instance/*', async (c, next) => {
    if (isControlPath(c.req.path)) return next();
    const state = states.get(c.req.param('instance'));
    if (!state) return json(c, noRoute(c.req.method, c.req.path), 404);
    c.set('crm', state);
    await next();
  });

  // Guards run on matched routes only, as in NestJS: an unknown route is a 404 even without a token.
  const signedIn =
    (access: Access): MiddlewareHandler<CrmEnv> =>
    async (c, next) => {
      const { fixture } = c.var.crm;
      const token = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
      const session = sessionOf(c);
      if (session) {
        c.set('user', session.user);
      } else if (token !== undefined && token === fixture.token) {
        c.set('user', fixture.user);
      } else if (token !== undefined && token === fixture.readOnlyToken && fixture.readOnly) {
        if (access === 'write') return json(c, ACCESS_DENIED, 403);
        c.set('user', fixture.readOnly.user);
      } else {
        return json(c, UNAUTHORIZED, 401);
      }
      await next();
    };
  /** The live session the request's `connect.sid` cookie names, if any. */
  function sessionOf(c: Context<CrmEnv>) {
    const id = /(?:^|;\s*)connect\.sid=([^;\s]+)/.exec(c.req.header('cookie') ?? '')?.[1];
    const session = id === undefined ? undefined : c.var.crm.sessions.get(decodeURIComponent(id));
    return session && session.expiresAt > now() ? session : undefined;
  }
  const read = signedIn('read');
  const write = signedIn('write');

  /** The body as Express's JSON parser leaves it: `{}` unless declared as JSON; a parse error is a 400. */
  async function readBody(c: Context<CrmEnv>): Promise<{ body: unknown } | Response> {
    const text = await c.req.text();
    if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '') || text.trim() === '') return { body: {} };
    try {
      return { body: JSON.parse(text) as unknown };
    } catch (error) {
      return json(c, nestError(400, error instanceof Error ? error.message : 'Invalid JSON'), 400);
    }
  }

  const time = () => new Date(now()).toISOString();
  const view = (state: InstanceState, lead: StoredLead) => leadView(lead, catalog(state));
  const findLead = (state: InstanceState, id: number | undefined) => state.leads.find((lead) => lead.id === id);
  const replaceLead = (state: InstanceState, lead: StoredLead) => {
    state.leads = state.leads.map((stored) => (stored.id === lead.id ? lead : stored));
  };
  const withLog = (state: InstanceState, lead: StoredLead, action: LogAction, user: CrmUser, at: string): StoredLead => {
    const entry: LeadLog = { id: state.nextLogId++, action, entityType: 'Lead', user: { id: user.id, email: user.email }, createdAt: at };
    return { ...lead, activity: [...lead.activity, { kind: 'log', entry }] };
  };
  const leadNotFound = (c: Context) => json(c, nestError(404, 'Lead not found'), 404);
  const invalidLeadId = (c: Context) => json(c, nestError(400, 'Invalid lead ID'), 400);
  const statusNotFound = (c: Context) => json(c, nestError(404, 'No lead status found'), 404);
  const emailTaken = (state: InstanceState, email: string, except?: number) => state.leads.some((lead) => lead.id !== except && sameText(lead.email, email));

  /** FACT (the Auth page): the signed-in user's profile. GUESS: `roles` and the two-factor flag of a plain user. */
  const profile = (user: CrmUser) => ({ ...user, roles: ['User'], isTwoFactorEnable: false, photo: null });

  // GUESS: the Auth page's POST is a PassportJS local login, `POST /auth/login` with `{email, password}`,
  // answered 200 with the profile and an express-session cookie `connect.sid`; wrong or missing
  // credentials are the guard's 401. Only the service account of the fixture can sign in.
  app.post('/:instance/auth/login', async (c) => {
    const state = c.var.crm;
    const body = await readBody(c);
    if (body instanceof Response) return body;
    const given = body.body as { email?: unknown; password?: unknown };
    const account = state.fixture.credentials;
    if (!account || given.email !== account.email || given.password !== account.password) return json(c, UNAUTHORIZED, 401);
    const id = crypto.randomUUID();
    const expiresAt = now() + SESSION_SECONDS * 1000;
    state.sessions.set(id, { user: state.fixture.user, expiresAt });
    c.header('Set-Cookie', `connect.sid=${encodeURIComponent(id)}; Path=/; Expires=${new Date(expiresAt).toUTCString()}; HttpOnly`);
    return c.json(profile(state.fixture.user), 200);
  });

  app.get('/:instance/auth/me', read, (c) => c.json(profile(c.var.user)));

  // Static routes first: `/leads/:id` would match them too.

  app.get('/:instance/leads/statuses', read, (c) => c.json({ statuses: c.var.crm.statuses, colors: c.var.crm.fixture.colors }));

  // GUESS: the page names no parameter; `query` is matched against names, email, company and phone numbers.
  app.get('/:instance/leads/search', read, (c) => {
    const state = c.var.crm;
    const wanted = (c.req.query('query') ?? '').trim().toLowerCase();
    const matches = state.leads.filter(
      (lead) =>
        !lead.archived &&
        [lead.firstName, lead.lastName, `${lead.firstName} ${lead.lastName}`, lead.email, lead.company, ...lead.phoneNumber].some((text) =>
          text.toLowerCase().includes(wanted),
        ),
    );
    // FACT: the page's search answer shows only these fields, not the description; `GET /leads/{id}` has the rest.
    return c.json(
      matches.map((lead) => {
        const { id, firstName, lastName, email, phoneNumber, status, business } = view(state, lead);
        return { id, firstName, lastName, email, phoneNumber, status, business };
      }),
    );
  });

  // GUESS: archived leads are listed only with `?archived=true`; no paging, so `count` is the whole list.
  app.get('/:instance/leads', read, (c) => {
    const state = c.var.crm;
    const archived = c.req.query('archived') === 'true';
    const leads = state.leads.filter((lead) => lead.archived === archived).map((lead) => view(state, lead));
    return c.json({ count: leads.length, leads });
  });

  // GUESS: newest first, as an activity feed shows them.
  app.get('/:instance/leads/logs-and-comments/:id', read, (c) => {
    const id = readId(c.req.param('id'));
    if (id === undefined) return invalidLeadId(c);
    const lead = findLead(c.var.crm, id);
    if (!lead) return leadNotFound(c);
    return c.json({
      logsAndComments: [...lead.activity].reverse().map((item) => item.entry),
      logsCount: logs(lead).length,
      commentsCount: comments(lead).length,
    });
  });

  app.get('/:instance/leads/logs/:id', read, (c) => {
    const id = readId(c.req.param('id'));
    if (id === undefined) return invalidLeadId(c);
    const lead = findLead(c.var.crm, id);
    if (!lead) return leadNotFound(c);
    const entries = logs(lead).reverse();
    return c.json({ count: entries.length, logs: entries });
  });

  // GUESS: an id that is no number finds no lead (the page types it as a string here).
  app.get('/:instance/leads/:id', read, (c) => {
    const lead = findLead(c.var.crm, readId(c.req.param('id')));
    return lead ? c.json(view(c.var.crm, lead)) : leadNotFound(c);
  });

  app.post('/:instance/leads', write, async (c) => {
    const state = c.var.crm;
    const body = await readBody(c);
    if (body instanceof Response) return body;
    const input = validateCreateLead(body.body);
    if (Array.isArray(input)) return json(c, validationError(input), 400);
    // GUESS: the email is checked before the status.
    if (emailTaken(state, input.email)) return json(c, nestError(400, 'Email already exists'), 400);
    if (!state.statuses.some((status) => status.id === input.statusId)) return statusNotFound(c);
    const at = time();
    const lead = withLog(state, newLead(input, state.nextLeadId++, state.fixture.businesses, at), 'CreateLead', c.var.user, at);
    state.leads.push(lead);
    return c.json(view(state, lead), 201);
  });

  app.post('/:instance/leads/status', write, async (c) => {
    const state = c.var.crm;
    const body = await readBody(c);
    if (body instanceof Response) return body;
    const input = validateNewStatus(body.body, state.fixture.colors);
    if (Array.isArray(input)) return json(c, validationError(input), 400);
    if (state.statuses.some((status) => sameText(status.name, input.name))) {
      return json(c, nestError(400, 'Lead status already exists'), 400);
    }
    // GUESS: from the page's examples (blue → lightblue, green → lightgreen).
    const status: LeadStatus = { id: state.nextStatusId++, name: input.name, primaryColor: input.primaryColor, secondaryColor: `light${input.primaryColor}` };
    state.statuses.push(status);
    return c.json(status, 201);
  });

  app.post('/:instance/leads/comments/:id', write, async (c) => {
    const state = c.var.crm;
    const id = readId(c.req.param('id'));
    if (id === undefined) return invalidLeadId(c);
    const body = await readBody(c);
    if (body instanceof Response) return body;
    const input = validateComment(body.body);
    if (Array.isArray(input)) return json(c, validationError(input), 400);
    const lead = findLead(state, id);
    if (!lead) return leadNotFound(c);
    const comment = { id: state.nextCommentId++, content: input.content, user: c.var.user, createdAt: time() };
    replaceLead(state, { ...lead, activity: [...lead.activity, { kind: 'comment', entry: comment }] });
    return c.json(comment, 201);
  });

  const archiving = (archived: boolean, action: LogAction, done: string) => async (c: Context<CrmEnv>) => {
    const state = c.var.crm;
    const body = await readBody(c);
    if (body instanceof Response) return body;
    const input = validateIds(body.body);
    if (Array.isArray(input)) return json(c, validationError(input), 400);
    if (!input.ids.every((id) => findLead(state, id))) return json(c, nestError(400, 'One or more leads not found'), 400);
    const at = time();
    for (const id of new Set(input.ids)) {
      const lead = findLead(state, id);
      if (lead) replaceLead(state, withLog(state, { ...lead, archived, updatedAt: at }, action, c.var.user, at));
    }
    return c.json({ message: `Leads ${done} successfully`, description: `The leads have been ${done} successfully.` });
  };
  app.patch('/:instance/leads/archive', write, archiving(true, 'ArchiveLead', 'archived'));
  app.patch('/:instance/leads/restore', write, archiving(false, 'RestoreLead', 'restored'));

  app.put('/:instance/leads/change-status', write, async (c) => {
    const state = c.var.crm;
    const body = await readBody(c);
    if (body instanceof Response) return body;
    const input = validateChangeStatus(body.body);
    if (Array.isArray(input)) return json(c, validationError(input), 400);
    const status = state.statuses.find((known) => known.id === input.statusId);
    // GUESS: the status is checked before the leads.
    if (!status) return json(c, nestError(400, 'Invalid status ID'), 400);
    if (!input.ids.every((id) => findLead(state, id))) return leadNotFound(c);
    const at = time();
    const ids = [...new Set(input.ids)];
    for (const id of ids) {
      const lead = findLead(state, id);
      if (lead) replaceLead(state, withLog(state, { ...lead, statusId: status.id, updatedAt: at }, 'ChangeLeadStatus', c.var.user, at));
    }
    return c.json(ids.map((id) => ({ id, status: status.name })));
  });

  app.put('/:instance/leads/:id', write, async (c) => {
    const state = c.var.crm;
    const body = await readBody(c);
    if (body instanceof Response) return body;
    const changes = validateLeadChanges(body.body);
    if (Array.isArray(changes)) return json(c, validationError(changes), 400);
    const lead = findLead(state, readId(c.req.param('id')));
    if (!lead) return leadNotFound(c);
    if (changes.email !== undefined && emailTaken(state, changes.email, lead.id)) {
      return json(c, nestError(400, 'Email already exists'), 400);
    }
    if (changes.statusId !== undefined && !state.statuses.some((status) => status.id === changes.statusId)) return statusNotFound(c);
    const at = time();
    const updated = withLog(state, changedLead(lead, changes, state.fixture.businesses, at), 'UpdateLead', c.var.user, at);
    replaceLead(state, updated);
    return c.json(view(state, updated));
  });

  app.notFound((c) => {
    if (isControlPath(c.req.path)) return c.json({ error: 'unknown control route' }, 404);
    const known = states.has(c.req.path.split('/')[1] ?? '');
    return json(c, noRoute(c.req.method, known ? hostPath(c.req.path) : c.req.path), 404);
  });
  app.onError((error, c) => {
    console.error('intercode crm simulator:', error);
    return isControlPath(c.req.path) ? c.json({ error: String(error) }, 500) : json(c, faultBody(500), 500);
  });

  return { app, fetch: app.fetch, kit, reset: kit.reset };
}
