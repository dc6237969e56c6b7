/**
 * Builds the embeddable widget into dist/public, which the production Worker serves as
 * static assets: widget.js (the loader, an IIFE without Preact), widget-app.js
 * (the Preact app, an ES module the loader imports), widget-locale-<xx>.js (one
 * language's texts each), leadgate.js (the ES module for single-page apps) and
 * _headers; and the operator console into dist/public/admin (its own Preact
 * bundle, never part of the widget's files or its size budget). Then the same
 * files plus the demo gym pages into dist/demo-public, the demo's and the tests'
 * assets (wrangler.toml's env "demo" and "test"): no demo page is in production's.
 *
 *   npm run build:widget
 */
import { copyFile, cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type InlineConfig } from 'vite';
import { LOCALES } from '../shared/locales';
import { CRITICAL, SIZE_BUDGET } from '../widget/size-budget';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${root}dist/public`;
const demoOutDir = `${root}dist/demo-public`;
const demoDir = `${root}widget/demo`;

/** Origins of the Turnstile scripts the demo's forms use: the demo pages must allow them. */
async function turnstileOrigins(): Promise<string[]> {
  const { forms } = JSON.parse(await readFile(`${root}demo-forms.json`, 'utf8')) as { forms: { botCheck?: { turnstile?: { scriptUrl?: string } } }[] };
  const urls = forms.map((f) => f.botCheck?.turnstile && (f.botCheck.turnstile.scriptUrl ?? 'https://challenges.cloudflare.com/turnstile/v0/api.js'));
  return [...new Set(urls.filter((u): u is string => !!u).map((u) => new URL(u).origin))].sort();
}

/**
 * The demo pages' policy: scripts, styles and connections of their own origin
 * (and Turnstile's script and frame, as Cloudflare documents), nothing inline, never framed. The same policy a gym's
 * strict page would have, so the demo proves the widget needs nothing more.
 */
function demoCsp(turnstile: readonly string[]): string {
  const extra = turnstile.map((o) => ` ${o}`).join('');
  return [
    "default-src 'self'",
    `script-src 'self'${extra}`,
    "connect-src 'self'",
    `frame-src 'self'${extra}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

/**
 * Production's policy for every static file but the console: it serves no page of its own (the
 * embed pages are the Worker's, with their own policy), so any document that turned up would
 * run nothing and could not be framed. Scripts and styles are not governed by their own
 * response's policy, so the widget's files load as before.
 */
const STATIC_CSP = ["default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'"].join('; ');

/**
 * The console's policy (/admin/*): its own scripts, styles and API only, nothing inline, never
 * framed by anyone but itself (its live preview frames /admin/preview.html; 'none' would block that
 * too, and no other site may frame it). `! Content-Security-Policy` detaches the policy of /*,
 * as the _headers format allows, so exactly one policy applies. Nothing is cached: an operator who
 * signs out leaves no page behind, and a deploy reaches the console at once.
 */
const ADMIN_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "frame-src 'self'",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

// Every static file: no sniffing, a short Referer, a policy (production's or the demo pages'). The app chunk is imported
// cross-origin as a module, which needs CORS; the loader is cached briefly so fixes roll out fast.
const headers = (csp: string) => `/*
  X-Content-Type-Options: nosniff
  Referrer-Policy: strict-origin-when-cross-origin
  Content-Security-Policy: ${csp}

/admin/*
  ! Content-Security-Policy
  Content-Security-Policy: ${ADMIN_CSP}
  Cache-Control: no-store
  Referrer-Policy: no-referrer

/widget.js
  Access-Control-Allow-Origin: *
  Cache-Control: public, max-age=300

/widget-*
  Access-Control-Allow-Origin: *
  Cache-Control: public, max-age=300

/leadgate.js
  Access-Control-Allow-Origin: *
  Cache-Control: public, max-age=300
`;

/** The console at /admin: a Preact app and its preview page, built from console/ with hashed asset names. */
function consoleConfig(): InlineConfig {
  return {
    root: `${root}console`,
    base: '/admin/',
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      outDir: `${outDir}/admin`,
      emptyOutDir: true,
      target: 'es2020',
      minify: true,
      sourcemap: false,
      modulePreload: false,
      reportCompressedSize: false,
      rolldownOptions: { input: { index: `${root}console/index.html`, preview: `${root}console/preview.html` } },
    },
  };
}

function config(entry: string | Record<string, string>, fileName: string, format: 'iife' | 'es'): InlineConfig {
  return {
    root,
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2020',
      minify: true,
      sourcemap: false,
      copyPublicDir: false,
      modulePreload: false,
      reportCompressedSize: false,
      rolldownOptions: {
        input: typeof entry === 'string' ? `${root}${entry}` : entry,
        // Keep the app's exports: the loader calls mount() on them.
        // allow-extension: modules the lazy chunks share with the app may join the app chunk (one request, not two).
        preserveEntrySignatures: format === 'es' ? 'allow-extension' : false,
        // Lazy chunks (the second step, Turnstile, the iframe bridge) sit beside their entry, covered by /widget-* in _headers.
        // No hash: every widget file is cached for minutes under a fixed name, and the embed page preloads the bridge by name.
        output: { format, entryFileNames: fileName, chunkFileNames: 'widget-chunk-[name].js' },
      },
    },
  };
}

/** One entry per language, each exporting its texts as `messages` (the name the loader imports). */
async function localeEntries(): Promise<Record<string, string>> {
  const dir = `${root}node_modules/.cache/leadgate-locales`;
  await mkdir(dir, { recursive: true });
  const entries: Record<string, string> = {};
  for (const locale of LOCALES) {
    entries[locale] = `${dir}/${locale}.ts`;
    await writeFile(entries[locale], `export { ${locale} as messages } from '${root}widget/i18n/${locale}';\n`);
  }
  return entries;
}

async function main(): Promise<void> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await build(config('widget/loader.ts', 'widget.js', 'iife'));
  await build(config('widget/app/mount.ts', 'widget-app.js', 'es'));
  await build(config('widget/module.ts', 'leadgate.js', 'es'));
  await build(config('widget/bridge/host-frame.ts', 'widget-frame-host.js', 'es'));
  await build(config(await localeEntries(), 'widget-locale-[name].js', 'es'));
  await build(consoleConfig());

  await copyFile(`${root}widget/embed.css`, `${outDir}/embed.css`);
  await writeFile(`${outDir}/_headers`, headers(STATIC_CSP));

  // The demo's assets: production's, plus the demo gym pages under their own policy.
  await rm(demoOutDir, { recursive: true, force: true });
  await cp(outDir, demoOutDir, { recursive: true });
  for (const name of await readdir(demoDir)) {
    if (/\.(html|css)$/.test(name)) await copyFile(`${demoDir}/${name}`, `${demoOutDir}/${name}`);
  }
  await writeFile(`${demoOutDir}/_headers`, headers(demoCsp(await turnstileOrigins())));

  await printSizes();
  console.log('dist/demo-public: the same, plus the demo pages (npm start and the tests serve it)');
}

/** Each file's size, and the critical path's against its budget (the test enforces it). */
async function printSizes(): Promise<void> {
  const files = (await readdir(outDir)).sort();
  const gzip: Record<string, number> = {};
  console.log('dist/public:');
  for (const name of files) {
    if (!name.endsWith('.js')) {
      console.log(`  ${name}`);
      continue;
    }
    const bytes = await readFile(`${outDir}/${name}`);
    gzip[name] = gzipSync(bytes, { level: 9 }).length;
    console.log(`  ${name.padEnd(44)} ${(bytes.length / 1024).toFixed(2).padStart(7)} KB   gzip ${(gzip[name] / 1024).toFixed(2).padStart(6)} KB`);
  }
  const largestLocale = Math.max(
    ...Object.entries(gzip)
      .filter(([name]) => CRITICAL.locale.test(name))
      .map(([, size]) => size),
  );
  const critical = (gzip[CRITICAL.loader] ?? 0) + (gzip[CRITICAL.app] ?? 0) + largestLocale;
  const line = (what: string, size: number, budget: number) =>
    console.log(
      `  ${what.padEnd(44)} gzip ${(size / 1024).toFixed(2).padStart(6)} KB   budget ${(budget / 1024).toFixed(2)} KB${size > budget ? '  OVER BUDGET' : ''}`,
    );
  line('loader (widget.js)', gzip[CRITICAL.loader] ?? 0, SIZE_BUDGET.loader);
  line('critical path (loader + app + largest locale)', critical, SIZE_BUDGET.critical);
}

await main();
