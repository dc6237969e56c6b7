import { readFile } from 'node:fs/promises';
import { transformWithOxc } from 'vite';

/** The browser scripts the simulator serves, each a TypeScript file beside this one. */
export type BrowserScript = 'api-script' | 'challenge-script';

const loading = new Map<BrowserScript, Promise<string>>();

async function transpile(name: BrowserScript): Promise<string> {
  const file = new URL(`./${name}.ts`, import.meta.url);
  const { code } = await transformWithOxc(await readFile(file, 'utf8'), file.pathname, { lang: 'ts', sourcemap: false });
  // The files import types only, which leaves an `export {}` that a classic script cannot hold.
  const script = code.replace(/\nexport \{\};\s*$/, '\n');
  if (/^\s*(?:import|export)\b/m.test(script)) throw new Error(`${name}.ts must import types only: it is served as a classic script`);
  return script;
}

/**
 * A browser script with its types stripped; transpiled once per process. The scripts are kept in
 * TypeScript so the root `tsc` checks them against the DOM types like the widget's code.
 *
 * @example
 * app.get('/turnstile/v0/api.js', async (c) => c.body(await loadBrowserScript('api-script')));
 */
export function loadBrowserScript(name: BrowserScript): Promise<string> {
  let script = loading.get(name);
  if (!script) {
    script = transpile(name);
    loading.set(name, script);
    // A failed transpile is not kept: the next request tries again and reports the error anew.
    script.catch(() => loading.delete(name));
  }
  return script;
}
