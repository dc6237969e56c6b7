import * as v from 'valibot';
import { delivered, duplicate, misconfigured, type Outcome, rejected } from '../outcome';
import type { VendorAdapter, VendorForm } from '../vendor-adapter';
import { callVendor, keyedVendorFailure, type VendorAnswer } from '../vendor-http';
import { ADD_LEAD_PATH, AddLeadAnswerSchema, toAddLeadRequest } from './add-lead-request';
import { describeClassicForm } from './describe-classic-form';
import { MembersAnswerSchema, memberLookupUrl } from './member-lookup';
import type { PerfectGymClassicAgreement, PerfectGymClassicDefaults } from './perfectgym-classic-config';
import { readAddLeadRefusal } from './read-classic-error';

export interface PerfectGymClassicOptions {
  /** The installation's address without `/Api`, e.g. `https://city.perfectgym.com`. */
  readonly baseUrl: string;
  readonly clubId: number;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly defaults: PerfectGymClassicDefaults;
  readonly agreements: readonly PerfectGymClassicAgreement[];
  readonly timeoutMs: number;
}

type Answered = Extract<VendorAnswer, { ok: true }>;

// COMMUNITY: with credentials it does not accept, PGM answers its HTML login page, with a 200.
const isHtml = (answer: Answered) => /html/i.test(answer.headers.get('content-type') ?? '');

/** The answers that mean the same on either call: no answer, retry later, or the setup is wrong. */
function commonFailure(answer: VendorAnswer): Outcome | undefined {
  const failure = keyedVendorFailure(answer);
  if (failure) return failure;
  // Never parsed: callVendor reads only JSON, and a login page is a credentials problem.
  if (isHtml(answer as Answered)) return misconfigured('VENDOR_AUTH_FAILED');
  return undefined;
}

/** The member lookup's verdict: the duplicate outcome, a failure, or undefined to go on and add the lead. */
function lookupOutcome(answer: VendorAnswer): Outcome | undefined {
  const failure = commonFailure(answer);
  if (failure) return failure;
  const { status, body } = answer as Answered;
  if (status !== 200) return misconfigured('VENDOR_LOOKUP_REFUSED');
  const members = v.safeParse(MembersAnswerSchema, body);
  if (!members.success) return misconfigured('VENDOR_UNREADABLE_ANSWER');
  return members.output.value.length > 0 ? duplicate() : undefined;
}

function addLeadOutcome(answer: VendorAnswer): Outcome {
  const failure = commonFailure(answer);
  if (failure) return failure;
  const { status, body } = answer as Answered;
  if (status >= 200 && status < 300) {
    const created = v.safeParse(AddLeadAnswerSchema, body);
    // A 2xx without an id: the vendor has the lead; the id is all we cannot read.
    return delivered(created.success ? String(created.output.leadId) : undefined);
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
 * members first (one there is the duplicate outcome), then `POST /Api/v2.1/Crm2/AddLead`.
 */
export function perfectGymClassicAdapter(options: PerfectGymClassicOptions): VendorAdapter<VendorForm> {
  const base = options.baseUrl.replace(/\/+$/, '');
  const headers = { 'X-Client-Id': options.clientId, 'X-Client-Secret': options.clientSecret, Accept: 'application/json' };
  const form = describeClassicForm(options.agreements);
  const setup = { clubId: options.clubId, defaults: options.defaults, agreements: options.agreements };

  return {
    staticRules: form,
    fetchRules: async () => form,
    parseRules: () => form,
    describe: (rules) => rules,
    async deliver(lead, _rules, meta) {
      const request = toAddLeadRequest(lead, setup, meta.marketing);
      const lookup = await callVendor(memberLookupUrl(base, request.email), { headers, timeoutMs: options.timeoutMs });
      const known = lookupOutcome(lookup);
      if (known) return known;
      const answer = await callVendor(`${base}${ADD_LEAD_PATH}`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify(request),
        timeoutMs: options.timeoutMs,
      });
      return addLeadOutcome(answer);
    },
  };
}
