import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';
import { LeadgateError } from '../errors';

/** The lead's fields a PerfectGym body needs; everything else in the submission is ignored. */
interface PassthroughLead {
  readonly firstName?: unknown;
  readonly lastName?: unknown;
  readonly email?: unknown;
  readonly phone?: unknown;
  readonly custom?: Readonly<Record<string, unknown>>;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The least that makes a submission's lead a valid PerfectGym `/leads/validate` and `/leads/create` body. */
function perfectGymBody(lead: PassthroughLead, thirdPartyId: string) {
  return {
    leadCustomer: { thirdPartyId, firstname: text(lead.firstName), lastname: text(lead.lastName), email: text(lead.email), telephone: text(lead.phone) },
    additionalInformation: Object.entries(lead.custom ?? {}).map(([id, value]) => ({ additionalFieldId: Number(id), value: String(value) })),
  };
}

/** Answers 404 NOT_FOUND, as for any unknown route, unless the Worker runs with `BENCH_PASSTHROUGH = "1"`. */
const onlyWhenSwitchedOn = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    // Only the test Worker declares the var; wrangler types it as its default, the literal "0".
    const flag: string | undefined = c.env.BENCH_PASSTHROUGH;
    if (flag !== '1') throw new LeadgateError('NOT_FOUND');
    await next();
  });

/**
 * The yardstick of `npm run bench`: a submission's lead forwarded to a
 * PerfectGym form's vendor with the same two calls the adapter makes
 * (validate, then create, with the form's key), and nothing else: no origin
 * check, rate limit, bot check, schema, ledger or pacing. What the real
 * `POST /v1/forms/:formId/leads` costs beyond this is Leadgate's overhead.
 */
export const passthroughRoutes = new Hono<AppEnv>();

passthroughRoutes.use('*', onlyWhenSwitchedOn());

passthroughRoutes.post('/forms/:formId/leads', async (c) => {
  const form = await c.var.forms.find(c.req.param('formId'));
  if (form?.vendor !== 'perfectgym-next' && form?.vendor !== 'magicline-open') throw new LeadgateError('FORM_NOT_FOUND');
  const { lead } = await c.req.json<{ lead?: PassthroughLead }>().catch(() => {
    throw new LeadgateError('INVALID_JSON');
  });
  const submissionId = c.req.header('Idempotency-Key') ?? crypto.randomUUID();
  const apiKey = (c.env as unknown as Record<string, string | undefined>)[form.connection.apiKeySecret] ?? '';
  const base = form.connection.baseUrl.replace(/\/+$/, '');
  const init = {
    method: 'POST',
    headers: { 'X-API-KEY': apiKey, Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify(perfectGymBody(lead ?? {}, submissionId)),
  };
  for (const path of ['/leads/validate', '/leads/create']) {
    const answer = await fetch(`${base}${path}`, init);
    await answer.arrayBuffer();
    if (!answer.ok) throw new LeadgateError('VENDOR_UNAVAILABLE', { retryAfter: 1 });
  }
  c.set('outcome', 'passthrough');
  return c.json({ status: 'delivered', submissionId }, 201);
});
