// `npm run admin -- <command>`: the operator's view of the delivery ledger over
// the Worker's admin API. The core is runAdmin(), which gets every outside
// effect passed in, so its tests need no network.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import {
  ADMIN_TOKEN_SECRET,
  DELIVERY_STATUSES,
  type DeliveryDetail,
  DeliveryDetailSchema,
  type DeliveryList,
  DeliveryListSchema,
  type DeliveryStats,
  DeliveryStatsSchema,
  type DeliveryStatus,
  type DeliverySummary,
  ReencryptResultSchema,
  type ReplayResult,
  ReplayResultSchema,
  type ResolveResult,
  ResolveResultSchema,
} from '../shared/admin';
import { AlertTestResultSchema } from '../shared/admin-alerts';
import { AdminTokenListSchema, CreatedAdminTokenSchema, RevokedAdminTokenSchema } from '../shared/admin-tokens';
import { ApiErrorBodySchema } from '../shared/api-error';
import { FORMS_ACTIONS, FORMS_ARGS, FORMS_USAGE, type FormsAction, runFormsCommand } from './admin-forms';
import { readDevVars } from './dev-vars';

export const DEFAULT_WORKER_URL = 'http://127.0.0.1:8787';
const MAX_LIMIT = 200;
const REQUEST_TIMEOUT_MS = 30_000;

export const USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  list <formId>           Deliveries of a form
      --status <status>   Only this status: ${DELIVERY_STATUSES.join(', ')}
      --limit <n>         Deliveries per page, 1 to ${MAX_LIMIT} (default 50)
      --all               Follow the pages to the end
  show <formId> <id>      One delivery, with its lead while it is kept
  stats <formId>          How many deliveries are in each status
  replay <formId> <id>    Put one failed or held delivery back into the queue
  replay-all <formId>     Put every failed or held delivery of the form back into the queue
  arrived <formId> <id>   A delivery whose outcome is unknown: you found the lead at the vendor
      --vendor-id <id>    The lead's id at the vendor, if you know it
  send-again <formId> <id>
                          A delivery whose outcome is unknown: the vendor does not have it, create it
  tokens create --forms <id,id,...> [--label <text>]
                          A token that opens the admin API for these forms only; it is shown once
  tokens list             Every scoped token (never the tokens themselves)
  tokens revoke <tokenId> The token no longer opens anything
  re-encrypt              Key rotation: seal every stored lead under the first key of LEADGATE_DATA_KEYS
  erase <formId>          Erase one person's or one submission's records from the form (GDPR)
      --email <address>   Every submission with this e-mail address
      --submission <id>   One submission, by its id
  export <formId>         Everything stored about one e-mail address, as JSON (GDPR)
      --email <address>
  audit                   The audit log of erasures and exports (no personal data)
  alerts test <formId>    Send a signed test event to the form's alert webhooks (and the Worker-wide one)
${FORMS_USAGE}  help                    This text

Options:
  --url <origin>          The Worker (default: $LEADGATE_URL, else ${DEFAULT_WORKER_URL})
  --json                  Print the Worker's JSON answer instead of a table

The admin token is $${ADMIN_TOKEN_SECRET}, else ${ADMIN_TOKEN_SECRET} from .dev.vars.
`;

/** Everything runAdmin() touches outside itself. */
export interface AdminIo {
  readonly fetch: typeof fetch;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly readDevVars: () => Record<string, string>;
}

/** A failure already worded for the operator; runAdmin() prints it and exits 1. */
class AdminError extends Error {}

/** The Worker's error answer, as AdminError; `code` for the commands that handle one (a form not there yet). */
class AdminApiError extends AdminError {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

const COMMANDS = {
  list: ['formId'],
  show: ['formId', 'id'],
  stats: ['formId'],
  replay: ['formId', 'id'],
  'replay-all': ['formId'],
  arrived: ['formId', 'id'],
  'send-again': ['formId', 'id'],
  // `tokens <create|list|revoke>`, parsed as one word: scoped admin tokens, with the global token only.
  'tokens-create': [],
  'tokens-list': [],
  'tokens-revoke': ['tokenId'],
  're-encrypt': [],
  erase: ['formId'],
  export: ['formId'],
  audit: [],
  // `alerts test`, parsed as one word like `tokens <action>`.
  'alerts-test': ['formId'],
  // `forms <action>` (also `npm run forms -- <action>`): forms at run time, scripts/admin-forms.ts.
  ...(Object.fromEntries(FORMS_ACTIONS.map((action) => [`forms-${action}`, FORMS_ARGS[action]])) as Record<`forms-${FormsAction}`, readonly string[]>),
} as const satisfies Record<string, readonly string[]>;
type Command = keyof typeof COMMANDS;

const LIST_ONLY_OPTIONS = ['status', 'limit', 'all'] as const;

interface Invocation {
  readonly command: Command;
  readonly args: readonly string[];
  readonly url: string;
  readonly json: boolean;
  readonly status: DeliveryStatus | undefined;
  readonly limit: number | undefined;
  readonly all: boolean;
  readonly vendorId: string | undefined;
  readonly forms: readonly string[] | undefined;
  readonly label: string | undefined;
  readonly email: string | undefined;
  readonly submission: string | undefined;
  readonly note: string | undefined;
  readonly base: number | undefined;
  readonly outFile: string | undefined;
}

/**
 * Runs one admin command and returns the process exit code: 0 on success, 1
 * on any error (wrong usage, Worker unreachable, an API error).
 *
 * @example
 * process.exitCode = await runAdmin(process.argv.slice(2), { fetch, env: process.env, stdout: process.stdout, stderr: process.stderr, readDevVars });
 */
export async function runAdmin(argv: readonly string[], io: AdminIo): Promise<number> {
  let out = io.stdout;
  let err = io.stderr;
  try {
    const invocation = parseInvocation(argv, io.env);
    if (invocation === 'help') {
      out.write(USAGE);
      return 0;
    }
    const token = adminToken(io);
    // Whatever the Worker or a network error echoes, the token never reaches the terminal.
    const redact = (text: string) => text.split(token).join('[token]');
    out = { write: (text) => io.stdout.write(redact(text)) };
    err = { write: (text) => io.stderr.write(redact(text)) };
    const api = adminApi(invocation.url, token, io.fetch);
    await COMMAND_RUNNERS[invocation.command](invocation, api, out);
    return 0;
  } catch (error) {
    if (error instanceof AdminError) {
      err.write(`admin: ${error.message}\n`);
      return 1;
    }
    err.write(`admin: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

function parseInvocation(argv: readonly string[], env: AdminIo['env']): Invocation | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        url: { type: 'string' },
        json: { type: 'boolean' },
        status: { type: 'string' },
        limit: { type: 'string' },
        all: { type: 'boolean' },
        'vendor-id': { type: 'string' },
        forms: { type: 'string' },
        label: { type: 'string' },
        email: { type: 'string' },
        submission: { type: 'string' },
        note: { type: 'string' },
        base: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Node's own wording goes on about positionals; the option's name is what matters.
    const unknown = /^Unknown option '([^']+)'/.exec(message);
    throw usageError(unknown ? `unknown option ${unknown[1]}` : message);
  }
  const { values, positionals } = parsed;
  let [name, ...args] = positionals;
  if (values.help || name === 'help') return 'help';
  if (name === undefined) throw new AdminError(`no command given\n\n${USAGE}`);
  if (name === 'tokens') {
    const [action, ...rest] = args;
    if (!['create', 'list', 'revoke'].includes(action ?? '')) throw usageError('tokens needs one of: create, list, revoke');
    [name, args] = [`tokens-${action}`, rest];
  }
  if (name === 'alerts') {
    const [action, ...rest] = args;
    if (action !== 'test') throw usageError('alerts needs: test <formId>');
    [name, args] = ['alerts-test', rest];
  }
  if (name === 'forms') {
    const [action, ...rest] = args;
    if (!(FORMS_ACTIONS as readonly string[]).includes(action ?? '')) throw usageError(`forms needs one of: ${FORMS_ACTIONS.join(', ')}`);
    [name, args] = [`forms-${action}`, rest];
  }
  if (!Object.hasOwn(COMMANDS, name)) throw usageError(`unknown command "${name}"`);
  const command = name as Command;
  const wanted: readonly string[] = COMMANDS[command];
  const synopsis = `npm run admin -- ${command.replace(/^(tokens|alerts|forms)-/, '$1 ')} ${wanted.map((arg) => `<${arg}>`).join(' ')}`.trimEnd();
  const spoken = command.replace(/^(tokens|alerts|forms)-/, '$1 ');
  if (args.length < wanted.length) {
    const missing = wanted.slice(args.length).map((arg) => `<${arg}>`);
    throw usageError(`${spoken} is missing ${missing.join(' and ')}: ${synopsis}`);
  }
  if (args.length > wanted.length) {
    throw usageError(`${spoken} got an extra argument "${args.slice(wanted.length).join(' ')}": ${synopsis}`);
  }
  if (command !== 'list') {
    const misplaced = LIST_ONLY_OPTIONS.find((option) => values[option] !== undefined);
    if (misplaced) throw usageError(`--${misplaced} only applies to list`);
  }
  if (command !== 'arrived' && values['vendor-id'] !== undefined) throw usageError('--vendor-id only applies to arrived');
  if (values['vendor-id'] !== undefined && values['vendor-id'].trim() === '') throw usageError('--vendor-id must not be empty');
  if (command !== 'tokens-create' && (values.forms !== undefined || values.label !== undefined)) {
    throw usageError(`--${values.forms !== undefined ? 'forms' : 'label'} only applies to tokens create`);
  }
  const forms = values.forms
    ?.split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  if (command === 'tokens-create' && !forms?.length) throw usageError('tokens create needs --forms <id,id,...>: the forms the token may use');
  if (command !== 'erase' && command !== 'export' && values.email !== undefined) throw usageError('--email only applies to erase and export');
  if (command !== 'erase' && values.submission !== undefined) throw usageError('--submission only applies to erase');
  if (command === 'erase' && (values.email === undefined) === (values.submission === undefined)) {
    throw usageError('erase needs exactly one of --email <address> or --submission <id>');
  }
  if (command === 'export' && values.email === undefined) throw usageError('export needs --email <address>');
  if (!['forms-publish', 'forms-rollback', 'forms-import'].includes(command) && values.note !== undefined) {
    throw usageError('--note only applies to forms publish, forms rollback and forms import');
  }
  if (command !== 'forms-publish' && values.base !== undefined) throw usageError('--base only applies to forms publish');
  if (command !== 'forms-export' && values.out !== undefined) throw usageError('--out only applies to forms export');
  if (values.base !== undefined && !/^\d{1,9}$/.test(values.base)) throw usageError(`--base "${values.base}" must be a version number (0 for a new form)`);
  return {
    command,
    args,
    url: workerUrl(values.url, env.LEADGATE_URL),
    json: values.json ?? false,
    status: values.status === undefined ? undefined : deliveryStatus(values.status),
    limit: values.limit === undefined ? undefined : pageLimit(values.limit),
    all: values.all ?? false,
    vendorId: values['vendor-id'],
    forms,
    label: values.label,
    email: values.email,
    submission: values.submission,
    note: values.note,
    base: values.base === undefined ? undefined : Number(values.base),
    outFile: values.out,
  };
}

function usageError(message: string): AdminError {
  return new AdminError(`${message}\nRun "npm run admin -- help" for the commands and options.`);
}

function deliveryStatus(value: string): DeliveryStatus {
  if ((DELIVERY_STATUSES as readonly string[]).includes(value)) return value as DeliveryStatus;
  throw usageError(`--status "${value}" is not a delivery status; use one of: ${DELIVERY_STATUSES.join(', ')}`);
}

function pageLimit(value: string): number {
  const limit = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (limit >= 1 && limit <= MAX_LIMIT) return limit;
  throw usageError(`--limit "${value}" must be a whole number from 1 to ${MAX_LIMIT}`);
}

function workerUrl(flag: string | undefined, fromEnv: string | undefined): string {
  const [value, source] = flag !== undefined ? [flag, '--url'] : fromEnv ? [fromEnv, 'LEADGATE_URL'] : [DEFAULT_WORKER_URL, 'default'];
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    throw usageError(`${source} "${value}" is not an http(s) URL; give the Worker's origin, e.g. ${DEFAULT_WORKER_URL}`);
  }
  return value.replace(/\/+$/, '');
}

function adminToken(io: AdminIo): string {
  const fromEnv = io.env[ADMIN_TOKEN_SECRET];
  if (fromEnv) return fromEnv;
  let devVars: Record<string, string>;
  try {
    devVars = io.readDevVars();
  } catch (error) {
    throw new AdminError(
      `no admin token: ${ADMIN_TOKEN_SECRET} is not set and .dev.vars cannot be read (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const token = devVars[ADMIN_TOKEN_SECRET];
  if (token) return token;
  throw new AdminError(
    `no admin token: ${ADMIN_TOKEN_SECRET} is neither in the environment nor in .dev.vars. Set it in the environment, or add ${ADMIN_TOKEN_SECRET}=<token> to .dev.vars (the local Worker reads the same file).`,
  );
}

/** A validated answer, and the JSON as the Worker sent it (valibot drops keys it does not know). */
interface Answer<T> {
  readonly value: T;
  readonly raw: unknown;
}

type AdminApi = <S extends v.GenericSchema>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  schema: S,
  body?: object,
) => Promise<Answer<v.InferOutput<S>>>;

function adminApi(url: string, token: string, fetchFn: typeof fetch): AdminApi {
  return async (method, path, schema, sent) => {
    let response: Response;
    try {
      response = await fetchFn(`${url}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          ...(sent === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(sent === undefined ? {} : { body: JSON.stringify(sent) }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw unreachable(url, error);
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      body = undefined;
    }
    if (!response.ok) throw apiError(url, response.status, body, text);
    if (body === undefined) throw new AdminError(`unexpected answer from the Worker at ${url}: HTTP ${response.status}, not JSON: ${snippet(text)}`);
    const checked = v.safeParse(schema, body);
    if (!checked.success) {
      throw new AdminError(`unexpected answer from the Worker at ${url}${path}: ${v.summarize(checked.issues)}`);
    }
    return { value: checked.output, raw: body };
  };
}

function unreachable(url: string, error: unknown): AdminError {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new AdminError(`the Worker at ${url} did not answer within ${REQUEST_TIMEOUT_MS / 1000} s.`);
  }
  // fetch() only says "fetch failed"; the cause names it (ECONNREFUSED, ENOTFOUND...).
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const reason = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return new AdminError(`cannot reach the Worker at ${url} (${reason}). Is it running? Start it with "npm start", or point --url or LEADGATE_URL at it.`);
}

const ERROR_HINTS: Readonly<Record<string, string>> = {
  ADMIN_UNAUTHORIZED: `The Worker refused the token: check that ${ADMIN_TOKEN_SECRET} (environment or .dev.vars) is the Worker's secret.`,
  ADMIN_DISABLED: `Turn it on: add ${ADMIN_TOKEN_SECRET} to .dev.vars and restart the Worker, or run "wrangler secret put ${ADMIN_TOKEN_SECRET}" for a deployed one.`,
  NOT_FOUND: 'This Worker has no such admin route: is it an older version?',
  RATE_LIMITED: 'Too many wrong admin tokens came from this address: it is locked for a while (the right token too). Wait, then use the right token.',
};

function apiError(url: string, status: number, body: unknown, text: string): AdminError {
  const parsed = v.safeParse(ApiErrorBodySchema, body);
  if (!parsed.success) return new AdminError(`the Worker at ${url} answered HTTP ${status} without an error code: ${snippet(text)}`);
  const { code, message, issues, secrets, expectedVersion, currentVersion } = parsed.output.error;
  const hint = ERROR_HINTS[code];
  // A refused form config: every problem at its key path, the secrets to set, or the version to start from.
  const details = [
    ...(issues ?? []).map((issue) => `  ${issue.path || '(the form)'}: ${issue.message}`),
    ...(secrets?.length ? [`  secrets this Worker lacks: ${secrets.join(', ')} (wrangler secret put NAME, or .dev.vars locally)`] : []),
    ...(currentVersion !== undefined
      ? [
          `  you edited version ${expectedVersion}, the form is at version ${currentVersion}: look at it (forms show) and publish again with --base ${currentVersion}`,
        ]
      : []),
  ];
  return new AdminApiError(`${code} (HTTP ${status}): ${message}${details.length ? `\n${details.join('\n')}` : ''}${hint ? `\n${hint}` : ''}`, code);
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}...` : flat || '(empty body)';
}

type Output = AdminIo['stdout'];
type Runner = (invocation: Invocation, api: AdminApi, out: Output) => Promise<void>;

const formPath = (formId: string) => `/v1/admin/forms/${encodeURIComponent(formId)}`;

const EraseResultSchema = v.object({ erased: v.number(), submissionIds: v.array(v.string()) });
const ExportResultSchema = v.object({ formId: v.string(), submissions: v.array(v.object({ id: v.string() })) });
const AuditListSchema = v.object({
  entries: v.array(
    v.object({
      at: v.string(),
      actor: v.string(),
      action: v.string(),
      formId: v.nullable(v.string()),
      target: v.nullable(v.string()),
      count: v.nullable(v.number()),
    }),
  ),
});

/** `forms <action>`: scripts/admin-forms.ts, with this CLI's API client and errors. */
const formsRunner =
  (action: FormsAction): Runner =>
  (invocation, api, out) =>
    runFormsCommand(action, {
      ...invocation,
      api,
      out,
      fail: (message) => new AdminError(message),
      isApiError: (error, code) => error instanceof AdminApiError && error.code === code,
    });

const COMMAND_RUNNERS: Record<Command, Runner> = {
  ...(Object.fromEntries(FORMS_ACTIONS.map((action) => [`forms-${action}`, formsRunner(action)])) as Record<`forms-${FormsAction}`, Runner>),
  async erase({ args: [formId = ''], email, submission, json }, api, out) {
    const body = email !== undefined ? { email } : { submissionId: submission };
    const answer = await api('POST', `${formPath(formId)}/erase`, EraseResultSchema, body);
    if (json) return printJson(out, answer.raw);
    const { erased, submissionIds } = answer.value;
    out.write(
      erased === 0
        ? `Nothing to erase in form ${formId}; a resend of it is refused from now on.\n`
        : `Erased ${erased} ${erased === 1 ? 'submission' : 'submissions'} of form ${formId}:\n${submissionIds.map((id) => `  ${id}\n`).join('')}`,
    );
  },

  async export({ args: [formId = ''], email }, api, out) {
    // Always JSON: the person's copy of their data, to hand over as it is.
    const answer = await api('GET', `${formPath(formId)}/export?email=${encodeURIComponent(email ?? '')}`, ExportResultSchema);
    printJson(out, answer.raw);
  },

  async audit({ json }, api, out) {
    const answer = await api('GET', '/v1/admin/audit', AuditListSchema);
    if (json) return printJson(out, answer.raw);
    if (answer.value.entries.length === 0) return void out.write('The audit log is empty.\n');
    out.write(answer.value.entries.map((e) => `${e.at}  ${e.actor}  ${e.action}  ${orDash(e.formId)}  ${orDash(e.target)}  ${orDash(e.count)}\n`).join(''));
  },

  async list({ args: [formId = ''], status, limit, all, json }, api, out) {
    const deliveries: DeliverySummary[] = [];
    const raw: unknown[] = [];
    let answer: Answer<DeliveryList> | undefined;
    let cursor: string | undefined;
    do {
      const query = new URLSearchParams();
      if (status) query.set('status', status);
      if (limit) query.set('limit', String(limit));
      if (cursor) query.set('cursor', cursor);
      const search = query.toString() ? `?${query}` : '';
      answer = await api('GET', `${formPath(formId)}/deliveries${search}`, DeliveryListSchema);
      deliveries.push(...answer.value.deliveries);
      raw.push(...(answer.raw as { deliveries: unknown[] }).deliveries);
      const next = answer.value.nextCursor;
      if (all && next !== undefined && next === cursor) throw new AdminError(`the Worker gave the same cursor twice ("${next}"); stopped listing`);
      cursor = all ? next : undefined;
    } while (cursor !== undefined);
    if (json) {
      printJson(out, all ? { deliveries: raw } : answer.raw);
      return;
    }
    const filter = status ? ` with status ${status}` : '';
    if (deliveries.length === 0) {
      out.write(`No deliveries for form ${formId}${filter}.\n`);
      return;
    }
    out.write(deliveryTable(deliveries));
    const more = !all && answer.value.nextCursor !== undefined ? '; more on the next page, add --all to list them all' : '';
    out.write(`\n${deliveries.length} ${deliveries.length === 1 ? 'delivery' : 'deliveries'} of form ${formId}${filter}${more}.\n`);
  },

  async show({ args: [formId = '', id = ''], json }, api, out) {
    const answer = await api('GET', `${formPath(formId)}/deliveries/${encodeURIComponent(id)}`, DeliveryDetailSchema);
    if (json) return printJson(out, answer.raw);
    out.write(keyValueLines(detailEntries(answer.value.delivery)));
  },

  async stats({ args: [formId = ''], json }, api, out) {
    const answer = await api('GET', `${formPath(formId)}/stats`, DeliveryStatsSchema);
    if (json) return printJson(out, answer.raw);
    out.write(keyValueLines(statsEntries(answer.value)));
  },

  async replay({ args: [formId = '', id = ''], json }, api, out) {
    const answer = await api('POST', `${formPath(formId)}/deliveries/${encodeURIComponent(id)}/replay`, ReplayResultSchema);
    if (json) return printJson(out, answer.raw);
    out.write(replayLines(answer.value, formId));
  },

  async 'replay-all'({ args: [formId = ''], json }, api, out) {
    const answer = await api('POST', `${formPath(formId)}/dead-letters/replay`, ReplayResultSchema);
    if (json) return printJson(out, answer.raw);
    out.write(replayLines(answer.value, formId));
  },

  async arrived({ args: [formId = '', id = ''], vendorId, json }, api, out) {
    const body = vendorId === undefined ? undefined : { vendorId };
    const answer = await api('POST', `${formPath(formId)}/deliveries/${encodeURIComponent(id)}/arrived`, ResolveResultSchema, body);
    if (json) return printJson(out, answer.raw);
    out.write(resolveLine(answer.value, formId, vendorId));
  },

  async 're-encrypt'({ json }, api, out) {
    // One batch per call; again while the Worker reports progress and some remain.
    const total = { reencrypted: 0, unreadable: 0, remaining: 0 };
    for (;;) {
      const { value } = await api('POST', '/v1/admin/keys/re-encrypt', ReencryptResultSchema);
      total.reencrypted += value.reencrypted;
      total.unreadable = Math.max(total.unreadable, value.unreadable);
      total.remaining = value.remaining;
      if (value.remaining === 0 || value.reencrypted === 0) break;
    }
    if (json) return printJson(out, total);
    out.write(
      `Re-encrypted ${total.reencrypted} stored lead(s) under the current key; ${total.unreadable} unreadable (no listed key opens them); ${total.remaining} remaining.\n`,
    );
  },

  async 'send-again'({ args: [formId = '', id = ''], json }, api, out) {
    const answer = await api('POST', `${formPath(formId)}/deliveries/${encodeURIComponent(id)}/send-again`, ResolveResultSchema);
    if (json) return printJson(out, answer.raw);
    out.write(resolveLine(answer.value, formId, undefined));
  },

  async 'tokens-create'({ forms = [], label, json }, api, out) {
    const answer = await api('POST', '/v1/admin/tokens', CreatedAdminTokenSchema, { forms, ...(label === undefined ? {} : { label }) });
    if (json) return printJson(out, answer.raw);
    const { token, id } = answer.value;
    out.write(
      `Token ${id} for ${answer.value.forms.join(', ')}:\n\n  ${token}\n\nIt is shown this once: the Worker keeps only a hash of it. Revoke it with "npm run admin -- tokens revoke ${id}".\n`,
    );
  },

  async 'tokens-list'({ json }, api, out) {
    const answer = await api('GET', '/v1/admin/tokens', AdminTokenListSchema);
    if (json) return printJson(out, answer.raw);
    if (answer.value.tokens.length === 0) return void out.write('No scoped tokens.\n');
    for (const t of answer.value.tokens) {
      const state = t.revokedAt ? `revoked ${shortTime(t.revokedAt)}` : t.lastUsedAt ? `last used ${shortTime(t.lastUsedAt)}` : 'never used';
      out.write(`${t.id}  ${t.forms.join(',')}  ${t.label ?? '-'}  created ${shortTime(t.createdAt)}  ${state}\n`);
    }
  },

  async 'alerts-test'({ args: [formId = ''], json }, api, out) {
    const answer = await api('POST', `${formPath(formId)}/alerts/test`, AlertTestResultSchema);
    if (json) return printJson(out, answer.raw);
    const { eventId, webhooks } = answer.value;
    out.write(`Test event ${eventId} queued for ${webhooks} ${webhooks === 1 ? 'webhook' : 'webhooks'} of form ${formId}.\n`);
  },

  async 'tokens-revoke'({ args: [id = ''], json }, api, out) {
    const answer = await api('DELETE', `/v1/admin/tokens/${encodeURIComponent(id)}`, RevokedAdminTokenSchema);
    if (json) return printJson(out, answer.raw);
    out.write(`Token ${answer.value.id} revoked.\n`);
  },
};

function printJson(out: Output, value: unknown): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`);
}

const orDash = (value: string | number | null | undefined) => (value === null || value === undefined ? '-' : String(value));

/** `2026-05-01T12:00:00.000Z` as `2026-05-01 12:00:00Z`; anything else as it came. */
function shortTime(iso: string | null): string {
  if (iso === null) return '-';
  const match = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.\d+)?Z$/.exec(iso);
  return match ? `${match[1]} ${match[2]}Z` : iso;
}

function deliveryTable(deliveries: readonly DeliverySummary[]): string {
  const header = ['ID', 'STATUS', 'ATTEMPTS', 'LAST ERROR', 'FAILURE REASON', 'CREATED', 'NEXT ATTEMPT'];
  const rows = deliveries.map((d) => [
    d.id,
    d.status,
    String(d.attempts),
    orDash(d.lastErrorCode),
    orDash(d.failureReason),
    shortTime(d.createdAt),
    shortTime(d.nextAttemptAt),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const ATTEMPTS = 2;
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === ATTEMPTS ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

function keyValueLines(entries: readonly (readonly [string, string])[]): string {
  const width = Math.max(...entries.map(([key]) => key.length)) + 1;
  return `${entries.map(([key, value]) => `${`${key}:`.padEnd(width)}  ${value}`.trimEnd()).join('\n')}\n`;
}

function detailEntries(delivery: DeliveryDetail['delivery']): [string, string][] {
  const entries: [string, string][] = [
    ['id', delivery.id],
    ['form', delivery.formId],
    ['status', delivery.status],
    ['attempts', String(delivery.attempts)],
    ['last error', orDash(delivery.lastErrorCode)],
    ['failure reason', orDash(delivery.failureReason)],
    ['vendor id', orDash(delivery.vendorId)],
    ...Object.entries(delivery.vendorRefs ?? {}).map(([name, value]): [string, string] => [`vendor ${name}`, value]),
    ...(delivery.outcomeUnknown ? [['outcome unknown', 'yes: a create went unanswered; the next attempt looks for it first'] as [string, string]] : []),
    ['created', delivery.createdAt],
    ['updated', delivery.updatedAt],
    ['next attempt', orDash(delivery.nextAttemptAt)],
    ['dead-lettered', orDash(delivery.deadLetteredAt)],
    ['purged', orDash(delivery.purgedAt)],
  ];
  if (delivery.lead === null) return [...entries, ['lead', delivery.purgedAt ? '(deleted)' : '(not kept)']];
  return [...entries, ...flatten('lead', delivery.lead)];
}

/** `{ consent: { privacy: true } }` as `lead.consent.privacy: true`, one line per value. */
function flatten(prefix: string, value: unknown): [string, string][] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0) {
    return Object.entries(value).flatMap(([key, inner]) => flatten(`${prefix}.${key}`, inner));
  }
  return [[prefix, typeof value === 'string' ? value : JSON.stringify(value)]];
}

function statsEntries(stats: DeliveryStats): [string, string][] {
  const counts = DELIVERY_STATUSES.map((status): [string, string] => [status, String(stats.counts[status] ?? 0)]);
  const total = DELIVERY_STATUSES.reduce((sum, status) => sum + (stats.counts[status] ?? 0), 0);
  return [['form', stats.formId], ...counts, ['total', String(total)]];
}

function replayLines(result: ReplayResult, formId: string): string {
  const count = result.replayed.length;
  if (count === 0) return `Nothing replayed: form ${formId} has no failed or held delivery to put back into the queue.\n`;
  const what = count === 1 ? 'delivery' : 'deliveries';
  return `Replayed ${count} ${what} of form ${formId}; back in the queue:\n${result.replayed.map((id) => `  ${id}\n`).join('')}`;
}

function resolveLine(result: ResolveResult, formId: string, vendorId: string | undefined): string {
  if (result.status === 'delivered') return `Delivery ${result.id} of form ${formId} is marked delivered${vendorId ? ` (vendor id ${vendorId})` : ''}.\n`;
  return `Delivery ${result.id} of form ${formId} is back in the queue: it will be created at the vendor anew.\n`;
}

// Only when run as a script: the tests import runAdmin() from here.
const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  process.exitCode = await runAdmin(process.argv.slice(2), {
    fetch,
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    readDevVars,
  });
}
