/**
/**
 * Builds the embeddable widget into dist/public, which the production Worker serves
 * as static assets: the two entry files under fixed names, widget.js (the loader,
 * an IIFE without Preact) and leadgate.js (the ES module for single-page apps);
 * beside them widget/<hash>/, a folder named by a hash of its contents (the
 * Preact app app.js, its lazy chunk-<name>.js, one locale-<xx>.js per
 * language and the iframe bridge's frame-host.js), which the entries are
 * built knowing and leadgate-files.json names for the Worker; _headers; and the
 * operator console into dist/public/admin (its own Preact bundle, never part of
 * the widget's files or its size budget). Then the same files plus the demo gym
 * pages into dist/demo-public, the demo's and the tests' assets (wrangler.toml's
 * env "demo" and "test"): no demo page is in production's.
 *
 *   npm run build:widget
 */
import { copyFile, cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type InlineConfig } from 'vite';
import { LOCALES } from '../shared/locales';
import { APP_FILE, FRAME_HOST_FILE, localeFile, WIDGET_FILES_PATH, type WidgetFiles, widgetDir } from '../shared/widget-files';
import { CRITICAL, SIZE_BUDGET } from '../widget/size-budget';
import { folderHash } from './folder-hash';

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

// Every static file: no sniffing, a short Referer, a policy (production's or the demo pages'). The widget's modules are imported
// cross-origin, which needs CORS. The entry files (widget.js, leadgate.js, and the hash they name)
// are cached for minutes, so a release reaches every site within minutes; every other widget file
// sits in widget/<hash>/ and never changes under its name, so it is cached for a year. The
// console's assets likewise (vite names them by their content), though its pages stay uncached.
// GUESS: leadgate-files.json is cached like an entry and open to other origins (the issue is silent): it
// changes with every release, and a page that mounts the widget from elsewhere may need to find the folder.
const SHORT = 'public, max-age=300';
const IMMUTABLE = 'public, max-age=31536000, immutable';
const headers = (csp: string) => `/*
  X-Content-Type-Options: nosniff
  Referrer-Policy: strict-origin-when-cross-origin
  Content-Security-Policy: ${csp}

/admin/*
  ! Content-Security-Policy
  Content-Security-Policy: ${ADMIN_CSP}
  Cache-Control: no-store
  Referrer-Policy: no-referrer

/admin/assets/*
  ! Cache-Control
  Cache-Control: ${IMMUTABLE}

/widget.js
  Access-Control-Allow-Origin: *
  Cache-Control: ${SHORT}

/leadgate.js
  Access-Control-Allow-Origin: *
  Cache-Control: ${SHORT}

/${WIDGET_FILES_PATH}
  Access-Control-Allow-Origin: *
  Cache-Control: ${SHORT}

/widget/*
  Access-Control-Allow-Origin: *
  Cache-Control: ${IMMUTABLE}
`;

/** The console at /admin: a Preact app and its preview page, built from console/ with hashed asset names. */
function consoleConfig(define: Record<string, string>): InlineConfig {
  return {
    root: `${root}console`,
    define,
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

function config(
  entry: string | Record<string, string>,
  fileName: string,
  format: 'iife' | 'es',
  into = outDir,
  define: Record<string, string> = {},
): InlineConfig {
  return {
    root,
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    define,
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      outDir: into,
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
        // Lazy chunks (the second step, Turnstile, the iframe bridge) sit beside their entry in widget/<hash>/: relative
        // imports, so the folder can take its name after they are written.
        output: { format, entryFileNames: fileName, chunkFileNames: 'chunk-[name].js' },
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
  // The hashed files first, into a folder that takes its name from them; then the entries, built knowing it.
  const staging = `${outDir}/widget/staging`;
  const staged = new Set<string>();
  for (const options of [
    config('widget/app/mount.ts', APP_FILE, 'es', staging),
    config('widget/bridge/host-frame.ts', FRAME_HOST_FILE, 'es', staging),
    config(await localeEntries(), localeFile('[name]'), 'es', staging),
  ]) {
    // Three builds share the folder: a chunk of one must not overwrite a chunk of another under the same name.
    const result = await build(options);
    for (const { fileName } of 'output' in result ? result.output : []) {
      if (staged.has(fileName)) throw new Error(`two builds wrote widget/<hash>/${fileName}: give one of the chunks another name`);
      staged.add(fileName);
    }
  }
  const dir = widgetDir(await folderHash(staging));
  await rename(staging, `${outDir}/${dir}`);
  const files: WidgetFiles = { dir };
  await writeFile(`${outDir}/${WIDGET_FILES_PATH}`, `${JSON.stringify(files, null, 2)}\n`);
  const define = { __LEADGATE_WIDGET_DIR__: JSON.stringify(dir) };
  await build(config('widget/loader.ts', 'widget.js', 'iife', outDir, define));
  await build(config('widget/module.ts', 'leadgate.js', 'es', outDir, define));
  await build(consoleConfig(define));

  await copyFile(`${root}widget/embed.css`, `${outDir}/embed.css`);
  await writeFile(`${outDir}/_headers`, headers(STATIC_CSP));

  // The demo's assets: production's, plus the demo gym pages under their own policy.
  await rm(demoOutDir, { recursive: true, force: true });
  await cp(outDir, demoOutDir, { recursive: true });
  for (const name of await readdir(demoDir)) {
    if (/\.(html|css)$/.test(name)) await copyFile(`${demoDir}/${name}`, `${demoOutDir}/${name}`);
  }
  await writeFile(`${demoOutDir}/_headers`, headers(demoCsp(await turnstileOrigins())));

  await printSizes(files);
  console.log('dist/demo-public: the same, plus the demo pages (npm start and the tests serve it)');
}

/** Each file's size, and the critical path's against its budget (the test enforces it). */
async function printSizes({ dir }: WidgetFiles): Promise<void> {
  const files = [...(await readdir(outDir)).filter((name) => name !== 'widget'), ...(await readdir(`${outDir}/${dir}`)).map((name) => `${dir}${name}`)].sort();
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
  const largestLocale = Math.max(...LOCALES.map((locale) => gzip[`${dir}${localeFile(locale)}`] ?? 0));
  const critical = (gzip[CRITICAL.loader] ?? 0) + (gzip[`${dir}${APP_FILE}`] ?? 0) + largestLocale;
  const line = (what: string, size: number, budget: number) =>
    console.log(
      `  ${what.padEnd(44)} gzip ${(size / 1024).toFixed(2).padStart(6)} KB   budget ${(budget / 1024).toFixed(2)} KB${size > budget ? '  OVER BUDGET' : ''}`,
    );
  line('loader (widget.js)', gzip[CRITICAL.loader] ?? 0, SIZE_BUDGET.loader);
  line('critical path (loader + app + largest locale)', critical, SIZE_BUDGET.critical);
}

await main();
