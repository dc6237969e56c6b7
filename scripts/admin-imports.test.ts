import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

/** Every file of this repository the module at `entry` loads, following its relative imports (type-only ones too). */
function importGraph(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const base = resolve(dirname(file), specifier!);
      const found = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((candidate) => existsSync(candidate) && !candidate.endsWith('/'));
      if (!found) throw new Error(`${relative(root, file)} imports ${specifier}, which does not resolve`);
      if (/\.(ts|tsx|js|mjs)$/.test(found)) visit(found);
    }
  };
  visit(resolve(root, entry));
  return [...seen].map((file) => relative(root, file)).sort();
}

describe('npm run admin', () => {
  it('loads nothing from tests/: it runs against a deployed Worker from a checkout without the test files', () => {
    const graph = importGraph('scripts/admin.ts');
    expect(graph).toContain('scripts/dev-vars.ts');
    expect(graph.filter((file) => file.startsWith('tests/'))).toEqual([]);
  });
});
