import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DEV_VARS_PATH = fileURLToPath(new URL('../.dev.vars', import.meta.url));

/** `KEY=value` lines as wrangler reads them; `#` comments, blank lines and quotes allowed. */
export function parseDevVars(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match?.[1] || line.trim().startsWith('#')) continue;
    const value = match[2] ?? '';
    vars[match[1]] = /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
  }
  return vars;
}

/** The local secrets `scripts/ensure.mjs` generated; the Worker and the simulators share them. */
export function readDevVars(): Record<string, string> {
  if (!existsSync(DEV_VARS_PATH)) {
    throw new Error(`${DEV_VARS_PATH} is missing: run "node scripts/ensure.mjs" (npm start and npm test do) to generate it.`);
  }
  return parseDevVars(readFileSync(DEV_VARS_PATH, 'utf8'));
}
