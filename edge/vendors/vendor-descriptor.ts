import * as v from 'valibot';
import { COMMON_FORM_ENTRIES, type CommonFormEntries } from '../config/common-form-config';
import type { ProfileConfig } from '../config/profile-config';
import { type FormVendor, openVendor, secretsOf } from './form-vendor';
import type { VendorAdapter } from './vendor-adapter';

/** A vendor's form config: the common keys (those it replaces left out), its own, and its name as `vendor`. */
export type FormEntries<Name extends string, Entries extends v.ObjectEntries> = Omit<CommonFormEntries, keyof Entries> &
  Entries & { readonly vendor: v.LiteralSchema<Name, undefined> };
export type FormSchemaOf<Name extends string, Entries extends v.ObjectEntries> = v.StrictObjectSchema<FormEntries<Name, Entries>, undefined>;
/** One vendor's form config, as the forms file's checker hands it out. */
export type FormOf<Name extends string, Entries extends v.ObjectEntries> = v.InferOutput<FormSchemaOf<Name, Entries>>;

/** Reads a Worker secret by the name a form gives; throws MissingSecretError when it is not set. */
export type SecretReader = (name: string) => string;

/** The request budget deliveries on one vendor connection share, and the key of its pacer. */
export interface Pacing {
  readonly key: string;
  readonly perMinute: number;
}

/**
 * How an attempt whose answer never came (timeout, reset, 5xx after the body
 * was sent) is found out before another create:
 * - `vendor-deduplicates`: the vendor's own check before create finds the earlier copy;
 * - `lookup`: the adapter looks the submission up at the vendor;
 * - `conflict`: the vendor refuses a second create for the same person;
 * - `operator`: the vendor can tell nothing; an operator decides.
 * - `none`: not reconciled: a create may be repeated.
 */
export type ReconcileStrategy = 'vendor-deduplicates' | 'lookup' | 'conflict' | 'operator' | 'none';

/** What a vendor can do beyond taking a lead. */
export interface VendorCapabilities<Form> {
  /** The optional second step the form offers; only a vendor that can update a lead has it. */
  readonly secondStep?: (form: Form) => ProfileConfig | undefined;
  /** How it reconciles an unknown outcome, and in a sentence how it does so. */
  readonly reconcile: { readonly strategy: ReconcileStrategy; readonly how: string };
  /** Where a lead's attribution goes in the vendor's record: the vendor's field names. */
  readonly attribution: { readonly campaign?: string; readonly source?: string; readonly notes?: string };
}

/** Everything Leadgate knows of one vendor, in the vendor's folder. */
export interface VendorDescriptor<Name extends string, Entries extends v.ObjectEntries, Rules> {
  /** The form config's `vendor`. */
  readonly name: Name;
  /** How the vendor is called in docs and messages. */
  readonly label: string;
  /** The form config of this vendor: the common keys plus its `connection` and options. */
  readonly formSchema: FormSchemaOf<Name, Entries>;
  /**
   * One vendor connection, never a secret's value: the key of the rules cache
   * (fetched rules are kept in KV under it for the form's `cacheTtlSeconds`,
   * and answered stale while the vendor is down), of the pacer, of token brokers.
   */
  connectionKey(form: FormOf<Name, Entries>): string;
  /** Requests per minute deliveries on this connection are paced under: the form's own limit, else the vendor's documented one; undefined for none. */
  ratePerMinute(form: FormOf<Name, Entries>): number | undefined;
  readonly capabilities: VendorCapabilities<FormOf<Name, Entries>>;
  /**
   * The form's adapter: its connection and secrets as plain options. Rules fixed
   * by the vendor's documents are the adapter's `staticRules` (no fetch, no cache);
   * otherwise the adapter fetches them and the caller caches them.
   */
  createAdapter(form: FormOf<Name, Entries>, secrets: SecretReader, bindings: Env): VendorAdapter<Rules>;
  /** Checks a form config with `formSchema` and binds it to this vendor; the schema's issues when it does not pass. */
  bind(raw: unknown): BoundForm<FormOf<Name, Entries>>;
}

/**
 * A form config checked by its vendor's schema, or why it is not one. `open`
 * binds it to the vendor; it takes the form's rules cache TTL because a common
 * key cannot be read from the generic `Form` here, while the caller knows it.
 */
export type BoundForm<Form> =
  | { readonly success: true; readonly form: Form; open(cacheTtlSeconds: number): FormVendor }
  | { readonly success: false; readonly issues: readonly v.BaseIssue<unknown>[] };

/** A descriptor as its folder writes it: the vendor's own config entries instead of the composed schema. */
export type VendorDefinition<Name extends string, Entries extends v.ObjectEntries, Rules> = Omit<
  VendorDescriptor<Name, Entries, Rules>,
  'formSchema' | 'bind'
> & {
  /** The vendor's keys of a form config: `connection` and its options, or a stricter version of a common key. */
  readonly entries: Entries;
};

/**
 * A vendor's descriptor, with its form config schema composed from the common
 * keys and the vendor's own.
 *
 * @example
 * export const echo = defineVendor({
 *   name: 'echo',
 *   label: 'Echo (test vendor)',
 *   entries: { connection: v.strictObject({ baseUrl: HttpUrlSchema, timeoutMs: TimeoutSchema }) },
 *   connectionKey: (form) => `echo:${form.connection.baseUrl}`,
 *   ratePerMinute: (form) => form.connection.rateLimitPerMinute,
 *   capabilities: { reconcile: { strategy: 'lookup', how: '…' }, attribution: { notes: 'note' } },
 *   createAdapter: (form) => echoAdapter(form.connection),
 * });
 */
export function defineVendor<const Name extends string, const Entries extends v.ObjectEntries, Rules>(
  definition: VendorDefinition<Name, Entries, Rules>,
): VendorDescriptor<Name, Entries, Rules> {
  const { entries, ...descriptor } = definition;
  const formEntries: FormEntries<Name, Entries> = { ...COMMON_FORM_ENTRIES, ...entries, vendor: v.literal(definition.name) };
  const formSchema = v.strictObject(formEntries);
  return {
    ...descriptor,
    formSchema,
    bind(raw) {
      const parsed = v.safeParse(formSchema, raw);
      if (!parsed.success) return { success: false, issues: parsed.issues };
      const form = parsed.output;
      const connectionKey = descriptor.connectionKey(form);
      const perMinute = descriptor.ratePerMinute(form);
      const open = (cacheTtlSeconds: number) =>
        openVendor({
          name: descriptor.name,
          label: descriptor.label,
          connectionKey,
          pacing: perMinute === undefined ? undefined : { key: `pace:${connectionKey}`, perMinute },
          secondStep: descriptor.capabilities.secondStep?.(form),
          reconcile: descriptor.capabilities.reconcile,
          cacheTtlSeconds,
          createAdapter: (env) => descriptor.createAdapter(form, secretsOf(env), env),
        });
      return { success: true, form, open };
    },
  };
}
