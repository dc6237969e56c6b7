/**
 * What the widget's critical path is made of: each part bundled on its own (minified, gzip -9),
 * beside the whole app chunk. Parts gzip better together than alone, so they add up to more
 * than the chunk; read them as each part's weight, not as a sum. BENCHMARKS.md ("Widget size")
 * quotes a run of it.
 *
 *   npm run size:breakdown
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Each part as the modules that make it; the app chunk's own entry last. */
const PARTS: readonly (readonly [string, string])[] = [
  [
    'Preact with hooks (render, h, the hooks the app uses)',
    "export { h, render } from 'preact'; export { useState, useEffect, useRef, useMemo, useCallback } from 'preact/hooks';",
  ],
  ['styles (widget/app/styles/widget-css.ts)', "export * from '@root/widget/app/styles/widget-css';"],
  ['field rendering (widget/app/fields/FieldBlocks.tsx and what it imports)', "export * from '@root/widget/app/fields/FieldBlocks';"],
  ['consent matrix (widget/app/consent/ConsentMatrix.tsx)', "export * from '@root/widget/app/consent/ConsentMatrix';"],
  ['lead checker (shared/lead-schema.ts)', "export * from '@root/shared/lead-schema';"],
  ['outbox (widget/app/outbox/outbox.ts)', "export * from '@root/widget/app/outbox/outbox';"],
  ['the app without Preact (widget/app/mount.ts)', "export * from '@root/widget/app/mount';"],
  ['the app chunk as built (widget/app/mount.ts)', "export * from '@root/widget/app/mount';"],
];

async function gzipOf(dir: string, source: string, withPreact: boolean): Promise<{ raw: number; gzip: number }> {
  await writeFile(join(dir, 'entry.ts'), source.replaceAll('@root/', root));
  await build({
    root,
    configFile: false,
    logLevel: 'silent',
    publicDir: false,
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      outDir: join(dir, 'out'),
      emptyOutDir: true,
      target: 'es2020',
      minify: true,
      modulePreload: false,
      rolldownOptions: {
        input: join(dir, 'entry.ts'),
        // The same settings as scripts/build-widget.ts, lazy chunks apart; Preact left out to weigh the rest.
        external: withPreact ? undefined : (id) => /^preact(\/|$)/.test(id),
        preserveEntrySignatures: 'allow-extension',
        output: { format: 'es', entryFileNames: 'entry.js', chunkFileNames: 'chunk-[name].js' },
      },
    },
  });
  const bytes = await readFile(join(dir, 'out', 'entry.js'));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

// Inside the project, so the entries resolve preact from its node_modules.
await mkdir(join(root, 'node_modules/.cache'), { recursive: true });
const dir = await mkdtemp(join(root, 'node_modules/.cache/leadgate-size-'));
try {
  console.log('Each part bundled alone, minified, gzip -9 (parts overlap; they do not add up):');
  const width = Math.max(...PARTS.map(([name]) => name.length));
  for (const [name, source] of PARTS) {
    const withPreact = name.startsWith('Preact') || name.endsWith('as built (widget/app/mount.ts)');
    const { raw, gzip } = await gzipOf(dir, source, withPreact);
    console.log(`  ${name.padEnd(width)} ${(raw / 1024).toFixed(1).padStart(6)} KB   gzip ${(gzip / 1024).toFixed(2).padStart(6)} KB`);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
