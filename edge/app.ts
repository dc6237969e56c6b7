import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import type { AppEnv } from './app-env';
import { LeadgateError, methodNotAllowed, onError } from './errors';
import type { FormStore } from './forms/form-store';
import { withPublished } from './forms/published-forms';
import { accessLog } from './middleware/access-log';
import { formContext, useForms } from './middleware/form-context';
import { formCors } from './middleware/form-cors';
import { jsonBody } from './middleware/json-body';
import { rateLimit } from './middleware/rate-limit';
import { securityHeaders } from './middleware/security-headers';
import { adminRoutes } from './routes/admin';
import { embedQuery, serveEmbedPage } from './routes/embed';
import { formBody, formPostErrorPage, formPostQuery, submitFormPost } from './routes/form-post';
import { idempotencyKey, leadBody, submitLead } from './routes/lead';
import { profileBody, submissionParam, updateProfile } from './routes/profile';
import { serveFormSpec, specQuery } from './routes/spec';

/** The largest submission body accepted. A full lead is a few KB. */
export const MAX_BODY_BYTES = 32 * 1024;

/** The Worker's routes over its forms (the bundled ones, with those published in D1 over them): each handler lives in `routes/`, named after what it does; here they are only put together. */
export function createApp(options: { readonly forms: FormStore; readonly extraRoutes?: (app: Hono<AppEnv>) => void }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use('*', requestId(), accessLog(), securityHeaders(), useForms(withPublished(options.forms)));
  app.onError(onError);
  app.notFound((c) => onError(new LeadgateError('NOT_FOUND'), c));

  app.route('/v1/admin', adminRoutes);
  options.extraRoutes?.(app);

  // Before the form's own middleware, so a refusal there is a page for the visitor too.
  app.use('/v1/forms/:formId/form-post', formPostErrorPage());
  app.use('/v1/forms/:formId', formContext(), formCors());
  app.use('/v1/forms/:formId/*', formContext(), formCors());

  app.get('/v1/forms/:formId', specQuery, serveFormSpec);
  // The visitor's limit first (issue 16 §5): junk counts against its sender too. The form's budget is spent
  // later, by well-formed leads only, and a request the form checks above refused costs no limiter call.
  app.post('/v1/forms/:formId/leads', rateLimit(), jsonBody({ maxBytes: MAX_BODY_BYTES }), leadBody, idempotencyKey, submitLead);
  // The same lead from a browser without JavaScript: the server-rendered form, posted (it goes on to the route above).
  app.post('/v1/forms/:formId/form-post', formBody({ maxBytes: MAX_BODY_BYTES }), formPostQuery, submitFormPost(app));
  app.post('/v1/forms/:formId/leads/:submissionId/profile', rateLimit(), jsonBody({ maxBytes: MAX_BODY_BYTES }), profileBody, submissionParam, updateProfile);
  app.all('/v1/forms/:formId', methodNotAllowed);
  app.all('/v1/forms/:formId/leads', methodNotAllowed);

  app.get('/embed/:formId', embedQuery, serveEmbedPage);
  return app;
}
