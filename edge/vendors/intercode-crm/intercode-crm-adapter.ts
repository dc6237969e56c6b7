import * as v from 'valibot';
import type { AttributionConfig } from '../../config/attribution-config';
import { DEFAULT_ATTRIBUTION } from '../../config/attribution-config';
import { delivered, duplicate, misconfigured, type Outcome, rejected, transient } from '../outcome';
import { type VendorAdapter, VendorMisconfiguredError, VendorUnavailableError } from '../vendor-adapter';
import { callVendor, retryableStatus, type VendorAnswer } from '../vendor-http';
import { CRM_FORM } from './describe-crm-form';
import { type CrmDefaults, toCrmLead } from './to-crm-lead';

export interface IntercodeCrmOptions {
  readonly baseUrl: string;
  readonly token: string;
  readonly statusName: string;
  readonly defaults: CrmDefaults;
  readonly messageIn: 'description' | 'comment';
  readonly timeoutMs: number;
  /** Where the lead's origin goes (the description's block); the schema's defaults when absent. */
  readonly attribution?: AttributionConfig;
  /** Told when a comment could not be added to a lead that was created. */
  readonly onCommentFailed?: (reason: string) => void;
}

const StatusesSchema = v.object({ statuses: v.array(v.object({ id: v.number(), name: v.string() })) });
export type CrmRules = v.InferOutput<typeof StatusesSchema>;
const CreatedSchema = v.object({ id: v.union([v.number(), v.string()]) });
const MessageSchema = v.object({ message: v.union([v.string(), v.array(v.string())]) });

function messages(body: unknown): string[] {
  const parsed = v.safeParse(MessageSchema, body);
  if (!parsed.success) return [];
  return Array.isArray(parsed.output.message) ? parsed.output.message : [parsed.output.message];
}

const FIELDS: [RegExp, string][] = [
  [/^firstName/i, 'firstName'],
  [/^lastName/i, 'lastName'],
  [/^email/i, 'email'],
  [/^phoneNumber/i, 'phone'],
];

function failureOutcome(answer: VendorAnswer): Outcome {
  if (!answer.ok) return transient(answer.reason);
  const retry = retryableStatus(answer);
  if (retry) return retry;
  const { status, body } = answer;
  if (status === 401 || status === 403) return misconfigured(status === 401 ? 'VENDOR_AUTH_FAILED' : 'VENDOR_FORBIDDEN');
  const said = messages(body);
  if (status === 400 && said.some((m) => /email already exists/i.test(m))) return duplicate();
  if (status === 404) return misconfigured(said.some((m) => /status/i.test(m)) ? 'VENDOR_STATUS_NOT_FOUND' : 'VENDOR_NOT_FOUND');
  const fields = said.flatMap((m) =>
    FIELDS.filter(([re]) => re.test(m)).map(([, field]) => ({ field, code: /must be an email/i.test(m) ? ('invalid_email' as const) : ('invalid' as const) })),
  );
  return rejected(fields.slice(0, 1), `status_${status}`);
}

/**
 * A self-hosted Intercode SaaS Kit CRM: bearer token, statuses by name, then
 * `POST /leads`; "Email already exists" is the duplicate outcome.
 */
export function intercodeCrmAdapter(options: IntercodeCrmOptions): VendorAdapter<CrmRules> {
  const base = options.baseUrl.replace(/\/+$/, '');
  const headers = { Authorization: `Bearer ${options.token}`, Accept: 'application/json' };
  const json = { ...headers, 'Content-Type': 'application/json' };

  return {
    async fetchRules() {
      const answer = await callVendor(`${base}/leads/statuses`, { headers, timeoutMs: options.timeoutMs });
      if (!answer.ok) throw new VendorUnavailableError(answer.reason);
      if (answer.status === 401 || answer.status === 403) throw new VendorMisconfiguredError('VENDOR_AUTH_FAILED');
      if (answer.status !== 200) throw new VendorUnavailableError(`status_${answer.status}`, answer.status);
      const statuses = v.safeParse(StatusesSchema, answer.body);
      if (!statuses.success) throw new VendorUnavailableError('unreadable_statuses');
      return { statuses: statuses.output.statuses.map(({ id, name }) => ({ id, name })) };
    },
    parseRules(raw) {
      const rules = v.safeParse(StatusesSchema, raw);
      return rules.success ? rules.output : undefined;
    },
    describe: () => CRM_FORM,
    async deliver(lead, rules) {
      const status = rules.statuses.find((s) => s.name.toLowerCase() === options.statusName.toLowerCase());
      if (!status) return misconfigured('VENDOR_STATUS_NOT_FOUND');
      const created = await callVendor(`${base}/leads`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify(toCrmLead(lead, status.id, options.defaults, options.messageIn, options.attribution ?? DEFAULT_ATTRIBUTION)),
        timeoutMs: options.timeoutMs,
      });
      if (!created.ok || created.status < 200 || created.status > 299) return failureOutcome(created);
      const id = v.safeParse(CreatedSchema, created.body);
      const vendorId = id.success ? String(id.output.id) : undefined;
      if (options.messageIn === 'comment' && lead.note && vendorId) {
        // The lead exists already: a lost comment is reported, never a failed delivery.
        const comment = await callVendor(`${base}/leads/comments/${encodeURIComponent(vendorId)}`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ content: lead.note }),
          timeoutMs: options.timeoutMs,
        });
        if (!comment.ok || comment.status >= 300) options.onCommentFailed?.(comment.ok ? `status_${comment.status}` : comment.reason);
      }
      return delivered(vendorId);
    },
  };
}
