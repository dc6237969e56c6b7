import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startSimulators } from './serve';

const devVarsPath = fileURLToPath(new URL('../../.dev.vars', import.meta.url));

/** `KEY=value` lines as wrangler writes them; `#` comments, blank lines and quotes allowed. */
function parseDevVars(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match?.[1] || line.trim().startsWith('#')) continue;
    const value = match[2] ?? '';
    vars[match[1]] = /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
  }
  return vars;
}

const portArg = process.argv.indexOf('--port');
const port = portArg === -1 ? undefined : Number(process.argv[portArg + 1]);

if (!existsSync(devVarsPath)) {
  console.error(`${devVarsPath} is missing: generate it first (it holds the simulator tenants' API keys).`);
  process.exit(1);
}

try {
  const sims = await startSimulators({
    apiKeys: parseDevVars(readFileSync(devVarsPath, 'utf8')),
    ...(port === undefined ? {} : { port }),
  });
  console.log(`PerfectGym Next / Magicline Open API simulator: ${sims.url}  (tenant base URL: ${sims.url}/<tenant>/v1)`);
  const stop = () => {
    void sims.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(`simulators: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
