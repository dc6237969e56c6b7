import type { Context } from 'hono';
import type { AppEnv } from './app-env';
import { LeadgateError } from './errors';
import type { FormConfig } from './forms/form-config';
import { vendorOf } from './forms/parse-forms-file';
import { log } from './logger';
import type { RulesHooks, VendorConnection } from './vendors/form-vendor';
import { VendorMisconfiguredError } from './vendors/vendor-adapter';
import { MissingSecretError } from './worker-secret';

export type { RulesHooks };

/** The form's adapter with the vendor's current rules. */
export type FormRules = VendorConnection;

/**
 * The form's adapter and the vendor's current rules (cached). Throws
 * MissingSecretError or VendorMisconfiguredError for a form that cannot work,
 * anything else when the vendor cannot be reached and nothing is cached.
 */
export function vendorRules(form: FormConfig, env: Env, hooks: RulesHooks): Promise<FormRules> {
  return vendorOf(form).connect(env, hooks);
}

/**
 * The form's rules for a request, or the error a visitor should see: the form
 * is misconfigured, or the vendor cannot be reached (and, with `lastKnown`,
 * its last known rules are gone too).
 */
export async function loadFormRules(c: Context<AppEnv>, options: Pick<RulesHooks, 'lastKnown'> = {}): Promise<FormRules> {
  try {
    return await vendorRules(c.get('form'), c.env, {
      waitUntil: (promise) => c.executionCtx.waitUntil(promise),
      log: (level, event, detail) => log(level, event, c, detail),
      ...options,
    });
  } catch (error) {
    if (error instanceof MissingSecretError) {
      log('error', 'secret_missing', c, { secret: error.secretName });
      throw new LeadgateError('FORM_MISCONFIGURED');
    }
    if (error instanceof VendorMisconfiguredError) {
      log('error', 'vendor_misconfigured', c, { code: error.code });
      throw new LeadgateError('FORM_MISCONFIGURED');
    }
    log('warn', 'rules_unavailable', c, { error: (error as Error).message });
    throw new LeadgateError('VENDOR_UNAVAILABLE', { retryAfter: 30, cause: error });
  }
}
