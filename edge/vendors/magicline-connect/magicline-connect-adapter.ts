import * as v from 'valibot';
import type { AttributionConfig } from '../../config/attribution-config';
import { DEFAULT_ATTRIBUTION } from '../../config/attribution-config';
import { delivered, duplicate, misconfigured, type Outcome, rejected, transient } from '../outcome';
import type { VendorAdapter } from '../vendor-adapter';
import { callVendor, retryableStatus, type VendorAnswer } from '../vendor-http';
import { type ConnectRules, ConnectRulesSchema } from './connect-rules';
import { describeConnectForm } from './describe-connect-form';
import { type ConnectSource, fetchConnectRules } from './fetch-connect-rules';
import { toConnectLead } from './to-connect-lead';

const CreatedSchema = v.object({ id: v.number() });
// `{errorCodes, message, traceId}`, or for a 400 an array of them; `message` is never passed on.
const ErrorSchema = v.object({ errorCodes: v.array(v.string()) });
const ErrorsSchema = v.union([ErrorSchema, v.array(ErrorSchema)]);

function errorCodes(body: unknown): string[] {
  const parsed = v.safeParse(ErrorsSchema, body);
  if (!parsed.success) return [];
  return (Array.isArray(parsed.output) ? parsed.output : [parsed.output]).flatMap((e) => e.errorCodes);
}

function outcomeOf(answer: VendorAnswer): Outcome {
  if (!answer.ok) return transient(answer.reason);
  const retry = retryableStatus(answer);
  if (retry) return retry;
  const { status, body } = answer;
  if (status >= 200 && status < 300) {
    const created = v.safeParse(CreatedSchema, body);
    return delivered(created.success ? String(created.output.id) : undefined);
  }
  const codes = errorCodes(body);
  if (status === 409 && codes.includes('CONFLICT')) return duplicate();
  if (status === 403) return misconfigured(`VENDOR_${codes[0] ?? 'FORBIDDEN'}`);
  if (status === 404) return misconfigured('VENDOR_NOT_FOUND');
  return rejected([], codes.join(',') || `status_${status}`);
}

/**
 * Magicline Connect, the tenant's public website API: no credentials. The
 * studios, their field modes, message categories and campaigns are the rules.
 * `attribution` says where the lead's campaign and origin go (the schema's defaults when absent).
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
      const body = toConnectLead(lead, Number(studioId), studio, meta.marketing, attribution);
      return outcomeOf(
        await callVendor(leadUrl, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify(body),
          timeoutMs: source.timeoutMs,
        }),
      );
    },
  };
}
