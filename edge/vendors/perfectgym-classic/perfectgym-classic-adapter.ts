import * as v from 'valibot';
import { delivered, duplicate, misconfigured, type Outcome, rejected, undetermined } from '../outcome';
import type { PhoneCountry } from '../phone-e164';
import type { VendorAdapter, VendorForm } from '../vendor-adapter';
import { callVendor, createCallFailure, keyedVendorFailure, type VendorAnswer } from '../vendor-http';
import { ADD_LEAD_PATH, AddLeadAnswerSchema, addLeadPhone, toAddLeadRequest } from './add-lead-request';
import { describeClassicForm } from './describe-classic-form';
import { CrmLeadsAnswerSchema, leadLookupUrl, RECONCILE_WINDOW_MS } from './lead-lookup';
import { MembersAnswerSchema, memberLookupUrl } from './member-lookup';
import type { ExistingMember, PerfectGymClassicAgreement, PerfectGymClassicDefaults } from './perfectgym-classic-config';
import { readAddLeadRefusal } from './read-classic-error';

/** What the member lookup found, for the log: codes only, never the email or the member. */
export type MemberLookupEvent = { readonly result: 'member' } | { readonly result: 'failed'; readonly reason: string };

export interface PerfectGymClassicOptions {
  /** The installation's address without `/Api`, e.g. `https://city.perfectgym.com`. */
  readonly baseUrl: string;
  readonly clubId: number;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly defaults: PerfectGymClassicDefaults;
  readonly agreements: readonly PerfectGymClassicAgreement[];
  readonly timeoutMs: number;
  /** The country of a phone number typed without its country code; without one such a number is refused. */
  readonly defaultCountry?: PhoneCountry;
  /** What a member's enquiry becomes; `lead-with-note` when not given. */
  readonly existingMember?: ExistingMember;
  /** Told when the lookup found a member or failed, so the delivery can be followed without personal data. */
  readonly onMemberLookup?: (event: MemberLookupEvent) => void;
}

type Answered = Extract<VendorAnswer, { ok: true }>;

// COMMUNITY: with credentials it does not accept, PGM answers its HTML login page, with a 200.
const isHtml = (answer: Answered) => /html/i.test(answer.headers.get('content-type') ?? '');

/** A read (lookup) answer that is no usable collection: why, as a code; undefined for a 200 with JSON. */
function readFailure(answer: VendorAnswer): string | undefined {
  if (!answer.ok) return answer.reason;
  if (isHtml(answer)) return answer.status === 200 ? 'login_page' : `status_${answer.status}`;
  return answer.status === 200 ? undefined : `status_${answer.status}`;
}

/** The member lookup's verdict: the member's id, none, or why the lookup told nothing. */
function memberOf(answer: VendorAnswer): { readonly memberId?: string; readonly failed?: string } {
  const failed = readFailure(answer);
  if (failed) return { failed };
  const members = v.safeParse(MembersAnswerSchema, (answer as Answered).body);
  if (!members.success) return { failed: 'unreadable' };
  const [member] = members.output.value;
  return member ? { memberId: String(member.id) } : {};
}

function addLeadOutcome(answer: VendorAnswer, refs: Record<string, string>): Outcome {
  // No answer or a 5xx after the body went out may hide a stored lead: unknown, never transient.
  const failure = createCallFailure(answer) ?? keyedVendorFailure(answer);
  if (failure) return failure;
  const { status, body } = answer as Answered;
  // Never parsed: callVendor reads only JSON, and a login page is a credentials problem.
  if (isHtml(answer as Answered)) return misconfigured('VENDOR_AUTH_FAILED');
  if (status >= 200 && status < 300) {
    const created = v.safeParse(AddLeadAnswerSchema, body);
    // A 2xx without an id: the vendor has the lead; the id is all we cannot read.
    return delivered(created.success ? String(created.output.leadId) : undefined, refs);
  }
  const refusal = readAddLeadRefusal(body);
  // The visitor is here now and can fix a field; the operator's part waits in the queue after that.
  if (refusal.fields.length > 0) return rejected(refusal.fields, refusal.vendorCode);
  if (refusal.setupCode) return misconfigured(refusal.setupCode);
  return rejected([], refusal.vendorCode ?? `status_${status}`);
}

/**
 * PerfectGym Classic (PGM, `https://<subdomain>.perfectgym.com`): an API client's
 * `X-Client-Id` and `X-Client-Secret` on every request; the email is looked up among the
 * members first (a member's enquiry is still added, naming the member, unless the form says
 * `existingMember: "duplicate"`; a failed lookup gates nothing), then
 * `POST /Api/v2.1/Crm2/AddLead`. After a lost AddLead answer the installation's CRM leads are
 * searched for it before anything is added again.
 */
export function perfectGymClassicAdapter(options: PerfectGymClassicOptions): VendorAdapter<VendorForm> {
  const base = options.baseUrl.replace(/\/+$/, '');
  const headers = { 'X-Client-Id': options.clientId, 'X-Client-Secret': options.clientSecret, Accept: 'application/json' };
  const form = describeClassicForm(options.agreements);
  const setup = { clubId: options.clubId, defaults: options.defaults, agreements: options.agreements, defaultCountry: options.defaultCountry };
  const existingMember = options.existingMember ?? 'lead-with-note';
  const get = (url: string) => callVendor(url, { headers, timeoutMs: options.timeoutMs });

  /** After a lost answer: the lead AddLead may have stored, delivered; none, undefined; a failed search, undetermined. */
  async function earlierCopy(email: string, receivedAt: number): Promise<Outcome | undefined> {
    const answer = await get(leadLookupUrl(base, email, receivedAt - RECONCILE_WINDOW_MS));
    const failed = readFailure(answer);
    // Never a blind second create: an operator decides.
    if (failed) return undetermined(`lead_lookup_${failed}`);
    const leads = v.safeParse(CrmLeadsAnswerSchema, (answer as Answered).body);
    if (!leads.success) return undetermined('lead_lookup_unreadable');
    // GUESS: a lead of this email added since then is this one. AddLead carries no submission id
    // to tell it from the same visitor's other enquiry in those minutes.
    const [found] = leads.output.value;
    return found ? delivered(String(found.id)) : undefined;
  }

  return {
    staticRules: form,
    fetchRules: async () => form,
    parseRules: () => form,
    describe: (rules) => rules,
    async deliver(lead, _rules, meta) {
      // Before any call: a number that cannot be E.164 is the visitor's to fix, not PGM's to refuse later.
      if (lead.phone && !addLeadPhone(lead.phone, options.defaultCountry)) return rejected([{ field: 'phone', code: 'invalid_phone' }]);
      const request = toAddLeadRequest(lead, setup, meta.marketing);
      if (meta.afterUnknown) {
        const found = await earlierCopy(request.email, meta.receivedAt);
        if (found) return found;
      }
      const lookup = memberOf(await get(memberLookupUrl(base, request.email)));
      // The lookup only names a member: a failure is noted and the lead goes on.
      if (lookup.failed) options.onMemberLookup?.({ result: 'failed', reason: lookup.failed });
      if (lookup.memberId !== undefined) {
        options.onMemberLookup?.({ result: 'member' });
        if (existingMember === 'duplicate') return duplicate({ vendorId: lookup.memberId, kept: undefined });
      }
      // AddLead has no note (COMMUNITY: no integration sends one): the member travels with the delivery.
      const refs: Record<string, string> = lookup.memberId === undefined ? {} : { memberId: lookup.memberId };
      const answer = await callVendor(`${base}${ADD_LEAD_PATH}`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify(request),
        timeoutMs: options.timeoutMs,
      });
      return addLeadOutcome(answer, refs);
    },
  };
}
