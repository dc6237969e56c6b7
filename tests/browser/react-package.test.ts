import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { type PackedEmbed, packAndInstallEmbed, tsc } from '../stack/embed-package';
import { simulatorClient } from '../stack/simulator-client';
import { openPage, useChromium } from './chromium';
import { fillTrialForm, unique } from './submissions';

const sim = simulatorClient(inject('simulators')['perfectgym-next']);
const worker = inject('workerUrl');
const host = inject('hostUrl');
const TENANT = 'demo-gym';
const source = fileURLToPath(new URL('./react-package/', import.meta.url));
/** Served by the host-page origin (an allowed origin of demo-perfectgym), as the agency's site would serve its build. */
const outDir = fileURLToPath(new URL('./pages/react-package/', import.meta.url));

const browser = useChromium();
let packed: PackedEmbed | undefined;

/** npm pack, npm install into a fresh app folder, tsc, vite build: the way an agency's site gets the package. */
beforeAll(async () => {
  packed = packAndInstallEmbed();
  for (const name of ['index.html', 'main.tsx']) copyFileSync(join(source, name), join(packed.app, name));
  const compilerOptions = {
    strict: true,
    noEmit: true,
    target: 'es2022',
    module: 'esnext',
    moduleResolution: 'bundler',
    lib: ['es2022', 'dom'],
    jsx: 'react-jsx',
  };
  writeFileSync(join(packed.app, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['main.tsx'] }));
  expect(tsc(join(packed.app, 'tsconfig.json')).output).toBe('');
  await build({
    root: packed.app,
    base: '/react-package/',
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
    build: { outDir, emptyOutDir: true, minify: false, reportCompressedSize: false },
  });
});
afterAll(() => {
  packed?.cleanup();
  rmSync(outDir, { recursive: true, force: true });
});
beforeEach(async () => {
  await sim.reset();
});

const calls = (page: Page) => page.evaluate(() => (window as unknown as { calls: [string, string, number][] }).calls);

async function openApp(page: Page) {
  await page.goto(`${host}/react-package/index.html?worker=${encodeURIComponent(worker)}`);
  await page
    .locator('.trial')
    .getByLabel(/^First name/)
    .waitFor();
}

describe('<LeadgateForm> from the packed npm package, in a React app built with Vite', () => {
  it('mounts one form under StrictMode, keeps it through a re-render with new callbacks, and its lead reaches the vendor', async () => {
    const { page, problems } = await openPage(browser());
    await openApp(page);
    const form = page.locator('.trial');
    const email = unique('react-package');
    await fillTrialForm(form, email, 'en');
    await page.getByRole('button', { name: 'Render again' }).click();
    // Not mounted anew: what the visitor typed is still there, in the only form.
    expect(await form.getByLabel(/^Email/).inputValue()).toBe(email);
    expect(await form.locator('form').count()).toBe(1);

    await form.getByRole('button', { name: 'Request free trial' }).click();
    await expect
      .poll(() => calls(page))
      .toEqual([
        ['ready', '', 0],
        ['submit', '', 1],
        ['success', 'delivered', 1],
      ]);
    await expect.poll(async () => JSON.stringify(await sim.leads(TENANT))).toContain(email);
    expect(problems).toEqual([]);
  });

  it('mounts the form anew in German when the locale changes, and removes it when the component goes', async () => {
    const { page, problems } = await openPage(browser());
    await openApp(page);
    await page.getByRole('button', { name: 'Deutsch' }).click();
    const form = page.locator('.trial');
    await form.getByRole('button', { name: 'Probetraining anfragen' }).waitFor();
    expect(await form.locator('form').count()).toBe(1);
    expect(await calls(page)).toEqual([
      ['ready', '', 0],
      ['ready', '', 0],
    ]);
    await page.getByRole('button', { name: 'Toggle form' }).click();
    expect(await page.locator('.trial').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('reports LOAD_FAILED through onError, once, when the Worker cannot be reached', async () => {
    const { page } = await openPage(browser());
    await page.goto(`${host}/react-package/index.html?worker=${encodeURIComponent('http://127.0.0.1:9')}`);
    await expect.poll(() => calls(page)).toEqual([['error', 'LOAD_FAILED', 0]]);
    expect(await page.locator('.trial').locator('form').count()).toBe(0);
  });
});
