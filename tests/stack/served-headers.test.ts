import { describe, expect, inject, it } from 'vitest';

const worker = inject('workerUrl');

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
    expect(preloaded).toEqual(['/widget-app.js', '/widget-locale-de.js', '/widget-chunk-frame-side.js']);
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
});
