import * as v from 'valibot';
import { delivered, duplicate, type Outcome, rejected, transient } from '../outcome';
import type { VendorAdapter, VendorForm } from '../vendor-adapter';
import { callVendor, keyedVendorFailure } from '../vendor-http';
import { ECHO_FORM } from './describe-echo-form';
import { toEchoLead } from './to-echo-lead';

export interface EchoOptions {
  readonly baseUrl: string;
  readonly token: string;
  readonly timeoutMs: number;
}

const CreatedSchema = v.object({ id: v.string() });
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
 */
export function echoAdapter(options: EchoOptions): VendorAdapter<VendorForm> {
  const base = options.baseUrl.replace(/\/+$/, '');
  const headers = { Authorization: `Bearer ${options.token}`, Accept: 'application/json' };
  return {
    staticRules: ECHO_FORM,
    fetchRules: async () => ECHO_FORM,
    parseRules: () => ECHO_FORM,
    describe: (form) => form,
    async deliver(lead, _rules, meta): Promise<Outcome> {
      const answer = await callVendor(`${base}/leads`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify(toEchoLead(lead, meta.submissionId)),
        timeoutMs: options.timeoutMs,
      });
      if (!answer.ok) return transient(answer.reason);
      const failure = keyedVendorFailure(answer);
      if (failure) return failure;
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
