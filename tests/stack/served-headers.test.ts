import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { APP_FILE, FRAME_SIDE_FILE, localeFile, WIDGET_FILES_PATH, type WidgetFiles } from '../../shared/widget-files';

const worker = inject('workerUrl');
const { dir } = JSON.parse(readFileSync(new URL(`../../dist/public/${WIDGET_FILES_PATH}`, import.meta.url), 'utf8')) as WidgetFiles;
const IMMUTABLE = 'public, max-age=31536000, immutable';

describe('headers of the pages the Worker serves', () => {
  it.each(['/', '/magicline-open.html', '/virtuagym.html', '/magicline-connect.html', '/crm.html', '/perfectgym-classic.html', '/iframe.html'])(
    'the demo page %s runs under a strict policy, is never framed, and is not sniffed',
    async (path) => {
      const response = await fetch(`${worker}${path}`, { redirect: 'follow' });
      expect(response.status).toBe(200);
      const csp = response.headers.get('Content-Security-Policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(response.headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
      // Nothing inline that the policy would have to allow.
      const html = await response.text();
      expect(html).not.toMatch(/<script>|<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=|\son\w+=/i);
    },
  );

  it('the API answers are not sniffed either', async () => {
    const response = await fetch(`${worker}/v1/forms/demo-perfectgym`);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  it('the embed page preloads the app, its language and the bridge, each a module the Worker serves', async () => {
    const html = await (await fetch(`${worker}/embed/demo-perfectgym?locale=de`)).text();
    const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]!);
    expect(preloaded).toEqual([`/${dir}${APP_FILE}`, `/${dir}${localeFile('de')}`, `/${dir}${FRAME_SIDE_FILE}`]);
    for (const href of preloaded) {
      const response = await fetch(`${worker}${href}`);
      expect([href, response.status, response.headers.get('Content-Type')]).toEqual([href, 200, expect.stringMatching(/javascript/)]);
    }
  });

  it('the embed page allows exactly the form’s origins to frame it', async () => {
    const response = await fetch(`${worker}/embed/demo-perfectgym`);
    expect(response.headers.get('Content-Security-Policy')).toContain(
      "frame-ancestors 'self' http://127.0.0.1:8787 http://localhost:8787 http://localhost:8800",
    );
  });

  it.each(['/widget.js', '/leadgate.js', `/${WIDGET_FILES_PATH}`])(
    'the entry file %s is cached for minutes, so a release reaches every site soon',
    async (path) => {
      const response = await fetch(`${worker}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('Cache-Control')).toBe('public, max-age=300');
      expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    },
  );

  it('the embed page is cached for a minute, and only by the browser', async () => {
    const response = await fetch(`${worker}/embed/demo-perfectgym`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('private, max-age=60');
  });

  it.each([APP_FILE, localeFile('de'), FRAME_SIDE_FILE])('the hashed widget file %s is cached for a year and never revalidated', async (name) => {
    const response = await fetch(`${worker}/${dir}${name}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe(IMMUTABLE);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(response.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
  });

  it('the console’s pages are never cached, its hashed scripts for a year', async () => {
    const page = await fetch(`${worker}/admin/`);
    expect(page.headers.get('Cache-Control')).toBe('no-store');
    const script = /<script[^>]+src="(\/admin\/assets\/[^"]+\.js)"/.exec(await page.text())?.[1];
    expect(script).toBeDefined();
    const response = await fetch(`${worker}${script}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe(IMMUTABLE);
    expect(response.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
  });
});
