import type { Context, Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as v from 'valibot';
import { type ApiErrorBody, ApiErrorBodySchema } from '../../shared/api-error';
import { SSR_ID_PREFIX } from '../../shared/first-paint';
import type { Lead } from '../../shared/lead';
import { matchLocale } from '../../shared/locales';
import { SubmissionResultSchema } from '../../shared/submission';
import { readFormValues } from '../../widget/app/fields/read-form-values';
import { toLead } from '../../widget/app/fields/to-lead';
import { CATALOG } from '../../widget/i18n/catalog';
import { createTranslator } from '../../widget/i18n/create-translator';
import type { AppEnv } from '../app-env';
import { formPostAction, paintCssSource, renderForm } from '../first-paint';
import { answerPageCsp, refusalHtml, refusalTitle, renderAnswerPage, thanksHtml } from '../form-post-page';
import type { FormConfig } from '../forms/form-config';
import { typedBody } from '../middleware/typed-body';
import { QueryValueSchema, validate } from '../middleware/validate';
import { HASH_KEY_SECRET, keyedHash } from '../privacy/keyed-hash';
import { servedSpec } from '../served-spec';
import { workerSecret } from '../worker-secret';
import { SpecQuerySchema } from './spec';

/**
 * The posted form's body: `application/x-www-form-urlencoded` of at most
 * `maxBytes`; wrong type 415, too large 413 (typedBody, as for jsonBody).
 */
export const formBody = (options: { maxBytes: number }) => typedBody({ type: /^application\/x-www-form-urlencoded\s*(;|$)/i, maxBytes: options.maxBytes });

/**
 * Every error answer of the form post as a page, not the API's JSON: a browser
 * without JavaScript shows the visitor whatever comes back. Registered before the
 * form's own middleware (formContext, formCors), so a refusal there (unknown form,
 * refused origin) and in formBody or formPostQuery (type, size, query) is turned
 * into a page too, keeping its status and headers (Retry-After). In the form's
 * language where the form is known, else English; with a link to a fresh copy of
 * the form where sending again can mend it (see refusalHtml). The refusals the
 * handler meets after reading the post are already pages (the form again).
 */
export const formPostErrorPage = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    await next();
    const refusal = c.res;
    if (refusal.ok || !/^application\/json/i.test(refusal.headers.get('Content-Type') ?? '')) return;
    const parsed = v.safeParse(ApiErrorBodySchema, await refusal.json().catch(() => undefined));
    const code = parsed.success ? parsed.output.error.code : 'INTERNAL_ERROR';
    const form: FormConfig | undefined = c.get('form');
    // GUESS: the way back is the Worker's own embed page for the form (a fresh copy, same origin), not the page that posted.
    const locale = matchLocale([c.req.query('locale')]) ?? form?.defaultLocale ?? 'en';
    const formUrl = form && `/embed/${encodeURIComponent(form.id)}?locale=${locale}`;
    const title = refusalTitle(locale);
    const headers = new Headers(refusal.headers);
    headers.set('Content-Type', 'text/html; charset=UTF-8');
    headers.delete('Content-Length');
    headers.set('Cache-Control', 'no-store');
    headers.set('Content-Security-Policy', answerPageCsp(await paintCssSource()));
    c.res = undefined;
    c.res = new Response(renderAnswerPage(locale, title, refusalHtml(locale, code, formUrl)), { status: refusal.status, headers });
  });

/** The form's language and its form token, which the rendered form's action carries (see formPostAction). */
const FormPostQuerySchema = v.object({
  ...SpecQuerySchema.entries,
  token: v.optional(QueryValueSchema),
});
export const formPostQuery = validate('query', FormPostQuerySchema, 'INVALID_REQUEST');

type FormPostContext = Context<AppEnv, string, { out: { query: v.InferOutput<typeof FormPostQuerySchema> } }>;

/**
 * The submission's key for a posted form: the rendered form's token (each render
 * has its own) with the lead posted. A reload or a second click posts the same
 * form with the same values, so it gets the same key and the ledger answers it
 * with the first post's outcome (before the bot check, which a re-used token
 * would not pass again), not a second lead. The form again after errors comes
 * with a fresh token, so a corrected post is a new submission. Keyed with the
 * Worker's hash key: the key is logged, and must not be a hash of personal data
 * that a guessed lead could confirm.
 */
async function formPostKey(env: Env, token: string, lead: Lead): Promise<string> {
  return keyedHash(workerSecret(env, HASH_KEY_SECRET), 'form-post', JSON.stringify([token, lead]));
}

/**
 * A lead from a browser without JavaScript (or whose widget failed): the
 * server-rendered form, posted. Its fields are read into the Lead the widget
 * would send and that lead goes to `POST /v1/forms/:formId/leads` through the
 * app itself, so the checks (origin, form token, honeypot, rate limit), the
 * ledger and the delivery are that route's own. The answer is a page in the
 * form's language: thanks, or the form again with the errors beside its fields.
 *
 * @example
 * app.post('/v1/forms/:formId/form-post', formBody({ maxBytes }), formPostQuery, submitFormPost(app));
 */
export const submitFormPost = (app: Hono<AppEnv>) =>
  async function submitFormPost(c: FormPostContext) {
    const form = c.get('form');
    const query = c.req.valid('query');
    const spec = await servedSpec(c, query.locale ?? form.defaultLocale);
    const t = createTranslator(spec.locale, CATALOG[spec.locale]);
    // Decoded as UTF-8 by hand: workerd warns when a body of this type is read with text().
    const posted = new URLSearchParams(new TextDecoder().decode(await c.req.arrayBuffer()));
    const values = readFormValues(posted, spec, SSR_ID_PREFIX);

    const headers = new Headers(c.req.raw.headers);
    headers.set('Content-Type', 'application/json');
    headers.delete('Content-Length');
    const lead = toLead(spec, values);
    headers.set('Idempotency-Key', await formPostKey(c.env, query.token ?? '', lead));
    const proof = { ...(query.token ? { formToken: query.token } : {}), trap: posted.get('website') ?? '' };
    const answer = await app.fetch(
      new Request(new URL(`/v1/forms/${encodeURIComponent(form.id)}/leads`, c.req.url), {
        method: 'POST',
        headers,
        body: JSON.stringify({ lead, proof }),
      }),
      c.env,
      c.executionCtx,
    );
    const body: unknown = await answer.json();
    c.header('Cache-Control', 'no-store');
    c.header('Content-Security-Policy', answerPageCsp(await paintCssSource()));

    const delivered = v.safeParse(SubmissionResultSchema, body);
    if (answer.ok && delivered.success) {
      c.set('outcome', `form-post-${delivered.output.status}`);
      const message = delivered.output.status === 'duplicate' ? t.text('result.duplicate') : (spec.success.message ?? t.text('result.success'));
      const title = t.text(delivered.output.status === 'duplicate' ? 'result.duplicateTitle' : 'result.successTitle');
      return c.html(renderAnswerPage(spec.locale, title, thanksHtml(spec.locale, title, message)));
    }
    const refused = v.safeParse(ApiErrorBodySchema, body);
    const error: ApiErrorBody['error'] | undefined = refused.success ? refused.output.error : undefined;
    c.set('outcome', `form-post-${error?.code ?? 'failed'}`);
    const retryAfter = answer.headers.get('Retry-After');
    if (retryAfter) c.header('Retry-After', retryAfter);
    // The form again, as the visitor filled it, with a fresh form token; the Worker's verdict beside the fields, or above them.
    const notice = error?.code === 'VALIDATION_FAILED' ? undefined : (t.find(`code.${error?.code}`) ?? t.text('code.INTERNAL_ERROR'));
    const html = renderForm(spec, { action: formPostAction(new URL(c.req.url).origin, spec), errors: error?.fields ?? [], notice }, values);
    return c.html(renderAnswerPage(spec.locale, spec.texts.title ?? form.id, html), answer.status as ContentfulStatusCode);
  };
