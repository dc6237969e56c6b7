import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { LOCALES } from '../../shared/locales';
import { SIZE_BUDGET } from '../../widget/size-budget';
import { openPage, useChromium } from './chromium';
import { DEMO_FORMS } from './demo-forms';

const host = inject('hostUrl');
const worker = inject('workerUrl');
const turnstile = inject('simulators').turnstile;
const browser = useChromium();
const dist = fileURLToPath(new URL('../../dist/public/', import.meta.url));
const gzipOf = (url: string) => gzipSync(readFileSync(`${dist}${new URL(url).pathname.slice(1)}`), { level: 9 }).length;

describe('what the script embed fetches', () => {
  for (const form of DEMO_FORMS) {
    it(`${form.id}: only the Worker's origin${form.id === 'demo-crm' ? ' (and Turnstile, which the form has)' : ''}, and only the critical files before the form is ready`, async () => {
      const { page } = await openPage(browser());
      const requests: { url: string; beforeReady: boolean }[] = [];
      let ready = false;
      await page.exposeFunction('leadgateReady', () => {
        ready = true;
      });
      await page.addInitScript(() => document.addEventListener('leadgate:ready', () => (window as unknown as { leadgateReady: () => void }).leadgateReady()));
      page.on('request', (r) => requests.push({ url: r.url(), beforeReady: !ready }));
      await page.goto(`${host}/locale.html?form=${form.id}`);
      await expect.poll(() => ready).toBe(true);
      await page.waitForTimeout(500); // anything the form fetches right after showing

      const allowed = new Set([host, worker, ...(form.id === 'demo-crm' ? [turnstile] : [])]);
      expect(requests.map((r) => new URL(r.url).origin).filter((origin) => !allowed.has(origin))).toEqual([]);

      const scripts = requests.filter((r) => r.beforeReady && r.url.startsWith(worker) && r.url.endsWith('.js')).map((r) => r.url);
      // The loader, then from the hashed folder: the app, one language, and Turnstile's chunk where the form has it.
      const names = scripts.map((url) => new URL(url).pathname.slice(1).replace(/^widget\/[\w-]{8}\//, 'widget/<hash>/'));
      expect(names.filter((n) => !/^(widget\.js|widget\/<hash>\/(app|locale-[a-z]{2}|chunk-turnstile-challenge)\.js)$/.test(n))).toEqual([]);
      const critical = scripts.filter((url) => !url.includes('turnstile')).reduce((sum, url) => sum + gzipOf(url), 0);
      expect(critical).toBeLessThanOrEqual(SIZE_BUDGET.critical);
    });
  }
});

describe('what the script embed downloads before the form is on screen', () => {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
  for (const form of DEMO_FORMS) {
    it(`${form.id}: the loader and the spec with its rendered form stay within ${kb(SIZE_BUDGET.firstPaint)} (gzip) in every language`, async () => {
      const loader = gzipOf(`${worker}/widget.js`);
      for (const locale of LOCALES) {
        // The request the loader makes (widget/host/load-form.ts), from a page the form allows.
        const response = await fetch(`${worker}/v1/forms/${form.id}?paint=1&locale=${locale}`, { headers: { Origin: host } });
        expect(response.status).toBe(200);
        const body = await response.text();
        expect((JSON.parse(body) as { paint?: { html: string } }).paint?.html, locale).toContain('<form');
        const total = loader + gzipSync(body, { level: 9 }).length;
        expect(total, `${locale}: ${kb(total)}`).toBeLessThanOrEqual(SIZE_BUDGET.firstPaint);
      }
    });
  }
});
