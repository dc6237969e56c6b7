import * as v from 'valibot';
import type { Lead } from '../../../shared/lead';
import { DEFAULT_ATTRIBUTION } from '../../config/attribution-config';
import { delivered, misconfigured, type Outcome, rejected, transient } from '../outcome';
import type { VendorAdapter, VendorForm } from '../vendor-adapter';
import { callVendor, retryableStatus, type VendorAnswer } from '../vendor-http';
import { VIRTUAGYM_FORM } from './describe-virtuagym-form';
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
}

// Create answers `"id": "1234"`, update `"id": 2274`: take either.
const SuccessSchema = v.object({
  status: v.literal('success'),
  data: v.object({ id: v.union([v.string(), v.number()]) }),
});

function tokenFailure(result: Extract<TokenResult, { ok: false }>): Outcome {
  // invalid_client is the operator's to fix; the lead waits for them.
  return result.kind === 'invalid_client' ? misconfigured('VENDOR_INVALID_CLIENT') : transient(result.reason, result.retryAfter);
}

function outcomeOf(answer: VendorAnswer): Outcome {
  if (!answer.ok) return transient(answer.reason);
  const retry = retryableStatus(answer);
  if (retry) return retry;
  const { status, body } = answer;
  if (status >= 200 && status < 300) {
    const success = v.safeParse(SuccessSchema, body);
    // A 2xx without an id: the vendor has the lead; the id is all we cannot read.
    return delivered(success.success ? String(success.output.data.id) : undefined);
  }
  if (status === 401) return misconfigured('VENDOR_TOKEN_REJECTED');
  if (status === 403) return misconfigured('VENDOR_CLUB_FORBIDDEN');
  if (status === 404) return misconfigured('VENDOR_NOT_FOUND');
  const field = status === 400 ? fieldErrorOf(body) : undefined;
  return rejected(field ? [field] : [], `status_${status}`);
}

/**
 * Virtuagym v3: a per-club bearer token from the broker, then the gateway. A
 * 401 means the token died early: it is replaced once and the call tried once more.
 */
export function virtuagymAdapter(options: VirtuagymOptions): VendorAdapter<VendorForm> {
  const leads = `${options.apiBaseUrl.replace(/\/+$/, '')}/v3/clubs/${options.clubId}/leads`;
  const attribution = virtuagymAttribution(options.attribution ?? { ...DEFAULT_ATTRIBUTION, sources: {} });

  async function send(method: 'POST' | 'PUT', url: string, body: VirtuagymLead): Promise<Outcome> {
    const call = (token: string) =>
      callVendor(url, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
        timeoutMs: options.timeoutMs,
      });
    const token = await options.tokens.get();
    if (!token.ok) return tokenFailure(token);
    const answer = await call(token.accessToken);
    if (!answer.ok || answer.status !== 401) return outcomeOf(answer);
    const renewed = await options.tokens.refresh(token.accessToken);
    if (!renewed.ok) return tokenFailure(renewed);
    return outcomeOf(await call(renewed.accessToken));
  }

  return {
    staticRules: VIRTUAGYM_FORM,
    fetchRules: async () => VIRTUAGYM_FORM,
    parseRules: () => VIRTUAGYM_FORM,
    describe: (form) => form,
    deliver: (lead, _rules, meta) => send('POST', leads, toVirtuagymLead(lead, options.defaults, meta.submissionId, attribution)),
    update: (vendorId: string, changes: Lead) => send('PUT', `${leads}/${encodeURIComponent(vendorId)}`, toVirtuagymUpdate(changes, attribution)),
  };
}
