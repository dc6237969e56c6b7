/**
 * Reads and edits the production Worker's part of wrangler.toml: the top level, everything before the
 * first `[env.<name>]` table. Edits are text edits of single values, so comments, order and the other
 * environments stay exactly as written.
 */

/** One `[table]` or `[[array-table]]` of the production section, with its `key = "string"` values. */
interface Block {
  readonly header: string;
  readonly values: ReadonlyMap<string, { readonly value: string; readonly start: number; readonly end: number }>;
}

export interface ProductionConfig {
  /** The Worker's name (`name = ...`). */
  readonly workerName: string;
  readonly kv: { readonly binding: string; readonly id: string } | undefined;
  readonly d1: { readonly binding: string; readonly name: string; readonly id: string } | undefined;
  /** Every queue the Worker produces to or consumes (dead-letter queues included), each once. */
  readonly queues: readonly string[];
  /** `routes = [{ pattern = "...", custom_domain = true }]` patterns, when present. */
  readonly customDomains: readonly string[];
  /** Whether `[vars]` sets ALERT_WEBHOOK_URL (then ALERT_WEBHOOK_SECRET is required). */
  readonly alertWebhook: boolean;
}

const HEADER = /^\s*(\[\[?)\s*([\w.-]+)\s*\]\]?/;
const STRING_VALUE = /^\s*([\w-]+)\s*=\s*"([^"]*)"/;

/** Where the production section ends: the first table of a named environment. */
function productionEnd(text: string): number {
  const match = /^\s*\[\[?\s*env\./m.exec(text);
  return match ? match.index : text.length;
}

function blocks(text: string): Block[] {
  const end = productionEnd(text);
  const result: { header: string; values: Map<string, { value: string; start: number; end: number }> }[] = [{ header: '', values: new Map() }];
  let offset = 0;
  for (const line of text.slice(0, end).split('\n')) {
    const header = HEADER.exec(line);
    if (header) result.push({ header: header[2]!, values: new Map() });
    else {
      const value = STRING_VALUE.exec(line);
      if (value) {
        const start = offset + line.indexOf('"', line.indexOf('=')) + 1;
        result.at(-1)!.values.set(value[1]!, { value: value[2]!, start, end: start + value[2]!.length });
      }
    }
    offset += line.length + 1;
  }
  return result;
}

const ROUTE = /^routes\s*=\s*(\[.*\])\s*$/m;

export function readProductionConfig(text: string): ProductionConfig {
  const all = blocks(text);
  const kv = all.find((b) => b.header === 'kv_namespaces' && b.values.get('binding')?.value === 'RULES_CACHE');
  const d1 = all.find((b) => b.header === 'd1_databases' && b.values.get('binding')?.value === 'DB');
  const queues = new Set<string>();
  for (const block of all.filter((b) => b.header === 'queues.producers' || b.header === 'queues.consumers')) {
    for (const key of ['queue', 'dead_letter_queue']) {
      const name = block.values.get(key)?.value;
      if (name) queues.add(name);
    }
  }
  const routes = ROUTE.exec(text.slice(0, firstTable(text)))?.[1] ?? '';
  return {
    workerName: all[0]!.values.get('name')?.value ?? '',
    kv: kv && { binding: 'RULES_CACHE', id: kv.values.get('id')?.value ?? '' },
    d1: d1 && { binding: 'DB', name: d1.values.get('database_name')?.value ?? '', id: d1.values.get('database_id')?.value ?? '' },
    queues: [...queues],
    customDomains: [...routes.matchAll(/pattern\s*=\s*"([^"]+)"\s*,\s*custom_domain\s*=\s*true/g)].map((m) => m[1]!),
    alertWebhook: all.some((b) => b.header === 'vars' && b.values.has('ALERT_WEBHOOK_URL')),
  };
}

/**
 * An id nobody has created yet: empty, `<...>`, or zeros apart from a last digit, as the repository ships
 * (`00000000000000000000000000000001`, `00000000-0000-0000-0000-000000000001`).
 */
export const isPlaceholderId = (id: string): boolean => id.trim() === '' || id.includes('<') || /^[0-]*[0-9]$/.test(id);

function setValue(text: string, header: string, key: string, value: string): string {
  const binding = header === 'kv_namespaces' ? 'RULES_CACHE' : 'DB';
  const block = blocks(text).find((b) => b.header === header && b.values.get('binding')?.value === binding);
  const at = block?.values.get(key);
  if (!at) throw new Error(`wrangler.toml has no production [[${header}]] binding ${binding} with ${key}`);
  return `${text.slice(0, at.start)}${value}${text.slice(at.end)}`;
}

/** The text with the production KV namespace's and D1 database's ids replaced (the ones given). */
export function withIds(text: string, ids: { readonly kv?: string; readonly d1?: string }): string {
  let result = text;
  if (ids.kv !== undefined) result = setValue(result, 'kv_namespaces', 'id', ids.kv);
  if (ids.d1 !== undefined) result = setValue(result, 'd1_databases', 'database_id', ids.d1);
  return result;
}

/** Where the top-level keys end: a top-level key written after the first table would belong to it. */
function firstTable(text: string): number {
  const match = /^\s*\[/m.exec(text);
  return match ? match.index : text.length;
}

// `routes` is inherited by every environment that sets none: each named environment gets its own, empty.
const ENV_TABLE = /^\[env\.([\w-]+)\][^\n]*\n((?:(?!\s*\[)[^\n]*\n)*)/gm;

function withoutInheritedRoutes(text: string): string {
  return text.replace(ENV_TABLE, (table: string, _name: string, body: string) =>
    /^\s*routes\s*=/m.test(body) ? table : table.replace(/\n/, '\nroutes = [] # not the production custom domain\n'),
  );
}

/**
 * The text with the production Worker served on `domain` as a Custom Domain (replacing any `routes` line),
 * and every named environment given `routes = []` so none of them claims the production domain.
 */
export function withCustomDomain(text: string, domain: string): string {
  const line = `routes = [{ pattern = "${domain}", custom_domain = true }]`;
  const top = text.slice(0, firstTable(text));
  const rest = withoutInheritedRoutes(text.slice(top.length));
  if (ROUTE.test(top)) return top.replace(ROUTE, line) + rest;
  const comment = "# The production Worker's own hostname (a Cloudflare Custom Domain), set by `npm run setup:cloudflare -- --domain`.\n";
  return `${top.replace(/\n*$/, '\n')}${comment}${line}\n\n${rest}`;
}
