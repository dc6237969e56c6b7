import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';
import { LeadgateError } from '../errors';
import { findForm } from '../forms';

/** Resolves `:formId` to its config, or answers 404 FORM_NOT_FOUND. */
export const formContext = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const form = findForm(c.req.param('formId') ?? '');
    if (!form) throw new LeadgateError('FORM_NOT_FOUND');
    c.set('form', form);
    await next();
  });
