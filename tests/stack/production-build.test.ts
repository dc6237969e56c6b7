import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { unstable_readConfig } from 'wrangler';
import demoForms from '../../demo-forms.json';
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

/**
 * The static files `wrangler deploy` would upload for an environment: its `assets.directory` as wrangler reads
 * wrangler.toml (so a config pointing production at the demo's folder fails here too), relative paths, recursive.
 */
function assets(env?: string): { readonly dir: string; readonly files: readonly string[] } {
  const directory = unstable_readConfig({ config: join(root, 'wrangler.toml'), env }).assets?.directory;
  if (!directory) throw new Error(`wrangler.toml gives ${env ?? 'production'} no assets directory`);
  const dir = resolve(root, directory);
  if (!existsSync(dir)) throw new Error(`${dir} is missing: run \`npm run build:widget\` first`);
  return { dir, files: readdirSync(dir, { recursive: true, encoding: 'utf8' }) };
}

afterAll(() => {
  for (const dir of outDirs) rmSync(dir, { recursive: true, force: true });
});

const TEST_FORM_IDS = testForms.forms.map((form) => form.id);
const DEMO_FORM_IDS = demoForms.forms.map((form) => form.id);
/** Where the demo's forms send leads: the simulators' addresses in their connections. */
const DEMO_VENDOR_URLS = demoForms.forms.flatMap((form) => Object.values(form.connection).filter((value) => /^http:\/\//.test(String(value))));
/** The demo gym pages and their styles, as widget/demo holds them. */
const DEMO_PAGES = readdirSync(join(root, 'widget/demo')).filter((name) => /\.(html|css)$/.test(name));

describe('a production build', () => {
  const test = bundle('test');
  const demo = bundle('demo');
  const production = bundle();

  it('carries the tests’ forms and the bench route only in the test Worker, not in production’s or the demo’s', () => {
    // The same check against the test Worker's bundle shows it can see them.
    for (const id of TEST_FORM_IDS) expect(test).toContain(`"${id}"`);
    expect(test).toContain('BENCH_PASSTHROUGH');
    for (const worker of [production, demo]) {
      for (const id of TEST_FORM_IDS) expect(worker).not.toContain(`"${id}"`);
      expect(worker).not.toContain('BENCH_PASSTHROUGH');
      expect(worker).not.toContain('passthrough');
    }
  });

  it('carries the demo’s forms, and their simulator addresses, only in the demo and test Workers', () => {
    expect(DEMO_FORM_IDS.length).toBeGreaterThan(0);
    for (const id of DEMO_FORM_IDS) {
      expect(demo).toContain(`"${id}"`);
      expect(test).toContain(`"${id}"`);
      expect(production).not.toContain(`"${id}"`);
    }
    expect(DEMO_VENDOR_URLS.length).toBeGreaterThan(0);
    for (const url of DEMO_VENDOR_URLS) {
      expect(demo).toContain(`"${url}"`);
      expect(production).not.toContain(`"${url}"`);
    }
  });

  it('serves no demo page: its assets hold the widget and the console, the demo’s assets the pages too', () => {
    const { files } = assets();
    expect(files).toContain('widget.js');
    expect(files).toContain('admin/index.html');
    expect(DEMO_PAGES).toContain('index.html');
    for (const page of DEMO_PAGES) expect(files).not.toContain(page);
    // No page at all outside the console: the embed pages are the Worker's.
    expect(files.filter((name) => name.endsWith('.html') && !name.startsWith('admin/'))).toEqual([]);
    for (const env of ['demo', 'test']) {
      const demoAssets = assets(env).files;
      for (const page of [...DEMO_PAGES, 'widget.js']) expect(demoAssets, `${page} in ${env}'s assets`).toContain(page);
    }
  });

  it('gives its static files no policy made for the demo pages', () => {
    const headersOf = (env?: string) => readFileSync(join(assets(env).dir, '_headers'), 'utf8');
    // The demo pages load Turnstile from the demo's simulator; production's policy allows no script at all.
    expect(headersOf('demo')).toContain('http://127.0.0.1:8796');
    expect(headersOf()).not.toContain('127.0.0.1');
    expect(headersOf()).toMatch(/^\/\*\n(?: {2}.*\n)* {2}Content-Security-Policy: default-src 'none';/);
  });
});
