/**
 * Builds the embeddable widget into dist/public, which the Worker serves as
 * static assets: widget.js (the loader, an IIFE without Preact), widget-app.js
 * (the Preact app, an ES module the loader imports), the demo pages and _headers.
 *
 *   npm run build:widget
 */
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type InlineConfig } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${root}dist/public`;
const demoDir = `${root}widget/demo`;

/** Gzipped bytes each file may weigh; the build fails above them. */
const BUDGETS: Readonly<Record<string, number>> = {
  'widget.js': 1536,
  'widget-app.js': 30 * 1024,
};

// The app chunk is imported cross-origin as a module, which needs CORS; the loader is cached briefly so fixes roll out fast.
const HEADERS = `/widget.js
  Access-Control-Allow-Origin: *
  Cache-Control: public, max-age=300

/widget-app.js
  Access-Control-Allow-Origin: *
  Cache-Control: public, max-age=300
`;

function config(entry: string, fileName: string, format: 'iife' | 'es'): InlineConfig {
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
        input: `${root}${entry}`,
        // Keep the app's exports: the loader calls mount() on them.
        preserveEntrySignatures: format === 'es' ? 'strict' : false,
        output: { format, entryFileNames: fileName },
      },
    },
  };
}

async function main(): Promise<void> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await build(config('widget/loader.ts', 'widget.js', 'iife'));
  await build(config('widget/app/mount.ts', 'widget-app.js', 'es'));

  for (const name of await readdir(demoDir)) {
    if (/\.(html|css)$/.test(name)) await copyFile(`${demoDir}/${name}`, `${outDir}/${name}`);
  }
  await writeFile(`${outDir}/_headers`, HEADERS);

  const files = (await readdir(outDir)).sort();
  let overBudget = false;
  console.log('dist/public:');
  for (const name of files) {
    if (!name.endsWith('.js')) {
      console.log(`  ${name}`);
      continue;
    }
    const bytes = await readFile(`${outDir}/${name}`);
    const gzip = gzipSync(bytes, { level: 9 }).length;
    const budget = BUDGETS[name];
    const over = budget !== undefined && gzip > budget;
    overBudget ||= over;
    console.log(
      `  ${name.padEnd(16)} ${(bytes.length / 1024).toFixed(2).padStart(7)} KB   gzip ${(gzip / 1024).toFixed(2).padStart(6)} KB` +
        (budget === undefined ? '' : `   budget ${(budget / 1024).toFixed(2)} KB${over ? '  OVER BUDGET' : ''}`),
    );
  }
  if (overBudget) {
    console.error('A widget file is over its size budget.');
    process.exitCode = 1;
  }
}

await main();
