// `npm run setup:cloudflare [-- --domain forms.example.com] [--generate] [--account-id <id>]`:
// creates or finds the production Worker's KV namespace, D1 database and queues, writes their ids into
// wrangler.toml, applies the D1 migrations and sets every missing secret (README, "Deploying with wrangler").
import { commandLine, hiddenPrompt } from './cloudflare/command-line';
import { setupCloudflare } from './cloudflare/setup-cloudflare';
import { realWrangler } from './cloudflare/wrangler-cli';

const args = commandLine(process.argv.slice(2), { domain: true, generate: true });
try {
  const result = await setupCloudflare({
    ...args,
    wrangler: realWrangler({ cwd: process.cwd(), config: args.configPath }),
    env: process.env,
    ask: hiddenPrompt(),
    say: (line) => console.log(`[setup] ${line}`),
  });
  if (!result.ok) {
    for (const problem of result.problems) console.error(`[setup] stopped, nothing changed: ${problem}`);
    process.exit(1);
  }
} catch (error) {
  console.error(`[setup] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
