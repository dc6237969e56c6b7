import { readFileSync } from 'node:fs';
import { resolveAccount } from './cloudflare-account';
import { isPlaceholderId, readProductionConfig } from './production-config';
import { formSecretNames, ProductionFormsError, readProductionForms, unsafeUrls } from './production-forms';
import { WORKER_SECRETS } from './worker-secrets';
import type { Wrangler } from './wrangler-cli';

export interface DeployOptions {
  readonly wrangler: Wrangler;
  readonly configPath: string;
  /** The production forms file (`forms.json` unless told). */
  readonly formsPath: string;
  readonly accountId?: string | undefined;
  /** Where a form-token key about to be used is looked for (CI's environment); see `refusals`. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The content tag of what would be deployed (`releaseTag`): the same as the serving version's, nothing to do. */
  readonly tag: string;
  readonly say: (line: string) => void;
}

export type DeployResult =
  | { readonly outcome: 'deployed' }
  | { readonly outcome: 'unchanged' }
  | { readonly outcome: 'refused'; readonly refusals: readonly string[] };

const SETUP = '`npm run setup:cloudflare`';

/**
 * Why the production Worker must not be deployed as configured, one line each naming the fix; empty
 * when it may. The form-token key's length is checked where its value can be seen: a secret set in
 * Cloudflare cannot be read back, so setup refuses a short one when it sets it, and deploy checks
 * LEADGATE_FORM_TOKEN_SECRET when the environment holds it (CI that sets secrets from its own store).
 */
export async function refusals(options: DeployOptions): Promise<string[]> {
  return (await inspect(options)).found;
}

async function inspect(options: DeployOptions): Promise<{ readonly found: string[]; readonly accountId?: string }> {
  const found: string[] = [];
  const config = readProductionConfig(readFileSync(options.configPath, 'utf8'));
  const where = options.configPath;
  if (config.kv && isPlaceholderId(config.kv.id))
    found.push(`${where}: KV namespace RULES_CACHE still has the placeholder id ${config.kv.id}: run ${SETUP} to create it and write its id`);
  if (config.d1 && isPlaceholderId(config.d1.id))
    found.push(`${where}: D1 database ${config.d1.name} still has the placeholder id ${config.d1.id}: run ${SETUP} to create it and write its id`);

  let formSecrets: string[] = [];
  try {
    const forms = readProductionForms(options.formsPath);
    formSecrets = formSecretNames(forms.forms);
    for (const url of unsafeUrls(forms.written))
      found.push(`${options.formsPath}: ${url}: a production form must point at a public https:// address; fix the form`);
  } catch (error) {
    if (!(error instanceof ProductionFormsError)) throw error;
    found.push(error.message);
  }
  const formTokenKey = options.env.LEADGATE_FORM_TOKEN_SECRET;
  if (formTokenKey !== undefined && Buffer.byteLength(formTokenKey, 'utf8') < 32)
    found.push(
      `LEADGATE_FORM_TOKEN_SECRET is ${Buffer.byteLength(formTokenKey, 'utf8')} bytes, shorter than 32: set 32 random bytes (\`openssl rand -hex 32\`) with ${SETUP} -- --generate or \`npx wrangler secret put LEADGATE_FORM_TOKEN_SECRET\``,
    );

  const account = await resolveAccount(options.wrangler, options.accountId);
  if (typeof account === 'string') return { found: [...found, account] };
  const [kvList, d1List] = await Promise.all([options.wrangler.listKvNamespaces(account.id), options.wrangler.listD1Databases(account.id)]);
  if (config.kv && !isPlaceholderId(config.kv.id) && !kvList.some((ns) => ns.id === config.kv!.id))
    found.push(
      `${where}: KV namespace id ${config.kv.id} is not in account ${account.name}: deploy to the account that holds it (--account-id), or run ${SETUP} for this one`,
    );
  if (config.d1 && !isPlaceholderId(config.d1.id) && !d1List.some((db) => db.id === config.d1!.id))
    found.push(
      `${where}: D1 database id ${config.d1.id} is not in account ${account.name}: deploy to the account that holds it (--account-id), or run ${SETUP} for this one`,
    );
  const present = new Set(await options.wrangler.listSecrets(account.id));
  const needed = [...new Set([...WORKER_SECRETS, ...formSecrets, ...(config.alertWebhook ? ['ALERT_WEBHOOK_SECRET'] : [])])].sort();
  for (const name of needed.filter((n) => !present.has(n))) {
    const by = formSecrets.includes(name) ? `a production form names ${name}` : `the Worker needs ${name}`;
    found.push(`${by}, but the Worker has no such secret: run ${SETUP} (or \`npx wrangler secret put ${name}\`)`);
  }
  return { found, accountId: account.id };
}

/**
 * `npm run deploy`: refuses while anything in `refusals` stands; does nothing, and says so, when the
 * serving version carries the same content tag; else `wrangler deploy --tag <tag>`.
 */
export async function deployProduction(options: DeployOptions): Promise<DeployResult> {
  const { found, accountId } = await inspect(options);
  if (found.length > 0 || !accountId) return { outcome: 'refused', refusals: found };
  if ((await options.wrangler.deployedTag(accountId)) === options.tag) {
    options.say(`nothing to do: the production Worker already serves ${options.tag}, built from exactly these files`);
    return { outcome: 'unchanged' };
  }
  options.say(`checks passed: deploying the production Worker as ${options.tag} to account ${accountId}`);
  await options.wrangler.deploy(accountId, options.tag);
  return { outcome: 'deployed' };
}
