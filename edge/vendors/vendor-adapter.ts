import type { ChannelMatrix, FieldRule, FieldSpec } from '../../shared/form-spec';
import type { Lead } from '../../shared/lead';
import type { Outcome } from './outcome';

/** The vendor's own rules turned into canonical fields, before the operator's choices apply. */
export interface VendorForm {
  readonly fields: readonly FieldSpec[];
  readonly rules: readonly FieldRule[];
  /** Marketing channels the visitor may choose, per message category; absent when the vendor has none. */
  readonly marketing?: ChannelMatrix;
}

export interface DeliveryMeta {
  /** Leadgate's stable id for this submission (the idempotency key). */
  readonly submissionId: string;
  /** How the form asks for marketing consent, so the adapter reads the right part of `lead.consent`. */
  readonly marketing: 'matrix' | 'single' | 'none';
  /**
   * The last attempt's outcome was `unknown`: a create was sent and its answer lost.
   * Before creating again the adapter finds out, in its descriptor's reconcile
   * strategy, whether that create landed: a copy found is `delivered`; a vendor
   * that cannot tell answers `undetermined`. Never a blind second create.
   */
  readonly afterUnknown: boolean;
  /** When Leadgate accepted the lead (epoch ms): a lookup need not search older records. */
  readonly receivedAt: number;
}

/** What the first step sent, for a second step that must send the whole lead again. */
export interface DeliveredLead {
  /** The delivered lead as the ledger holds it (with earlier second steps' fields merged in). */
  readonly lead: Lead;
  /** Leadgate's id of that submission. */
  readonly submissionId: string;
}

/**
 * One vendor behind one small interface. An adapter gets its connection and
 * secrets as plain options from the registry; it never sees Hono or the env.
 */
export interface VendorAdapter<Rules = unknown> {
  /** Rules fixed by the vendor's documentation: no fetch, no cache. */
  readonly staticRules?: Rules;
  /** Fetches the vendor's current form rules. The caller caches them. Throws when the vendor cannot answer. */
  fetchRules(): Promise<Rules>;
  /** Checks rules read back from the cache, so a stale or foreign entry is never trusted. */
  parseRules(raw: unknown): Rules | undefined;
  /** The vendor's rules as canonical fields. Pure. */
  describe(rules: Rules): VendorForm;
  /**
   * Sends one validated lead and maps the vendor's answer. Never throws for a vendor
   * answer. A create whose answer never came is `unknown`, never `transient`.
   */
  deliver(lead: Lead, rules: Rules, meta: DeliveryMeta): Promise<Outcome>;
  /**
   * Changes a delivered lead (the widget's second step). Only vendors that can
   * update a lead have it. `changes` holds just the fields to set, and with a
   * new note the delivered lead's `attribution`, for the note's attribution block.
   * `first` is what the first step delivered, for a vendor whose update takes the whole lead.
   */
  update?(vendorId: string, changes: Lead, first: DeliveredLead): Promise<Outcome>;
}

/** Raised by `fetchRules` so the cache can tell "vendor down" from a bug. */
export class VendorUnavailableError extends Error {
  override name = 'VendorUnavailableError';
  constructor(
    readonly reason: string,
    readonly status?: number,
  ) {
    super(`vendor unavailable: ${reason}`);
  }
}

/** Raised by `fetchRules` when the vendor refuses our credentials or setup. */
export class VendorMisconfiguredError extends Error {
  override name = 'VendorMisconfiguredError';
  constructor(readonly code: string) {
    super(`vendor misconfigured: ${code}`);
  }
}
