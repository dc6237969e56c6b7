import * as v from 'valibot';
import type { Lead } from '../../../shared/lead';
import { DEFAULT_ATTRIBUTION } from '../../config/attribution-config';
import { delivered, misconfigured, type Outcome, rejected, transient } from '../outcome';
import type { DeliveredLead, VendorAdapter, VendorForm } from '../vendor-adapter';
import { callVendor, createCallFailure, retryableStatus, type VendorAnswer } from '../vendor-http';
import { type ExtraField, virtuagymForm } from './describe-virtuagym-form';
import { findBySubmission, PAGE_SIZE } from './find-virtuagym-lead';
import { fieldErrorOf } from './read-virtuagym-error';
import { toVirtuagymLead, toVirtuagymUpdate, type VirtuagymDefaults, type VirtuagymLead, virtuagymAttribution } from './to-virtuagym-lead';
import type { TokenResult, TokenSource } from './token-request';
import type { VirtuagymAttributionConfig } from './virtuagym-config';

export interface VirtuagymOptions {
  readonly apiBaseUrl: string;
  readonly clubId: number;
  readonly defaults: VirtuagymDefaults;
  readonly tokens: TokenSource;
  readonly timeoutMs: number;
  /** Where the lead's origin goes: lead sources by utm_source, the note's block. The schema's defaults when absent. */
  readonly attribution?: VirtuagymAttributionConfig;
  /** Documented parameters the form asks for beyond the default fields (`mobile`, `address.line2`, `address.state`). */
  readonly extraFields?: readonly ExtraField[];
}

// Create answers `"id": "1234"`, update `"id": 2274`: take either.
const SuccessSchema = v.object({
  status: v.literal('success'),
  data: v.object({ id: v.union([v.string(), v.number()]) }),
});

const TOKEN_CODES = { invalid_client: 'VENDOR_INVALID_CLIENT', refused: 'VENDOR_TOKEN_REFUSED' } as const;

function tokenFailure(result: Extract<TokenResult, { ok: false }>): Outcome {
  // Wrong credentials, or a grant or scope Keycloak refuses: the operator's to fix; the lead waits for them.
  return result.kind === 'unavailable' ? transient(result.reason, result.retryAfter) : misconfigured(TOKEN_CODES[result.kind]);
}

/** The gateway's answers that only the operator can fix, whatever the call. */
function setupFailure(status: number): Outcome | undefined {
  if (status === 401) return misconfigured('VENDOR_TOKEN_REJECTED');
  if (status === 403) return misconfigured('VENDOR_CLUB_FORBIDDEN');
  if (status === 404) return misconfigured('VENDOR_NOT_FOUND');
  return undefined;
}

/** A create's or an update's answer. A create whose answer never came, or a 5xx, may hide a stored lead: unknown. */
function outcomeOf(answer: VendorAnswer, creating: boolean): Outcome {
  const failure = creating ? createCallFailure(answer) : answer.ok ? retryableStatus(answer) : transient(answer.reason);
  if (failure) return failure;
  if (!answer.ok) return transient(answer.reason); // not reached: both paths above cover no answer
  const { status, body } = answer;
  if (status >= 200 && status < 300) {
    const success = v.safeParse(SuccessSchema, body);
    // A 2xx without an id: the vendor has the lead; the id is all we cannot read.
    return delivered(success.success ? String(success.output.data.id) : undefined);
  }
  const setup = setupFailure(status);
  if (setup) return setup;
  const field = status === 400 ? fieldErrorOf(body) : undefined;
  return rejected(field ? [field] : [], `status_${status}`);
}

/**
 * Virtuagym v3: a per-club bearer token from the broker, then the gateway. A
 * 401 means the token died early: it is replaced once and the call tried once more.
 * Every lead carries Leadgate's submission id as `external_id`, so after a lost
 * answer the club's lead list tells whether the create landed.
 */
export function virtuagymAdapter(options: VirtuagymOptions): VendorAdapter<VendorForm> {
  const leads = `${options.apiBaseUrl.replace(/\/+$/, '')}/v3/clubs/${options.clubId}/leads`;
  const attribution = virtuagymAttribution(options.attribution ?? { ...DEFAULT_ATTRIBUTION, sources: {} });

  /** One gateway call with the club's token, replaced once on a 401; an outcome when no token could be had. */
  async function authorized(method: 'GET' | 'POST' | 'PUT', url: string, body?: VirtuagymLead): Promise<VendorAnswer | Outcome> {
    const call = (token: string) =>
      callVendor(url, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          ...(body ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
        timeoutMs: options.timeoutMs,
      });
    const token = await options.tokens.get();
    if (!token.ok) return tokenFailure(token);
    const answer = await call(token.accessToken);
    if (!answer.ok || answer.status !== 401) return answer;
    const renewed = await options.tokens.refresh(token.accessToken);
    if (!renewed.ok) return tokenFailure(renewed);
    return call(renewed.accessToken);
  }

  async function send(method: 'POST' | 'PUT', url: string, body: VirtuagymLead): Promise<Outcome> {
    const answer = await authorized(method, url, body);
    return 'kind' in answer ? answer : outcomeOf(answer, method === 'POST');
  }

  async function readPage(page: number): Promise<VendorAnswer | Outcome> {
    const answer = await authorized('GET', `${leads}?page=${page}&limit=${PAGE_SIZE}`);
    return 'kind' in answer || !answer.ok ? answer : (setupFailure(answer.status) ?? answer);
  }

  const form = virtuagymForm(options.extraFields ?? []);

  return {
    staticRules: form,
    fetchRules: async () => form,
    parseRules: () => form,
    describe: (form) => form,
    async deliver(lead, _rules, meta) {
      if (meta.afterUnknown) {
        const found = await findBySubmission(readPage, meta.submissionId, meta.receivedAt);
        if ('kind' in found) return found;
        // The earlier create landed: that lead is this submission's.
        if (found.leadId !== undefined) return delivered(found.leadId);
      }
      return send('POST', leads, toVirtuagymLead(lead, options.defaults, meta.submissionId, attribution));
    },
    update: (vendorId: string, changes: Lead, first: DeliveredLead) =>
      send('PUT', `${leads}/${encodeURIComponent(vendorId)}`, toVirtuagymUpdate(first, changes, options.defaults, attribution)),
  };
}
