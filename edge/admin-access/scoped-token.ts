import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';
import { LeadgateError } from '../errors';

/** Whether the admin request may act on this form: the global token on every form, a scoped token on its own. */
export function mayUseForm(adminForms: readonly string[] | null, formId: string): boolean {
  return adminForms === null || adminForms.includes(formId);
}

/**
 * Resolves `:formId` for the admin API (in place of formContext): a form
 * outside a scoped token's list is answered 404 FORM_NOT_FOUND, exactly as a
 * form that does not exist, so a token cannot learn which other forms there are.
 */
export const adminFormContext = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const formId = c.req.param('formId') ?? '';
    const form = mayUseForm(c.var.adminForms, formId) ? await c.var.forms.find(formId) : undefined;
    if (!form) throw new LeadgateError('FORM_NOT_FOUND');
    c.set('form', form);
    await next();
  });

/** Only the global token: scoped tokens are refused 401 ADMIN_UNAUTHORIZED (token management, the audit log, re-encryption). */
export const globalAdminOnly = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (c.var.adminForms !== null) throw new LeadgateError('ADMIN_UNAUTHORIZED');
    await next();
  });

/**
 * globalAdminOnly for every admin path that is not one form's (`/forms/:formId/…`) nor in `openToScoped`,
 * so a global route registered later is closed to scoped tokens without a line of its own.
 */
export const globalAdminOutsideForms = (options: { openToScoped?: readonly string[] } = {}) =>
  createMiddleware<AppEnv>(async (c, next) => {
    // `openToScoped`: exact paths a scoped token may read too, because they answer only with its own forms (the console's session and overview).
    const open = options.openToScoped?.includes(c.req.path) ?? false;
    if (c.var.adminForms !== null && !open && !/\/v1\/admin\/forms\/[^/]+\/./.test(c.req.path)) throw new LeadgateError('ADMIN_UNAUTHORIZED');
    await next();
  });
