import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';
import { LeadgateError } from '../errors';
import type { FormStore } from '../forms/form-store';

/** Makes the Worker's forms available to every route as `c.var.forms`. */
export const useForms = (forms: FormStore) =>
  createMiddleware<AppEnv>(async (c, next) => {
    c.set('forms', forms);
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
