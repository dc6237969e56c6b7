import type { Context } from 'hono';
import { Hono } from 'hono';
import { CONTROL_PREFIX, createSimKit, isControlPath, readJson, type SimKit, type SimKitEnv } from '../sim-kit';
import type { EchoTenant } from './echo-tenants';

/** The endpoints as the request log names them; each can be targeted by faults. */
export const ECHO_ENDPOINTS = ['create', 'list'] as const;

/** A lead as the store keeps it. */
export interface EchoLead {
  readonly id: string;
  readonly reference: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly website?: string;
  readonly note?: string;
  readonly createdAt: string;
}

export interface EchoSimulator {
  readonly app: Hono<SimKitEnv>;
  readonly fetch: Hono<SimKitEnv>['fetch'];
  readonly kit: SimKit;
  reset(): void;
}

// The store's own rules: the echo vendor is ours, so these are its "documents".
const LIMITS: Readonly<Record<string, number>> = { reference: 200, firstName: 100, lastName: 100, email: 254, website: 300, note: 2000 };
const REQUIRED = ['reference', 'firstName', 'lastName', 'email'] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const WEBSITE = /^https?:\/\/\S+\.\S+$/;

type Problem = {
  readonly field: string;
  readonly code: 'required' | 'invalid_type' | 'too_long' | 'invalid_email' | 'unknown_field' | 'exists' | 'invalid_url';
};

/** Every problem of a create body; empty when the store takes it. */
export function validateEchoLead(body: unknown): Problem[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [{ field: '', code: 'invalid_type' }];
  const record = body as Record<string, unknown>;
  const problems: Problem[] = [];
  for (const [field, value] of Object.entries(record)) {
    const max = LIMITS[field];
    if (max === undefined) problems.push({ field, code: 'unknown_field' });
    else if (typeof value !== 'string') problems.push({ field, code: 'invalid_type' });
    else if (value.length > max) problems.push({ field, code: 'too_long' });
  }
  for (const field of REQUIRED) if (typeof record[field] !== 'string' || (record[field] as string).trim() === '') problems.push({ field, code: 'required' });
  if (typeof record.email === 'string' && record.email !== '' && !EMAIL.test(record.email)) problems.push({ field: 'email', code: 'invalid_email' });
  if (typeof record.website === 'string' && !WEBSITE.test(record.website)) problems.push({ field: 'website', code: 'invalid_url' });
  return problems;
}

function classify(method: string, path: string): { tenant?: string; endpoint?: (typeof ECHO_ENDPOINTS)[number] } {
  const [, tenant, resource, ...rest] = path.split('/');
  const endpoint = resource === 'leads' && rest.length === 0 ? (method === 'POST' ? 'create' : method === 'GET' ? 'list' : undefined) : undefined;
  return { ...(tenant ? { tenant } : {}), ...(endpoint ? { endpoint } : {}) };
}

const fail = (c: Context, status: 400 | 401 | 404 | 409 | 429 | 500 | 503, errors: readonly Problem[] = []) =>
  c.json({ errors: errors.length > 0 ? errors : [{ field: '', code: status === 401 ? 'unauthorized' : `status_${status}` }] }, status);

/**
 * The echo vendor's lead store, one tenant per first path segment: `POST /<tenant>/leads` with a
 * bearer token stores a lead (`201 { id }`, `409` for an email it has, `400 { errors }`), and
 * `GET /<tenant>/leads?reference=` finds leads by the reference they were sent with.
 */
export function createEchoSimulator(options: { readonly tenants: readonly EchoTenant[]; readonly now?: () => number }): EchoSimulator {
  const now = options.now ?? Date.now;
  const leads = new Map<string, EchoLead[]>(options.tenants.map((t) => [t.tenant, []]));
  let nextId = 1;
  const kit = createSimKit({
    endpoints: ECHO_ENDPOINTS,
    classify,
    errorResponse: (c, status) => fail(c, status as 429 | 500 | 503),
    now,
    onReset: () => {
      for (const tenant of leads.keys()) leads.set(tenant, []);
      nextId = 1;
    },
  });
  kit.controlRoutes.get('/tenants/:tenant/leads', (c) => c.json({ leads: leads.get(c.req.param('tenant')) ?? [] }));

  const app = new Hono<SimKitEnv>();
  app.route(CONTROL_PREFIX, kit.controlRoutes);
  app.use('*', kit.middleware);
  app.use('/:tenant/*', async (c, next) => {
    if (isControlPath(c.req.path)) return next();
    const tenant = options.tenants.find((t) => t.tenant === c.req.param('tenant'));
    if (!tenant) return fail(c, 404);
    if (c.req.header('authorization') !== `Bearer ${tenant.token}`) return fail(c, 401);
    await next();
  });
  app.post('/:tenant/leads', async (c) => {
    const stored = leads.get(c.req.param('tenant'))!;
    const body = await readJson(c);
    const problems = validateEchoLead(body);
    if (problems.length > 0) return fail(c, 400, problems);
    const lead = body as Omit<EchoLead, 'id' | 'createdAt'>;
    if (stored.some((s) => s.email.toLowerCase() === lead.email.toLowerCase())) return fail(c, 409, [{ field: 'email', code: 'exists' }]);
    const record: EchoLead = { ...lead, id: `echo-${nextId++}`, createdAt: new Date(now()).toISOString() };
    stored.push(record);
    return c.json({ id: record.id }, 201);
  });
  app.get('/:tenant/leads', (c) => {
    const reference = c.req.query('reference');
    const stored = leads.get(c.req.param('tenant'))!;
    return c.json({ leads: reference === undefined ? stored : stored.filter((l) => l.reference === reference) });
  });
  app.notFound((c) => fail(c, 404));
  return { app, fetch: app.fetch, kit, reset: kit.reset };
}
