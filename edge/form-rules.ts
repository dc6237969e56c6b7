import type { Context } from 'hono';
import type { AppEnv } from './app-env';
import { LeadgateError } from './errors';
import { log } from './logger';
import { cachedRules } from './vendor-rules-cache';
import { createAdapter, MissingSecretError, rulesKey } from './vendors/registry';
import { type VendorAdapter, type VendorForm, VendorMisconfiguredError } from './vendors/vendor-adapter';

export interface FormRules {
  readonly adapter: VendorAdapter;
  readonly rules: unknown;
  readonly vendorForm: VendorForm;
}

/**
 * The form's adapter and the vendor's current rules (cached), or the error a
 * visitor should see: the form is misconfigured, or the vendor cannot be reached.
 */
export async function loadFormRules(c: Context<AppEnv>): Promise<FormRules> {
  const form = c.get('form');
  let adapter: VendorAdapter;
  try {
    adapter = createAdapter(form, c.env);
  } catch (error) {
    if (!(error instanceof MissingSecretError)) throw error;
    log('error', 'secret_missing', c, { secret: error.secretName });
    throw new LeadgateError('FORM_MISCONFIGURED');
  }
  if (adapter.staticRules !== undefined) {
    return { adapter, rules: adapter.staticRules, vendorForm: adapter.describe(adapter.staticRules) };
  }
  try {
    const { rules, state } = await cachedRules({
      kv: c.env.RULES_CACHE,
      key: rulesKey(form),
      ttlSeconds: form.cacheTtlSeconds,
      load: () => adapter.fetchRules(),
      parse: (raw) => adapter.parseRules(raw),
      waitUntil: (promise) => c.executionCtx.waitUntil(promise),
      onRefreshError: (error) => log('warn', 'rules_refresh_failed', c, { error: (error as Error).message }),
    });
    if (state !== 'fresh') log('info', 'rules_cache', c, { state });
    return { adapter, rules, vendorForm: adapter.describe(rules) };
  } catch (error) {
    if (error instanceof VendorMisconfiguredError) {
      log('error', 'vendor_misconfigured', c, { code: error.code });
      throw new LeadgateError('FORM_MISCONFIGURED');
    }
    log('warn', 'rules_unavailable', c, { error: (error as Error).message });
    throw new LeadgateError('VENDOR_UNAVAILABLE', { retryAfter: 30, cause: error });
  }
}
