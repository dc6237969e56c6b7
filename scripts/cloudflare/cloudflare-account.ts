import type { Wrangler } from './wrangler-cli';

/**
 * The account both commands act on: the one asked for (`--account-id`, else CLOUDFLARE_ACCOUNT_ID), which
 * the login must be able to use, or the login's only account. A string is the problem, as one line with its fix.
 */
export async function resolveAccount(wrangler: Wrangler, requested: string | undefined): Promise<{ readonly id: string; readonly name: string } | string> {
  const me = await wrangler.whoami();
  if (!me.loggedIn) return 'wrangler is not logged in to Cloudflare: run `npx wrangler login` (in CI, set CLOUDFLARE_API_TOKEN), then run this again';
  const listed = me.accounts.map((a) => `${a.name} (${a.id})`).join(', ');
  if (requested) {
    const account = me.accounts.find((a) => a.id === requested);
    if (account) return account;
    return `account ${requested} is not one this login can use (it can use: ${listed || 'none'}): fix --account-id or CLOUDFLARE_ACCOUNT_ID, or \`npx wrangler login\` as a member of that account`;
  }
  if (me.accounts.length === 1) return me.accounts[0]!;
  if (me.accounts.length === 0)
    return 'this login sees no Cloudflare account: give the API token account permissions (Workers, KV, D1, Queues), or `npx wrangler login` again';
  return `this login can use ${me.accounts.length} accounts (${listed}): pick one with --account-id <id> or CLOUDFLARE_ACCOUNT_ID`;
}
