import type { Lead } from '../../shared/lead';
import type { ProfileConfig } from '../config/profile-config';
import { workerSecret } from '../worker-secret';
import type { Outcome } from './outcome';
import { cachedRules } from './rules-cache';
import type { DeliveredLead, DeliveryMeta, VendorAdapter, VendorForm } from './vendor-adapter';
import type { Pacing, ReconcileStrategy } from './vendor-descriptor';

/** What loading rules needs from its caller: a request, or a queue batch. */
export interface RulesHooks {
  waitUntil(promise: Promise<unknown>): void;
  /** Written with the caller's request id, or the queue's job. */
  log(level: 'info' | 'warn', event: string, detail: Record<string, string>): void;
  /**
   * Accept the last rules the vendor gave when it cannot be reached and the
   * cache has expired: a submission is checked against the spec its widget
   * already holds, and stored, rather than refused.
   */
  readonly lastKnown?: boolean;
}

/** A form's adapter with the vendor's current rules: what a delivery or a second step works with. */
export interface VendorConnection {
  /** The vendor's rules as canonical fields, before the operator's choices apply. */
  readonly vendorForm: VendorForm;
  /** Sends one validated lead and maps the vendor's answer. Never throws for a vendor answer. */
  deliver(lead: Lead, meta: DeliveryMeta): Promise<Outcome>;
  /** Changes a delivered lead (the second step); absent for a vendor that cannot. */
  readonly update: ((vendorId: string, changes: Lead, first: DeliveredLead) => Promise<Outcome>) | undefined;
}

/** One form's vendor, as the rest of the Worker sees it: what it can do, and a way to reach it. */
export interface FormVendor {
  readonly name: string;
  readonly label: string;
  /** The rate limit deliveries on this form's vendor connection share. */
  readonly pacing: Pacing | undefined;
  /** The form's second step, when its vendor can update a lead and the form has one. */
  readonly secondStep: ProfileConfig | undefined;
  readonly reconcile: { readonly strategy: ReconcileStrategy; readonly how: string };
  /** The KV key the vendor's rules for this form's connection are cached under (see rules-cache.ts). */
  readonly rulesKey: string;
  /**
   * The form's adapter and the vendor's current rules (cached). Throws
   * MissingSecretError or VendorMisconfiguredError for a form that cannot work,
   * anything else when the vendor cannot be reached and nothing is cached.
   */
  connect(env: Env, hooks: RulesHooks): Promise<VendorConnection>;
}

/**
 * The adapter's fields for these rules, described once per form and rules object (see
 * form-spec-builder's memos). Per form: two forms on one connection share the rules
 * object but may switch on different fields.
 */
function describedOnce<Rules>(described: WeakMap<object, VendorForm>, adapter: VendorAdapter<Rules>, rules: Rules): VendorForm {
  if (typeof rules !== 'object' || rules === null) return adapter.describe(rules);
  let form = described.get(rules);
  if (!form) described.set(rules, (form = adapter.describe(rules)));
  return form;
}

/** The parts of a descriptor `openVendor` needs, already applied to one form. */
export interface VendorBinding<Rules> {
  readonly name: string;
  readonly label: string;
  readonly connectionKey: string;
  readonly pacing: Pacing | undefined;
  readonly secondStep: ProfileConfig | undefined;
  readonly reconcile: FormVendor['reconcile'];
  readonly cacheTtlSeconds: number;
  createAdapter(env: Env): VendorAdapter<Rules>;
}

/** A form's vendor, its rules type kept inside: the adapter and the rules it delivers with always agree. */
export function openVendor<Rules>(binding: VendorBinding<Rules>): FormVendor {
  const { createAdapter, connectionKey, cacheTtlSeconds, ...about } = binding;
  const described = new WeakMap<object, VendorForm>();
  const rulesKey = `rules:v1:${connectionKey}`;
  return {
    ...about,
    rulesKey,
    async connect(env, hooks) {
      const adapter = createAdapter(env);
      let rules: Rules;
      if (adapter.staticRules !== undefined) {
        rules = adapter.staticRules;
      } else {
        const cached = await cachedRules({
          kv: env.RULES_CACHE,
          key: rulesKey,
          ttlSeconds: cacheTtlSeconds,
          load: () => adapter.fetchRules(),
          parse: (raw) => adapter.parseRules(raw),
          waitUntil: hooks.waitUntil,
          onRefreshError: (error) => hooks.log('warn', 'rules_refresh_failed', { error: (error as Error).message }),
          lastKnown: hooks.lastKnown === true,
        });
        if (cached.state !== 'fresh') hooks.log('info', 'rules_cache', { state: cached.state });
        rules = cached.rules;
      }
      const update = adapter.update;
      return {
        vendorForm: describedOnce(described, adapter, rules),
        deliver: (lead, meta) => adapter.deliver(lead, rules, meta),
        update: update && ((vendorId, changes, first) => update.call(adapter, vendorId, changes, first)),
      };
    },
  };
}

/** Reads the Worker secrets a form names. */
export const secretsOf = (env: Env) => (name: string) => workerSecret(env, name);
