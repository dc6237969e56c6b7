import type { Context } from 'hono';
import type { FormConfig } from '../shared/form-config';
import type { AppEnv } from './app-env';
import { LeadgateError } from './errors';
import { log } from './logger';
import { createAdapter, MissingSecretError, rulesKey } from './vendors/registry';
import { cachedRules } from './vendors/rules-cache';
import { type VendorAdapter, type VendorForm, VendorMisconfiguredError } from './vendors/vendor-adapter';

export interface FormRules {
  readonly adapter: VendorAdapter;
  readonly rules: unknown;
  readonly vendorForm: VendorForm;
}

/** What loading rules needs from its caller: a request, or a queue batch. */
export interface RulesHooks {
  waitUntil(promise: Promise<unknown>): void;
  /** Written with the caller's request id, or the queue's job. */
  log(level: 'info' | 'warn', event: string, detail: Record<string, string>): void;
}

const described = new WeakMap<object, VendorForm>();

/** The adapter's fields for these rules, described once per rules object (see form-spec-builder's memos). */
function describedOnce(adapter: VendorAdapter, rules: unknown): VendorForm {
  if (typeof rules !== 'object' || rules === null) return adapter.describe(rules);
  let form = described.get(rules);
  if (!form) described.set(rules, (form = adapter.describe(rules)));
  return form;
}

/**
 * The form's adapter and the vendor's current rules (cached). Throws
 * MissingSecretError or VendorMisconfiguredError for a form that cannot work,
 * anything else when the vendor cannot be reached and nothing is cached.
 */
export async function vendorRules(form: FormConfig, env: Env, hooks: RulesHooks): Promise<FormRules> {
  const adapter = createAdapter(form, env);
  if (adapter.staticRules !== undefined) {
    return { adapter, rules: adapter.staticRules, vendorForm: describedOnce(adapter, adapter.staticRules) };
  }
  const { rules, state } = await cachedRules({
    kv: env.RULES_CACHE,
    key: rulesKey(form),
    ttlSeconds: form.cacheTtlSeconds,
    load: () => adapter.fetchRules(),
    parse: (raw) => adapter.parseRules(raw),
    waitUntil: hooks.waitUntil,
    onRefreshError: (error) => hooks.log('warn', 'rules_refresh_failed', { error: (error as Error).message }),
  });
  if (state !== 'fresh') hooks.log('info', 'rules_cache', { state });
  return { adapter, rules, vendorForm: describedOnce(adapter, rules) };
}

/**
 * The form's rules for a request, or the error a visitor should see: the form
 * is misconfigured, or the vendor cannot be reached.
 */
export async function loadFormRules(c: Context<AppEnv>): Promise<FormRules> {
  try {
    return await vendorRules(c.get('form'), c.env, {
      waitUntil: (promise) => c.executionCtx.waitUntil(promise),
      log: (level, event, detail) => log(level, event, c, detail),
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
