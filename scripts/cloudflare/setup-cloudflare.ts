import { readFileSync, writeFileSync } from 'node:fs';
import { resolveAccount } from './cloudflare-account';
import { isPlaceholderId, readProductionConfig, withCustomDomain, withIds } from './production-config';
import { formSecretNames, ProductionFormsError, readProductionForms } from './production-forms';
import { GENERATED_SECRETS, secretValueProblem, WORKER_SECRETS } from './worker-secrets';
import type { NamedResource, Wrangler } from './wrangler-cli';

export interface SetupOptions {
  readonly wrangler: Wrangler;
  /** The wrangler.toml whose production (top-level) section gets the ids. */
  readonly configPath: string;
  /** The production forms file (`forms.json` unless told). */
  readonly formsPath: string;
  /** `--account-id`, else CLOUDFLARE_ACCOUNT_ID. */
  readonly accountId?: string | undefined;
  /** `--domain`: the production Worker's own hostname, served as a Custom Domain. */
  readonly domain?: string | undefined;
  /** `--generate`: generate every generatable key that is missing, without asking. */
  readonly generate?: boolean;
  /** Where a missing secret's value is taken from first (CI: the process environment). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Asks the operator for a secret (input hidden); undefined when there is no terminal to ask in. */
  readonly ask?: ((question: string) => Promise<string>) | undefined;
  readonly say: (line: string) => void;
}

export type SetupResult = { readonly ok: true; readonly changes: readonly string[] } | { readonly ok: false; readonly problems: readonly string[] };

/** The KV namespace's title: named for the Worker, so another project's RULES_CACHE on the account is never taken (GUESS). */
export const kvTitleOf = (workerName: string) => `${workerName}-rules-cache`;

const HOSTNAME = /^(?=.{1,253}$)(?:[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?\.)+[a-z]{2,63}$/i;

type Found<T> = { readonly existing: T } | { readonly create: true } | { readonly problem: string };

/** The resource a binding uses: its configured id when real, else the one of that name, else one to create. */
function pick(
  kind: string,
  configured: string,
  name: string,
  own: readonly NamedResource[],
  others: readonly { readonly kind: string; readonly list: readonly NamedResource[] }[],
  where: string,
): Found<NamedResource> {
  if (!isPlaceholderId(configured)) {
    const byId = own.find((r) => r.id === configured);
    if (byId) return { existing: byId };
    const other = others.flatMap(({ kind: k, list }) => list.filter((r) => r.id === configured).map((r) => `${k} "${r.name}"`))[0];
    if (other)
      return {
        problem: `${where} is ${configured}, the id of ${other}, not of a ${kind}: put the ${kind}'s id there, or the placeholder 0…1 to let setup create "${name}"`,
      };
    return {
      problem: `${where} is ${configured}, but this account has no ${kind} with that id: pick the account that holds it (--account-id), or put the placeholder 0…1 there to let setup create "${name}"`,
    };
  }
  const named = own.filter((r) => r.name === name);
  if (named.length > 1)
    return {
      problem: `${named.length} ${kind}s are named "${name}" (${named.map((r) => r.id).join(', ')}): put the one to use into ${where}, then run setup again`,
    };
  return named[0] ? { existing: named[0] } : { create: true };
}

/**
 * `npm run setup:cloudflare`: brings a Cloudflare account to what the production Worker needs. Everything
 * is checked first (login, account, the forms file, names already taken, every missing secret's value),
 * and nothing is changed unless all of it can be done; a second run finds everything in place and says so.
 */
export async function setupCloudflare(options: SetupOptions): Promise<SetupResult> {
  const { wrangler, say } = options;
  const problems: string[] = [];
  const configText = readFileSync(options.configPath, 'utf8');
  const config = readProductionConfig(configText);
  if (!config.kv || !config.d1)
    return {
      ok: false,
      problems: [`${options.configPath} has no production RULES_CACHE KV or DB D1 binding: restore them from the repository's wrangler.toml`],
    };

  let formSecrets: string[] = [];
  try {
    formSecrets = formSecretNames(readProductionForms(options.formsPath).forms);
  } catch (error) {
    if (!(error instanceof ProductionFormsError)) throw error;
    problems.push(error.message);
  }
  const domain = options.domain?.trim();
  if (domain !== undefined && !HOSTNAME.test(domain))
    problems.push(`--domain ${domain} is not a host name: give the name alone, e.g. --domain forms.example.com (no scheme, path or port)`);

  const account = await resolveAccount(wrangler, options.accountId);
  if (typeof account === 'string') return { ok: false, problems: [...problems, account] };
  const accountId = account.id;

  // What exists: found by id or name, never changed yet.
  const [kvList, d1List] = await Promise.all([wrangler.listKvNamespaces(accountId), wrangler.listD1Databases(accountId)]);
  const queues = await Promise.all(config.queues.map(async (name) => ({ name, found: await wrangler.findQueue(accountId, name) })));
  const queueList = queues.flatMap((q) => (q.found ? [q.found] : []));
  const kvTitle = kvTitleOf(config.workerName);
  const kv = pick(
    'KV namespace',
    config.kv.id,
    kvTitle,
    kvList,
    [
      { kind: 'D1 database', list: d1List },
      { kind: 'queue', list: queueList },
    ],
    'wrangler.toml [[kv_namespaces]] RULES_CACHE id',
  );
  const d1 = pick(
    'D1 database',
    config.d1.id,
    config.d1.name,
    d1List,
    [
      { kind: 'KV namespace', list: kvList },
      { kind: 'queue', list: queueList },
    ],
    'wrangler.toml [[d1_databases]] DB database_id',
  );
  for (const found of [kv, d1]) if ('problem' in found) problems.push(found.problem);
  for (const { name, found } of queues) {
    const others = found?.consumers.filter((worker) => worker !== config.workerName) ?? [];
    if (others.length > 0)
      problems.push(
        `queue "${name}" is already consumed by Worker "${others[0]}", and a queue takes one consumer: remove that consumer (\`npx wrangler queues consumer remove ${name} ${others[0]}\`) or rename the queue in wrangler.toml`,
      );
  }

  // Every secret the Worker lacks, with its value, before anything is set.
  const needed = [...new Set([...WORKER_SECRETS, ...formSecrets, ...(config.alertWebhook ? ['ALERT_WEBHOOK_SECRET'] : [])])].sort();
  const present = new Set(await wrangler.listSecrets(accountId));
  const secrets = new Map<string, string>();
  const unanswered: string[] = [];
  for (const name of needed.filter((n) => !present.has(n))) {
    const generate = GENERATED_SECRETS[name];
    let value = options.env[name];
    if (value === undefined && generate && options.generate) value = generate();
    if (value === undefined && options.ask) {
      const answer = await options.ask(generate ? `${name} (empty: generate 32 random bytes): ` : `${name}: `);
      value = answer === '' && generate ? generate() : answer;
    }
    if (value === undefined) {
      unanswered.push(name);
      continue;
    }
    const problem = secretValueProblem(name, value);
    if (problem) problems.push(problem);
    else secrets.set(name, value);
  }
  if (unanswered.length > 0) {
    const generatable = unanswered.filter((n) => n in GENERATED_SECRETS);
    problems.push(
      `the Worker lacks ${unanswered.join(', ')} and no value was given: set ${unanswered.length > 1 ? 'them as environment variables' : 'it as an environment variable'} of the same name, or run setup in a terminal to be asked${generatable.length > 0 ? `; --generate makes ${generatable.join(', ')}` : ''}`,
    );
  }
  if (problems.length > 0) return { ok: false, problems };

  // Everything can be done: now change the account, then the config, then the database and the secrets.
  const changes: string[] = [];
  const done = (line: string) => {
    changes.push(line);
    say(line);
  };
  let kvId = 'existing' in kv ? kv.existing.id : undefined;
  if (!kvId) {
    kvId = (await wrangler.createKvNamespace(accountId, kvTitle)).id;
    done(`created KV namespace "${kvTitle}" (${kvId})`);
  }
  let d1Id = 'existing' in d1 ? d1.existing.id : undefined;
  if (!d1Id) {
    d1Id = (await wrangler.createD1Database(accountId, config.d1.name)).id;
    done(`created D1 database "${config.d1.name}" (${d1Id})`);
  }
  for (const { name } of queues.filter((q) => !q.found)) {
    await wrangler.createQueue(accountId, name);
    done(`created queue "${name}"`);
  }
  let text = withIds(configText, { kv: kvId, d1: d1Id });
  if (domain && !config.customDomains.includes(domain)) text = withCustomDomain(text, domain);
  if (text !== configText) {
    writeFileSync(options.configPath, text);
    done(
      `wrote the ids${domain && !config.customDomains.includes(domain) ? ` and the custom domain ${domain}` : ''} into ${options.configPath} (production section)`,
    );
  }
  // Only now: wrangler finds the database by the id the config names, which may have just been written.
  const toApply = await wrangler.pendingD1Migrations(accountId, config.d1.name);
  if (toApply.length > 0) {
    await wrangler.applyD1Migrations(accountId, config.d1.name);
    done(`applied ${toApply.length} D1 migration(s) to "${config.d1.name}": ${toApply.join(', ')}`);
  }
  for (const [name, value] of secrets) {
    await wrangler.putSecret(accountId, name, value);
    done(`set secret ${name}`);
  }
  if (changes.length === 0)
    say(
      `nothing to do: account ${account.name} has the KV namespace, the D1 database with every migration, the queues and every secret, and ${options.configPath} has their ids`,
    );
  return { ok: true, changes };
}
