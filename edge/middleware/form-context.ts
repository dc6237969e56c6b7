import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';
import { LeadgateError } from '../errors';
import type { FormSource } from '../forms/published-forms';

/** Makes the Worker's forms (those published in this request's D1 over the bundled ones) available to every route as `c.var.forms`. */
export const useForms = (forms: FormSource) =>
  createMiddleware<AppEnv>(async (c, next) => {
    c.set('forms', forms(c.env));
    await next();
  });

/** Resolves `:formId` to its config, or answers 404 FORM_NOT_FOUND. */
export const formContext = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const form = await c.var.forms.find(c.req.param('formId') ?? '');
    if (!form) throw new LeadgateError('FORM_NOT_FOUND');
    c.set('form', form);
    await next();
  });
