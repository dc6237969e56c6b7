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

  it('the embed page allows exactly the form’s origins to frame it', async () => {
    const response = await fetch(`${worker}/embed/demo-perfectgym`);
    expect(response.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'self' http://127.0.0.1:8787 http://localhost:8787 http://localhost:8800");
  });
});
