import * as v from 'valibot';
import { delivered, duplicate, type Outcome, rejected, unknown } from '../outcome';
import type { VendorAdapter, VendorForm } from '../vendor-adapter';
import { callVendor, createCallFailure, keyedVendorFailure } from '../vendor-http';
import { ECHO_FORM } from './describe-echo-form';
import { toEchoLead } from './to-echo-lead';

export interface EchoOptions {
  readonly baseUrl: string;
  readonly token: string;
  readonly timeoutMs: number;
}

const CreatedSchema = v.object({ id: v.string() });
const FoundSchema = v.object({ leads: v.array(v.object({ id: v.string() })) });
const RefusedSchema = v.object({ errors: v.array(v.object({ field: v.string(), code: v.string() })) });
// The store's field names are the Lead's own.
const FIELDS = new Map([
  ['firstName', 'firstName'],
  ['lastName', 'lastName'],
  ['email', 'email'],
  ['website', 'custom.website'],
  ['note', 'note'],
]);

/**
 * The echo vendor, the template for a new one: `POST /leads` with a bearer
 * token, `201 { id }`; `409` for an email it already has; `400 { errors: [{ field, code }] }`.
 * After a lost answer it first asks `GET /leads?reference=<submission id>` whether that create landed.
 */
export function echoAdapter(options: EchoOptions): VendorAdapter<VendorForm> {
  const base = options.baseUrl.replace(/\/+$/, '');
  const headers = { Authorization: `Bearer ${options.token}`, Accept: 'application/json' };

  /**
   * The lead an earlier create of this submission stored, found by the reference it was sent with;
   * undefined when there is none. A lookup that fails leaves the create's fate unknown, so the next
   * attempt looks again instead of creating.
   */
  async function lookup(submissionId: string): Promise<Outcome | undefined> {
    const answer = await callVendor(`${base}/leads?reference=${encodeURIComponent(submissionId)}`, { headers, timeoutMs: options.timeoutMs });
    if (!answer.ok) return unknown(`lookup_${answer.reason}`);
    const failure = keyedVendorFailure(answer);
    if (failure?.kind === 'misconfigured') return failure;
    if (failure || answer.status !== 200) return unknown(`lookup_status_${answer.status}`, failure?.kind === 'transient' ? failure.retryAfter : undefined);
    const found = v.safeParse(FoundSchema, answer.body);
    if (!found.success) return unknown('lookup_unreadable');
    const [earlier] = found.output.leads;
    return earlier ? delivered(earlier.id) : undefined;
  }

  return {
    staticRules: ECHO_FORM,
    fetchRules: async () => ECHO_FORM,
    parseRules: () => ECHO_FORM,
    describe: (form) => form,
    async deliver(lead, _rules, meta): Promise<Outcome> {
      if (meta.afterUnknown) {
        const found = await lookup(meta.submissionId);
        if (found) return found;
      }
      const answer = await callVendor(`${base}/leads`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify(toEchoLead(lead, meta.submissionId)),
        timeoutMs: options.timeoutMs,
      });
      // No answer or a 5xx may hide a stored lead: unknown, so the next attempt looks it up.
      const failure = createCallFailure(answer) ?? keyedVendorFailure(answer);
      if (failure || !answer.ok) return failure ?? unknown('network');
      if (answer.status === 201) {
        const created = v.safeParse(CreatedSchema, answer.body);
        return delivered(created.success ? created.output.id : undefined);
      }
      if (answer.status === 409) return duplicate();
      const refused = v.safeParse(RefusedSchema, answer.body);
      const fields = refused.success
        ? refused.output.errors.flatMap((e) => {
            const field = FIELDS.get(e.field);
            return field ? [{ field, code: 'invalid' as const }] : [];
          })
        : [];
      return rejected(fields, `status_${answer.status}`);
    },
  };
}
