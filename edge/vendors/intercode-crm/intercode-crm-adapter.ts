import * as v from 'valibot';
import type { Lead } from '../../../shared/lead';
import type { AttributionConfig } from '../../config/attribution-config';
import { DEFAULT_ATTRIBUTION } from '../../config/attribution-config';
import { delivered, duplicate, misconfigured, type Outcome, rejected, transient, undetermined } from '../outcome';
import { type VendorAdapter, VendorMisconfiguredError, VendorUnavailableError } from '../vendor-adapter';
import { callVendor, createCallFailure, retryableStatus, type VendorAnswer } from '../vendor-http';
import type { CrmSessionSource, SessionResult } from './crm-session';
import { CRM_FORM } from './describe-crm-form';
import { type CrmDefaults, duplicateComment, submissionMarker, toCrmLead } from './to-crm-lead';

export interface IntercodeCrmOptions {
  readonly baseUrl: string;
  /** The signed-in session (a service account's login) or the static bearer token. */
  readonly session: CrmSessionSource;
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
// FACT: the search answer's leads carry id and email (and no description); GET /leads/{id} is read for the rest.
const FoundSchema = v.array(v.object({ id: v.union([v.number(), v.string()]), email: v.string() }));
const DescribedSchema = v.object({ description: v.string() });

function messages(body: unknown): string[] {
  const parsed = v.safeParse(MessageSchema, body);
  if (!parsed.success) return [];
  return Array.isArray(parsed.output.message) ? parsed.output.message : [parsed.output.message];
}

const FIELDS: [RegExp, string][] = [
  [/^firstName/i, 'firstName'],
  [/^lastName/i, 'lastName'],
  [/^email/i, 'email'],
  [/^(each value in )?phoneNumber/i, 'phone'],
];

const isEmailTaken = (answer: VendorAnswer) => answer.ok && answer.status === 400 && messages(answer.body).some((m) => /email already exists/i.test(m));

/** Any call but a create: no answer or 429/5xx is worth another attempt; 401/403 only the operator can fix. */
function callFailure(answer: VendorAnswer): Outcome {
  if (!answer.ok) return transient(answer.reason);
  const retry = retryableStatus(answer);
  if (retry) return retry;
  if (answer.status === 401 || answer.status === 403) return misconfigured(answer.status === 401 ? 'VENDOR_AUTH_FAILED' : 'VENDOR_FORBIDDEN');
  return transient(`status_${answer.status}`);
}

function createFailure(answer: VendorAnswer): Outcome {
  const lost = createCallFailure(answer);
  if (lost || !answer.ok) return lost ?? transient('no_answer');
  const { status, body } = answer;
  if (status === 401 || status === 403) return misconfigured(status === 401 ? 'VENDOR_AUTH_FAILED' : 'VENDOR_FORBIDDEN');
  const said = messages(body);
  if (status === 404) return misconfigured(said.some((m) => /status/i.test(m)) ? 'VENDOR_STATUS_NOT_FOUND' : 'VENDOR_NOT_FOUND');
  const fields = said.flatMap((m) =>
    FIELDS.filter(([re]) => re.test(m)).map(([, field]) => ({ field, code: /must be an email/i.test(m) ? ('invalid_email' as const) : ('invalid' as const) })),
  );
  return rejected(fields.slice(0, 1), `status_${status}`);
}

function sessionFailure(result: Extract<SessionResult, { ok: false }>): Outcome {
  // A refused login is the operator's to fix (wrong secret, locked account); the lead waits for them.
  return result.kind === 'refused' ? misconfigured('VENDOR_AUTH_FAILED') : transient(result.reason, result.retryAfter);
}

/**
 * A self-hosted Intercode SaaS Kit CRM: a service account's session (or a bearer token),
 * statuses by name, then `POST /leads`. "Email already exists" is the duplicate outcome, and
 * the visitor's message goes onto the existing lead as a comment. A create whose answer was
 * lost is looked up by email (`GET /leads/search`) and the submission's marker in the lead's
 * description before it is sent again.
 */
export function intercodeCrmAdapter(options: IntercodeCrmOptions): VendorAdapter<CrmRules> {
  const base = options.baseUrl.replace(/\/+$/, '');
  const attribution = options.attribution ?? DEFAULT_ATTRIBUTION;

  /** One CRM call, signed in; a 401 signs in again (a session ends) and tries once more. */
  async function call(path: string, init: { method?: string; body?: unknown } = {}): Promise<VendorAnswer | Extract<SessionResult, { ok: false }>> {
    const send = (credential: { name: string; value: string }) =>
      callVendor(`${base}${path}`, {
        method: init.method ?? 'GET',
        headers: {
          Accept: 'application/json',
          [credential.name]: credential.value,
          ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        timeoutMs: options.timeoutMs,
      });
    const session = await options.session.get();
    if (!session.ok) return session;
    const answer = await send(session.credential);
    // A 401 comes from the guard, before the handler: even a create took nothing, so it is sent again.
    if (!answer.ok || answer.status !== 401) return answer;
    const renewed = await options.session.refresh(session.credential);
    if (!renewed.ok) return renewed;
    if (renewed.credential.value === session.credential.value) return answer;
    return send(renewed.credential);
  }
  const isSessionFailure = (answer: VendorAnswer | Extract<SessionResult, { ok: false }>): answer is Extract<SessionResult, { ok: false }> => 'kind' in answer;

  /** The id of the lead with this email, if the CRM holds one; an Outcome when the search failed. */
  async function findByEmail(email: string): Promise<{ id: string | undefined } | Outcome> {
    const answer = await call(`/leads/search?query=${encodeURIComponent(email)}`);
    if (isSessionFailure(answer)) return sessionFailure(answer);
    if (!answer.ok || answer.status !== 200) return callFailure(answer);
    const found = v.safeParse(FoundSchema, answer.body);
    if (!found.success) return transient('unreadable_search');
    // GUESS: the search matches parts of names, email, company and phone; only the same email counts.
    const lead = found.output.find((candidate) => candidate.email.trim().toLowerCase() === email.trim().toLowerCase());
    return { id: lead === undefined ? undefined : String(lead.id) };
  }

  /**
   * After a lost answer: did that create land? The lead with this email is ours when its
   * description carries this submission's marker; without the description the CRM cannot tell.
   */
  async function reconcile(email: string, submissionId: string): Promise<Outcome | 'absent'> {
    const found = await findByEmail(email);
    if ('kind' in found) return found;
    if (found.id === undefined) return 'absent';
    const answer = await call(`/leads/${encodeURIComponent(found.id)}`);
    if (isSessionFailure(answer)) return sessionFailure(answer);
    if (!answer.ok || answer.status !== 200) return callFailure(answer);
    const lead = v.safeParse(DescribedSchema, answer.body);
    if (!lead.success) return undetermined('description_unreadable');
    // Another lead with this email is a real earlier customer: the create answers the duplicate.
    return lead.output.description.split('\n').some((line) => line.trim() === submissionMarker(submissionId)) ? delivered(found.id) : 'absent';
  }

  /** An existing lead's email: the visitor's message and campaign go onto it as a comment. */
  async function keepOnDuplicate(lead: Lead): Promise<Outcome> {
    const found = await findByEmail(lead.email ?? '');
    const vendorId = 'kind' in found ? undefined : found.id;
    if (vendorId === undefined) return duplicate();
    const content = duplicateComment(lead, attribution);
    if (!content) return duplicate({ vendorId });
    const comment = await call(`/leads/comments/${encodeURIComponent(vendorId)}`, { method: 'POST', body: { content } });
    const added = !isSessionFailure(comment) && comment.ok && comment.status >= 200 && comment.status < 300;
    if (!added) options.onCommentFailed?.(isSessionFailure(comment) ? comment.reason : comment.ok ? `status_${comment.status}` : comment.reason);
    return added ? duplicate({ vendorId, kept: 'comment' }) : duplicate({ vendorId });
  }

  return {
    async fetchRules() {
      const answer = await call('/leads/statuses');
      if (isSessionFailure(answer)) {
        if (answer.kind === 'refused') throw new VendorMisconfiguredError('VENDOR_AUTH_FAILED');
        throw new VendorUnavailableError(answer.reason);
      }
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
    async deliver(lead, rules, meta) {
      const status = rules.statuses.find((s) => s.name.toLowerCase() === options.statusName.toLowerCase());
      if (!status) return misconfigured('VENDOR_STATUS_NOT_FOUND');
      if (meta.afterUnknown) {
        const earlier = await reconcile(lead.email ?? '', meta.submissionId);
        if (earlier !== 'absent') return earlier;
      }
      const created = await call('/leads', {
        method: 'POST',
        body: toCrmLead(lead, status.id, options.defaults, options.messageIn, attribution, meta.submissionId),
      });
      if (isSessionFailure(created)) return sessionFailure(created);
      if (isEmailTaken(created)) return keepOnDuplicate(lead);
      if (!created.ok || created.status < 200 || created.status > 299) return createFailure(created);
      const id = v.safeParse(CreatedSchema, created.body);
      const vendorId = id.success ? String(id.output.id) : undefined;
      if (options.messageIn === 'comment' && lead.note && vendorId) {
        // The lead exists already: a lost comment is reported, never a failed delivery.
        const comment = await call(`/leads/comments/${encodeURIComponent(vendorId)}`, { method: 'POST', body: { content: lead.note } });
        if (isSessionFailure(comment)) options.onCommentFailed?.(comment.reason);
        else if (!comment.ok || comment.status >= 300) options.onCommentFailed?.(comment.ok ? `status_${comment.status}` : comment.reason);
      }
      return delivered(vendorId);
    },
  };
}
