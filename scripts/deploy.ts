// `npm run deploy [-- --account-id <id>] [--config <file>]`: refuses a production deploy that would
// not work (placeholder ids, missing secrets, forms pointing at http:// or private addresses), else
// `wrangler deploy` (README, "Deploying with wrangler").
import { commandLine } from './cloudflare/command-line';
import { deployProduction } from './cloudflare/deploy-production';
import { releaseTag } from './cloudflare/release-tag';
import { realWrangler } from './cloudflare/wrangler-cli';

const args = commandLine(process.argv.slice(2));
try {
  const result = await deployProduction({
    ...args,
    wrangler: realWrangler({ cwd: process.cwd(), config: args.configPath }),
    env: process.env,
    tag: releaseTag(process.cwd()),
    say: (line) => console.log(`[deploy] ${line}`),
  });
  if (result.outcome === 'refused') {
    for (const refusal of result.refusals) console.error(`[deploy] refused: ${refusal}`);
    process.exit(1);
  }
} catch (error) {
  console.error(`[deploy] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
