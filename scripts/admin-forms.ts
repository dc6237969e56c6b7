// `npm run admin -- forms <list|show|publish|history|rollback|import|export>` (and `npm run forms -- …`):
// forms at run time through the admin API, with a forms file as the import and export format.
import { readFileSync, writeFileSync } from 'node:fs';
import * as v from 'valibot';
import { AdminOverviewSchema } from '../shared/admin-console';
import {
  type FormConfigView,
  FormConfigViewSchema,
  FormVersionDetailSchema,
  FormVersionListSchema,
  type PublishFormResult,
  PublishFormResultSchema,
} from '../shared/admin-forms';
import { describeJsonError } from './json-error-position';

/** What a forms command needs from the CLI around it. */
export interface FormsCommandContext {
  readonly args: readonly string[];
  readonly json: boolean;
  readonly note: string | undefined;
  readonly base: number | undefined;
  readonly outFile: string | undefined;
  readonly api: <S extends v.GenericSchema>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    schema: S,
    body?: object,
  ) => Promise<{ readonly value: v.InferOutput<S>; readonly raw: unknown }>;
  readonly out: { write(text: string): unknown };
  /** A failure worded for the operator: printed as it is, exit 1. */
  readonly fail: (message: string) => Error;
  /** Whether `error` is the Worker's answer with this error code. */
  readonly isApiError: (error: unknown, code: string) => boolean;
}

export const FORMS_ACTIONS = ['list', 'show', 'publish', 'history', 'rollback', 'import', 'export'] as const;
export type FormsAction = (typeof FORMS_ACTIONS)[number];

/** The positional arguments each action takes. */
export const FORMS_ARGS: Readonly<Record<FormsAction, readonly string[]>> = {
  list: [],
  show: ['formId'],
  publish: ['formId', 'file'],
  history: ['formId'],
  rollback: ['formId', 'version'],
  import: ['file'],
  export: [],
};

/** The usage lines of the forms commands, for the CLI's help. */
export const FORMS_USAGE = `  forms list              Every form: vendor, version, where its config comes from, secrets it lacks
  forms show <formId>     A form's config as it stands, with its version
  forms publish <formId> <file>
                          Publish a form's config from a JSON file (the form's object, or a forms file holding it)
      --base <version>    The version you edited (default: the current one); a newer one is refused
  forms history <formId>  The form's published versions, newest first
  forms rollback <formId> <version>
                          Publish an earlier version's config again, as a new version
  forms import <file>     Publish every form of a forms file (forms.json format); nothing is published unless all pass
  forms export            Every form as a forms file (forms.json format)
      --out <file>        Write it to this file instead of printing it
      --note <text>       With publish, rollback and import: a note for the version history
`;

const formPath = (formId: string) => `/v1/admin/forms/${encodeURIComponent(formId)}`;
const CheckSchema = v.object({ ok: v.boolean(), issues: v.array(v.object({ path: v.string(), message: v.string() })), missingSecrets: v.array(v.string()) });

function readJsonFile(file: string, fail: FormsCommandContext['fail']): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw fail(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw fail(error instanceof SyntaxError ? describeJsonError(file, text, error) : String(error));
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The forms of a forms file: `{ forms: [ {id, …}, … ] }`, each with a string id, each id once. */
function formsOfFile(file: string, raw: unknown, fail: FormsCommandContext['fail']): Record<string, unknown>[] {
  if (!isObject(raw) || !Array.isArray(raw.forms)) throw fail(`${file} is not a forms file: it needs { "forms": [ … ] }, as forms.json has`);
  const seen = new Set<string>();
  return raw.forms.map((form, index) => {
    if (!isObject(form) || typeof form.id !== 'string' || form.id === '') throw fail(`${file}: forms[${index}] has no "id"`);
    if (seen.has(form.id)) throw fail(`${file}: form "${form.id}" is listed twice`);
    seen.add(form.id);
    return form;
  });
}

/** The config to publish for `formId`: the file's object itself, or that form from a forms file. */
function configFromFile(formId: string, file: string, fail: FormsCommandContext['fail']): Record<string, unknown> {
  const raw = readJsonFile(file, fail);
  if (isObject(raw) && Array.isArray(raw.forms)) {
    const found = formsOfFile(file, raw, fail).find((form) => form.id === formId);
    if (!found) throw fail(`${file} has no form "${formId}"`);
    return found;
  }
  if (!isObject(raw)) throw fail(`${file} must hold a form's config (a JSON object) or a forms file`);
  return raw;
}

/** The form's version now; 0 for a form the Worker does not know yet (a publish then creates it). */
async function currentVersion(ctx: FormsCommandContext, formId: string): Promise<number> {
  try {
    return (await ctx.api('GET', `${formPath(formId)}/config`, FormConfigViewSchema)).value.version;
  } catch (error) {
    if (ctx.isApiError(error, 'FORM_NOT_FOUND')) return 0;
    throw error;
  }
}

function publishedLine(result: PublishFormResult, base: number): string {
  if (!result.changed) return `${result.formId}: unchanged, version ${result.version}\n`;
  const was = base === 0 ? 'new' : `was ${base}`;
  const missing = result.missingSecrets.length ? ` (lacks secrets: ${result.missingSecrets.join(', ')})` : '';
  return `${result.formId}: published version ${result.version} (${was})${missing}\n`;
}

async function allForms(ctx: FormsCommandContext): Promise<FormConfigView[]> {
  const { forms } = (await ctx.api('GET', '/v1/admin/overview', AdminOverviewSchema)).value;
  const views: FormConfigView[] = [];
  for (const { id } of forms) views.push((await ctx.api('GET', `${formPath(id)}/config`, FormConfigViewSchema)).value);
  return views;
}

const RUNNERS: Readonly<Record<FormsAction, (ctx: FormsCommandContext) => Promise<void>>> = {
  async list(ctx) {
    const views = await allForms(ctx);
    if (ctx.json) return void ctx.out.write(`${JSON.stringify({ forms: views.map(({ config: _, ...rest }) => rest) }, null, 2)}\n`);
    if (views.length === 0) return void ctx.out.write('No forms.\n');
    const rows = views.map((f) => [f.formId, String(f.config.vendor ?? '-'), String(f.version), f.source, f.missingSecrets.join(',') || '-']);
    ctx.out.write(table(['ID', 'VENDOR', 'VERSION', 'SOURCE', 'MISSING SECRETS'], rows));
  },

  async show(ctx) {
    const [formId = ''] = ctx.args;
    const answer = await ctx.api('GET', `${formPath(formId)}/config`, FormConfigViewSchema);
    if (ctx.json) return void ctx.out.write(`${JSON.stringify(answer.raw, null, 2)}\n`);
    const f = answer.value;
    const published = f.publishedAt ? `, published ${f.publishedAt} by ${f.publishedBy}` : '';
    const missing = f.missingSecrets.length ? `\n# lacks secrets: ${f.missingSecrets.join(', ')}` : '';
    ctx.out.write(`# ${f.formId}: version ${f.version} (${f.source === 'file' ? 'the bundled forms file' : 'published'}${published})${missing}\n`);
    ctx.out.write(`${JSON.stringify(f.config, null, 2)}\n`);
  },

  async publish(ctx) {
    const [formId = '', file = ''] = ctx.args;
    const config = configFromFile(formId, file, ctx.fail);
    if (config.id !== undefined && config.id !== formId) throw ctx.fail(`${file} holds form "${String(config.id)}", not "${formId}"`);
    const base = ctx.base ?? (await currentVersion(ctx, formId));
    const body = { baseVersion: base, config: { ...config, id: formId }, ...(ctx.note ? { note: ctx.note } : {}) };
    const answer = await ctx.api('PUT', `${formPath(formId)}/config`, PublishFormResultSchema, body);
    ctx.out.write(ctx.json ? `${JSON.stringify(answer.raw, null, 2)}\n` : publishedLine(answer.value, base));
  },

  async history(ctx) {
    const [formId = ''] = ctx.args;
    const answer = await ctx.api('GET', `${formPath(formId)}/config/versions`, FormVersionListSchema);
    if (ctx.json) return void ctx.out.write(`${JSON.stringify(answer.raw, null, 2)}\n`);
    const { versions } = answer.value;
    if (versions.length === 0) return void ctx.out.write(`Form ${formId} has no published version: its config is the bundled forms file's.\n`);
    ctx.out.write(
      table(
        ['VERSION', 'ACTION', 'PUBLISHED', 'BY', 'NOTE'],
        versions.map((r) => [String(r.version), r.action, r.publishedAt, r.publishedBy, r.note ?? '-']),
      ),
    );
  },

  async rollback(ctx) {
    const [formId = '', wanted = ''] = ctx.args;
    if (!/^[1-9]\d{0,8}$/.test(wanted))
      throw ctx.fail(`forms rollback: version "${wanted}" must be a version number (see: npm run admin -- forms history ${formId})`);
    // The version to go back to must exist; asked first, so a typo is named before anything changes.
    await ctx.api('GET', `${formPath(formId)}/config/versions/${wanted}`, FormVersionDetailSchema);
    const base = await currentVersion(ctx, formId);
    const body = { version: Number(wanted), baseVersion: base, ...(ctx.note ? { note: ctx.note } : {}) };
    const answer = await ctx.api('POST', `${formPath(formId)}/config/rollback`, PublishFormResultSchema, body);
    ctx.out.write(ctx.json ? `${JSON.stringify(answer.raw, null, 2)}\n` : publishedLine(answer.value, base));
  },

  async import(ctx) {
    const [file = ''] = ctx.args;
    const forms = formsOfFile(file, readJsonFile(file, ctx.fail), ctx.fail);
    if (forms.length === 0) return void ctx.out.write(`${file} lists no forms: nothing to import.\n`);
    // Every form checked by the Worker first (schema and secrets): one bad form, and nothing is published.
    const problems: string[] = [];
    for (const form of forms) {
      const id = String(form.id);
      const { value } = await ctx.api('POST', `${formPath(id)}/config/check`, CheckSchema, { config: form });
      for (const issue of value.issues) problems.push(`  form "${id}" ${issue.path || '(the form)'}: ${issue.message}`);
      if (value.missingSecrets.length)
        problems.push(`  form "${id}" names secrets this Worker lacks: ${value.missingSecrets.join(', ')} (wrangler secret put NAME)`);
    }
    if (problems.length) throw ctx.fail(`${file}: nothing imported, ${problems.length === 1 ? 'a form does' : 'forms do'} not pass:\n${problems.join('\n')}`);
    const note = ctx.note ?? `import from ${file}`;
    const results: unknown[] = [];
    for (const form of forms) {
      const id = String(form.id);
      const base = await currentVersion(ctx, id);
      const answer = await ctx.api('PUT', `${formPath(id)}/config`, PublishFormResultSchema, { baseVersion: base, config: form, note, action: 'import' });
      results.push(answer.raw);
      if (!ctx.json) ctx.out.write(publishedLine(answer.value, base));
    }
    if (ctx.json) ctx.out.write(`${JSON.stringify({ forms: results }, null, 2)}\n`);
  },

  async export(ctx) {
    const views = await allForms(ctx);
    const text = `${JSON.stringify({ $schema: './forms.schema.json', forms: views.map((f) => f.config) }, null, 2)}\n`;
    if (!ctx.outFile) return void ctx.out.write(text);
    try {
      writeFileSync(ctx.outFile, text);
    } catch (error) {
      throw ctx.fail(`cannot write ${ctx.outFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    ctx.out.write(`Wrote ${views.length} ${views.length === 1 ? 'form' : 'forms'} to ${ctx.outFile}.\n`);
  },
};

export function runFormsCommand(action: FormsAction, ctx: FormsCommandContext): Promise<void> {
  return RUNNERS[action](ctx);
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}
