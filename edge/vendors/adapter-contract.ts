import { beforeEach, describe, expect, it } from 'vitest';
import type { FormSpec } from '../../shared/form-spec';
import type { Lead } from '../../shared/lead';
import { validateLead } from '../../shared/lead-schema';
import type { VendorAdapter } from './vendor-adapter';

/** How one vendor's simulator is driven for the contract suite (over real HTTP). */
export interface ContractHarness<Rules> {
  /** An adapter with the right credentials, against the simulator. */
  adapter(): VendorAdapter<Rules>;
  /** The same adapter set up in a way the vendor refuses: wrong credentials, or a wrong tenant. */
  misconfiguredAdapter(): VendorAdapter<Rules>;
  /** A lead the vendor accepts; each call gives a new person. */
  validLead(): Lead;
  /** A lead that passes Leadgate's own schema but the vendor refuses, and the form field it names. */
  leadTheVendorRefuses?(): { lead: Lead; field: string };
  /** Switch on a simulator fault on the endpoint that creates leads. */
  fault(fault: { mode: 'fail' | 'down' | 'rate-limit'; status?: number; retryAfter?: number }): Promise<void>;
  /**
   * Issue 14's lost answer: the simulator stores the next created lead but answers
   * only after the adapter's timeout (generic `hang` with `delayMs`), so the adapter
   * sees no answer. Resolves once the fault is set.
   */
  loseNextAnswer?(): Promise<void>;
  /**
   * What the retry after a lost answer ends in, from the descriptor's reconcile
   * strategy: `delivered` where the vendor can tell (the copy is found), `undetermined`
   * where only an operator can.
   */
  readonly afterLostAnswer?: 'delivered' | 'undetermined';
  /** How many leads the simulator holds. */
  stored(): Promise<number>;
  reset(): Promise<void>;
}

async function rulesOf<Rules>(adapter: VendorAdapter<Rules>): Promise<Rules> {
  return adapter.staticRules ?? (await adapter.fetchRules());
}

/**
 * The one suite every vendor adapter passes against its simulator: the same
 * Outcome for the same situation, whatever the vendor's own words for it.
 */
export function adapterContract<Rules>(vendor: string, harness: ContractHarness<Rules>): void {
  const meta = (submissionId: string, afterUnknown = false) => ({ submissionId, marketing: 'none' as const, afterUnknown, receivedAt: Date.now() - 1000 });
  let n = 0;
  const nextId = () => `contract-${vendor}-${Date.now()}-${++n}`;

  describe(`${vendor} adapter contract`, () => {
    beforeEach(() => harness.reset());

    it('describes a form that asks for first and last name and whose fields the lead schema accepts', async () => {
      const adapter = harness.adapter();
      const form = adapter.describe(await rulesOf(adapter));
      const required = form.fields.filter((f) => f.required).map((f) => f.name);
      expect(required).toEqual(expect.arrayContaining(['firstName', 'lastName']));
      const spec: FormSpec = { formId: 'contract', locale: 'en', fields: [...form.fields], rules: [...form.rules], texts: {}, success: {} };
      expect(validateLead(spec, harness.validLead())).toMatchObject({ success: true });
    });

    it('delivers a valid lead once, with the vendor’s id', async () => {
      const adapter = harness.adapter();
      const outcome = await adapter.deliver(harness.validLead(), await rulesOf(adapter), meta(nextId()));
      expect(outcome).toMatchObject({ kind: 'delivered', vendorId: expect.stringMatching(/\S/) });
      expect(await harness.stored()).toBe(1);
    });

    it.runIf(harness.leadTheVendorRefuses)('maps a vendor refusal onto the form field it concerns', async () => {
      const adapter = harness.adapter();
      const { lead, field } = harness.leadTheVendorRefuses!();
      const outcome = await adapter.deliver(lead, await rulesOf(adapter), meta(nextId()));
      expect(outcome).toMatchObject({ kind: 'rejected', fields: [{ field }] });
      expect(await harness.stored()).toBe(0);
    });

    it.each([
      ['a network failure', { mode: 'down' as const }],
      ['a 500', { mode: 'fail' as const, status: 500 }],
      ['a 503', { mode: 'fail' as const, status: 503 }],
    ])('calls %s worth another attempt: transient, or unknown when a create may have landed', async (_name, fault) => {
      const adapter = harness.adapter();
      const rules = await rulesOf(adapter);
      await harness.fault(fault);
      const outcome = await adapter.deliver(harness.validLead(), rules, meta(nextId()));
      expect(['transient', 'unknown']).toContain(outcome.kind);
    });

    it.runIf(harness.loseNextAnswer)('after a lost answer, finds the stored lead instead of creating it again', async () => {
      const adapter = harness.adapter();
      const rules = await rulesOf(adapter);
      const lead = harness.validLead();
      const id = nextId();
      await harness.loseNextAnswer!();
      expect(await adapter.deliver(lead, rules, meta(id))).toMatchObject({ kind: 'unknown' });
      // The slow vendor stores the lead after the adapter gave up waiting.
      for (let i = 0; i < 100 && (await harness.stored()) < 1; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await harness.stored()).toBe(1);
      const retried = await adapter.deliver(lead, rules, meta(id, true));
      expect(retried.kind).toBe(harness.afterLostAnswer ?? 'delivered');
      expect(await harness.stored()).toBe(1);
    });

    it.runIf(harness.loseNextAnswer)('after a lost answer the vendor never got, creates the lead once', async () => {
      const adapter = harness.adapter();
      const rules = await rulesOf(adapter);
      const outcome = await adapter.deliver(harness.validLead(), rules, meta(nextId(), true));
      expect(outcome.kind).toBe(harness.afterLostAnswer === 'undetermined' ? 'undetermined' : 'delivered');
      expect(await harness.stored()).toBe(harness.afterLostAnswer === 'undetermined' ? 0 : 1);
    });

    it('calls a 429 transient and keeps its Retry-After', async () => {
      const adapter = harness.adapter();
      const rules = await rulesOf(adapter);
      await harness.fault({ mode: 'rate-limit', retryAfter: 17 });
      expect(await adapter.deliver(harness.validLead(), rules, meta(nextId()))).toMatchObject({ kind: 'transient', retryAfter: 17 });
    });

    it('calls a setup the vendor refuses misconfigured, never transient or rejected', async () => {
      const good = harness.adapter();
      const rules = await rulesOf(good);
      const outcome = await harness.misconfiguredAdapter().deliver(harness.validLead(), rules, meta(nextId()));
      expect(outcome).toMatchObject({ kind: 'misconfigured', code: expect.stringMatching(/^VENDOR_/) });
      expect(await harness.stored()).toBe(0);
    });
  });
}
