import * as v from 'valibot';
import type { AttributionConfig } from '../../config/attribution-config';
import { DEFAULT_ATTRIBUTION } from '../../config/attribution-config';
import { delivered, duplicate, misconfigured, type Outcome, rejected, undetermined, unknown } from '../outcome';
import type { DeliveryMeta, VendorAdapter } from '../vendor-adapter';
import { callVendor, createCallFailure, type VendorAnswer } from '../vendor-http';
import { type ConnectRules, ConnectRulesSchema } from './connect-rules';
import { describeConnectForm } from './describe-connect-form';
import { type ConnectSource, fetchConnectRules } from './fetch-connect-rules';
import { errorCodes, fieldErrors } from './read-connect-error';
import { toConnectLead } from './to-connect-lead';

const CreatedSchema = v.object({ id: v.number(), uuid: v.optional(v.string()), customerNumber: v.optional(v.string()) });

function outcomeOf(answer: VendorAnswer, meta: DeliveryMeta): Outcome {
  if (!answer.ok) return unknown(answer.reason);
  const failure = createCallFailure(answer);
  if (failure) return failure;
  const { status, body } = answer;
  if (status >= 200 && status < 300) {
    const created = v.safeParse(CreatedSchema, body);
    if (!created.success) return delivered(undefined);
    const { id, uuid, customerNumber } = created.output;
    return delivered(String(id), { ...(uuid ? { uuid } : {}), ...(customerNumber ? { customerNumber } : {}) });
  }
  const codes = errorCodes(body);
  if (status === 409 && codes.includes('CONFLICT')) {
    // After a lost answer, the conflict is most likely the earlier create of this same lead: it
    // landed, but Connect's 409 names no record, so there is no vendor id. It could also be a real
    // earlier customer with this email, and the lost create never stored: Connect cannot tell the
    // two apart. The person is at the vendor either way, in that case without this visit's message.
    if (meta.afterUnknown) return delivered(undefined);
    // Connect has no call to add a note or campaign to an existing customer: the visitor's
    // message and campaign stay with the delivery only.
    return duplicate({ kept: undefined });
  }
  if (status === 403) return misconfigured(`VENDOR_${codes[0] ?? 'FORBIDDEN'}`);
  if (status === 404) return misconfigured('VENDOR_NOT_FOUND');
  if (status === 400) return rejected(fieldErrors(body), codes.join(',') || 'status_400');
  return rejected([], codes.join(',') || `status_${status}`);
}

/**
 * Magicline Connect, the tenant's public website API: no credentials. The
 * studios, their field modes, message categories and campaigns are the rules.
 * `attribution` says where the lead's campaign and origin go (the schema's defaults when absent).
 *
 * A create whose answer was lost is sent again: Connect answers 409 CONFLICT for a
 * person it already has, which then means the first create landed. GUESS: the
 * conflict is keyed on the email (the docs list the 409 but not its key), so a
 * lead without an email cannot be reconciled: it is `undetermined`, for an operator.
 */
export function magiclineConnectAdapter(source: ConnectSource, attribution: AttributionConfig = DEFAULT_ATTRIBUTION): VendorAdapter<ConnectRules> {
  const leadUrl = `${source.baseUrl.replace(/\/+$/, '')}/connect/v1/lead`;
  return {
    fetchRules: () => fetchConnectRules(source),
    parseRules(raw) {
      const rules = v.safeParse(ConnectRulesSchema, raw);
      return rules.success ? rules.output : undefined;
    },
    describe: describeConnectForm,
    async deliver(lead, rules, meta) {
      const studioId = lead.studioId ?? (rules.studios.length === 1 ? String(rules.studios[0]!.id) : undefined);
      const studio = studioId === undefined ? undefined : rules.perStudio[studioId];
      if (studioId === undefined || !studio)
        return rejected([{ field: 'studioId', code: studioId === undefined ? 'required' : 'invalid_option' }], 'STUDIO_UNKNOWN');
      if (meta.afterUnknown && !lead.email?.trim()) return undetermined('no_email_to_match_a_conflict');
      const body = toConnectLead(lead, Number(studioId), studio, meta.marketing, attribution);
      const answer = await callVendor(leadUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
        timeoutMs: source.timeoutMs,
      });
      return outcomeOf(answer, meta);
    },
  };
}
