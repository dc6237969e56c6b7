import { type Context, Hono } from 'hono';
import * as v from 'valibot';
import { DELIVERY_STATUSES } from '../../shared/admin';
import type { AdminOverview, AdminSession, DailyCount, DailyCounts, FormOverview, SIGN_IN_METHODS, StatusLight } from '../../shared/admin-console';
import { mayUseForm } from '../admin-access/scoped-token';
import type { AppEnv } from '../app-env';
import { deliveryLedger, type FormActivity } from '../delivery/delivery-ledger';
import { QueryValueSchema, validate } from '../middleware/validate';

const DAY_MS = 86_400_000;

/** How the actor name adminAuth set says the operator signed in. */
function signInMethod(actor: string): AdminSession['via'] {
  if (actor.startsWith('token:')) return 'scoped-token';
  if (actor.startsWith('access:')) return 'access';
  return 'token' satisfies (typeof SIGN_IN_METHODS)[number];
}

/** Who is signed in and which forms they see: the console's first call, also its check of a token. */
function showSession(c: Context<AppEnv>) {
  const actor = c.get('adminActor');
  const forms = c.get('adminForms');
  return c.json({ actor, via: signInMethod(actor), forms: forms === null ? '*' : [...forms] } satisfies AdminSession);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The status light and the words that say the same, so colour is never the only signal. */
function light(a: FormActivity): { light: StatusLight; lightReason: string } {
  if (a.failed24h > 0) return { light: 'red', lightReason: `${plural(a.failed24h, 'dead letter')} in the last 24 hours` };
  const waiting = a.failed + a.held + a.unknown;
  if (waiting > 0) return { light: 'amber', lightReason: `${plural(waiting, 'lead')} waiting for an operator` };
  if (a.retrying > 0) return { light: 'amber', lightReason: `${plural(a.retrying, 'lead')} being retried` };
  if (a.leads30d === 0) return { light: 'grey', lightReason: 'No leads in the last 30 days' };
  return { light: 'green', lightReason: a.arrived24h > 0 ? `${plural(a.arrived24h, 'lead')} delivered in the last 24 hours` : 'Every recent lead delivered' };
}

const NO_ACTIVITY: FormActivity = { leads24h: 0, leads30d: 0, held: 0, failed: 0, unknown: 0, retrying: 0, failed24h: 0, arrived24h: 0 };

/** Every form the caller may see, with its recent counts and status light: counts only, never personal data. */
async function showOverview(c: Context<AppEnv>) {
  const now = Date.now();
  const allowed = c.get('adminForms');
  const forms = (await c.var.forms.list()).filter((form) => mayUseForm(allowed, form.id));
  const activity = await deliveryLedger(c.env).activity(now - DAY_MS, now - 30 * DAY_MS);
  const rows = forms.map((form): FormOverview => {
    const a = activity.get(form.id) ?? NO_ACTIVITY;
    return {
      id: form.id,
      vendor: form.vendor,
      leads24h: a.leads24h,
      leads30d: a.leads30d,
      held: a.held,
      deadLetters: a.failed,
      unknown: a.unknown,
      ...light(a),
    };
  });
  return c.json({ forms: rows } satisfies AdminOverview);
}

const DailyQuerySchema = v.object({
  days: v.optional(v.pipe(QueryValueSchema, v.regex(/^\d{1,2}$/), v.transform(Number), v.minValue(1), v.maxValue(90)), '30'),
});

/** `days` from 1 to 90; else 400 INVALID_REQUEST. */
const dailyQuery = validate('query', DailyQuerySchema, 'INVALID_REQUEST');

/** A form's submissions per UTC day and status, the oldest day first and today last, every day present. */
async function showDaily(c: Context<AppEnv, string, { out: { query: v.InferOutput<typeof DailyQuerySchema> } }>) {
  const form = c.get('form');
  const { days } = c.req.valid('query');
  const today = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  const dayList = Array.from({ length: days }, (_, i) => new Date(today - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10));
  const byDay = new Map(dayList.map((day) => [day, { day, ...Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0])) } as DailyCount]));
  for (const row of await deliveryLedger(c.env).daily(form.id, dayList[0]!)) {
    const entry = byDay.get(row.day);
    if (entry && row.status in entry) entry[row.status] += row.n;
  }
  return c.json({ formId: form.id, days: [...byDay.values()] } satisfies DailyCounts);
}

/**
 * What the console at `/admin` reads beyond the delivery routes: who is signed in, the overview of
 * every form, and a form's submissions per day. Mounted in adminRoutes, behind its auth.
 */
export const adminConsoleRoutes = new Hono<AppEnv>();

adminConsoleRoutes.get('/session', showSession);
adminConsoleRoutes.get('/overview', showOverview);
adminConsoleRoutes.get('/forms/:formId/daily', dailyQuery, showDaily);
