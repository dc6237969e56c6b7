import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import testForms from '../test-forms.json';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outDirs: string[] = [];

/** The Worker bundle `wrangler deploy` would upload for an environment (none: production), built with --dry-run. */
function bundle(env?: string): string {
  const outDir = mkdtempSync(join(tmpdir(), 'leadgate-build-'));
  outDirs.push(outDir);
  const args = ['wrangler', 'deploy', '--dry-run', '--outdir', outDir, ...(env ? ['--env', env] : [])];
  execFileSync('npx', args, { cwd: root, stdio: 'pipe', env: { ...process.env, WRANGLER_SEND_METRICS: 'false', FORCE_COLOR: '0' } });
  const script = readdirSync(outDir).find((name) => name.endsWith('.js'));
  if (!script) throw new Error(`wrangler built no script into ${outDir}`);
  return readFileSync(join(outDir, script), 'utf8');
}

afterAll(() => {
  for (const dir of outDirs) rmSync(dir, { recursive: true, force: true });
});

const TEST_FORM_IDS = testForms.forms.map((form) => form.id);

describe('a production build', () => {
  const test = bundle('test');
  const production = bundle();

  it('carries the tests’ forms and the bench route only in the test Worker', () => {
    // The same check against the test Worker's bundle shows it can see them.
    for (const id of TEST_FORM_IDS) expect(test).toContain(`"${id}"`);
    expect(test).toContain('BENCH_PASSTHROUGH');
    for (const id of TEST_FORM_IDS) expect(production).not.toContain(`"${id}"`);
    expect(production).not.toContain('BENCH_PASSTHROUGH');
    expect(production).not.toContain('passthrough');
  });
});
