import { beforeEach, describe, expect, it } from 'vitest';
import type { FormSpec } from '../shared/form-spec';
import { embedModules } from './embed-page';
import { resetBindings } from './test-migrations';
import { request, sim } from './test-support';

beforeEach(async () => {
  await resetBindings();
  await sim.reset();
});

function inlineSpec(html: string): FormSpec {
  const match = /<script type="application\/json" id="leadgate-spec">([^<]*)<\/script>/.exec(html);
  if (!match) throw new Error('no inline spec in the page');
  return JSON.parse(match[1]!) as FormSpec;
}

describe('GET /embed/:formId', () => {
  it("serves the form in a page of its own, with the spec inlined and the loader from the Worker's origin", async () => {
    const response = await request('/embed/demo-perfectgym?locale=en', { headers: { Referer: 'http://localhost:8800/trial' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('<script src="/widget.js" data-leadgate-form="demo-perfectgym" data-target="#leadgate-form" data-spec="#leadgate-spec"');
    const spec = inlineSpec(html);
    expect(spec).toMatchObject({ formId: 'demo-perfectgym', locale: 'en', texts: { submit: 'Request free trial' } });
    expect(spec.bot?.formToken).toMatch(/^v1\./);
  });

  it('carries the form already rendered, in a declarative shadow root with its styles inline, allowed by their hash alone', async () => {
    const response = await request('/embed/demo-perfectgym?locale=de');
    const html = await response.text();
    const served = /<main id="leadgate-form"><template shadowrootmode="open"><style>([^<]*)<\/style>(.*?)<\/template><\/main>/s.exec(html);
    expect(served?.[2]).toMatch(/^<div class="lg-frame" data-leadgate-ssr="lg0">/);
    expect(served?.[2]).toContain('<label for="lg0-firstName">Vorname</label>');
    expect(served?.[2]).toContain('<button class="button" type="submit">Probetraining anfragen</button>');
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(served?.[1] ?? ''));
    const hash = btoa(String.fromCharCode(...new Uint8Array(digest)));
    expect(response.headers.get('Content-Security-Policy')).toContain(`style-src 'self' 'sha256-${hash}' `);
  });

  it('links no stylesheet, so its first paint waits for nothing after the document: its own rules inline, allowed by their hash', async () => {
    const response = await request('/embed/demo-perfectgym?locale=de');
    const html = await response.text();
    expect(html).not.toContain('<link rel="stylesheet"');
    const own = /<head>[\s\S]*?<style>([^<]*)<\/style>[\s\S]*?<\/head>/.exec(html)?.[1];
    expect(own).toContain('margin:0');
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(own ?? ''));
    const hash = btoa(String.fromCharCode(...new Uint8Array(digest)));
    expect(response.headers.get('Content-Security-Policy')).toMatch(new RegExp(`style-src 'self' [^;]*'sha256-${hash.replace(/[+/]/g, '\\$&')}'`));
  });

  it('paints the theme its URL asks for: the custom properties in the shadow root’s stylesheet (allowed by that sheet’s hash) and the theme on the host', async () => {
    const response = await request(
      '/embed/demo-perfectgym?locale=de&accent=%23ff0066&radius=4px&font=%22Fira%20Sans%22%2C%20Georgia%2C%20serif&spacing=1.5rem&theme=dark',
    );
    const html = await response.text();
    const served = /<main id="leadgate-form"( data-leadgate-theme="dark")?><template shadowrootmode="open"><style>([^<]*)<\/style>/.exec(html);
    expect(served?.[1]).toBeDefined();
    expect(served?.[2]).toMatch(
      /:host\{--leadgate-accent:#ff0066;--leadgate-radius:4px;--leadgate-font:"Fira Sans", Georgia, serif;--leadgate-spacing:1.5rem\}$/,
    );
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(served?.[2] ?? ''));
    const hash = btoa(String.fromCharCode(...new Uint8Array(digest)));
    expect(response.headers.get('Content-Security-Policy')).toContain(`style-src 'self' 'sha256-${hash}' `);
  });

  it('drops every theme value that is not plainly a colour, a length, a font stack or light|dark|auto, and echoes none of it', async () => {
    const hostile = {
      accent: 'red;}</style><script>alert(1)</script>',
      radius: 'url(https://evil.example/x.png)',
      font: 'Georgia;}:host{background:url(https://evil.example/y)}',
      spacing: '12px;color:red',
      theme: 'dark" onload="alert(2)',
    };
    const response = await request(`/embed/demo-perfectgym?locale=de&${new URLSearchParams(hostile)}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).not.toContain('evil.example');
    expect(html).not.toContain('alert(');
    expect(html).not.toContain(':host{--leadgate');
    expect(html).toContain('<main id="leadgate-form"><template shadowrootmode="open">');
    // The well-formed ones beside them still count.
    const mixed = await (await request('/embed/demo-perfectgym?locale=de&accent=expression(alert(3))&radius=0&theme=auto')).text();
    expect(mixed).toContain(':host{--leadgate-radius:0}</style>');
    expect(mixed).toContain('<main id="leadgate-form" data-leadgate-theme="auto">');
    expect(mixed).not.toContain('expression');
  });

  it('may be framed only by the form’s allowed origins, and runs no inline code', async () => {
    const response = await request('/embed/demo-perfectgym');
    const csp = response.headers.get('Content-Security-Policy') ?? '';
    expect(csp).toContain("frame-ancestors 'self' http://127.0.0.1:8787 http://localhost:8787 http://localhost:8800");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
  });

  it("lets a form with Turnstile load Turnstile's script and frame", async () => {
    const csp = (await request('/embed/demo-crm')).headers.get('Content-Security-Policy') ?? '';
    expect(csp).toContain("script-src 'self' http://127.0.0.1:8796");
    expect(csp).toContain('frame-src http://127.0.0.1:8796');
  });

  it('refuses a page load whose Referer is another site with a 403 page', async () => {
    const response = await request('/embed/demo-perfectgym', { headers: { Referer: 'https://evil.example/landing' } });
    expect(response.status).toBe(403);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('may not be used from this origin');
  });

  it('answers an unknown form with a 404 page', async () => {
    const response = await request('/embed/no-such-form');
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('No form with this id exists.');
  });

  it("keeps a vendor's hostile labels inside the JSON: no tag of theirs reaches the page", async () => {
    const html = await (await request('/embed/test-hostile-labels')).text();
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<iframe');
    const labels = inlineSpec(html).fields.map((f) => f.label);
    expect(labels).toContain('<img src=x onerror="window.__leadgatePwned=1">');
  });
});

describe('embedModules', () => {
  it('preloads the app, the language and the frame’s bridge from the widget’s hashed folder, and nothing without the build’s list', () => {
    expect(embedModules({ dir: 'widget/Ab3_x-9Z/' }, 'de')).toEqual([
      '/widget/Ab3_x-9Z/app.js',
      '/widget/Ab3_x-9Z/locale-de.js',
      '/widget/Ab3_x-9Z/chunk-frame-side.js',
    ]);
    expect(embedModules(undefined, 'de')).toEqual([]);
  });

  it('reads the folder the build wrote: the served page preloads from it', async () => {
    const html = await (await request('/embed/demo-perfectgym?locale=nl')).text();
    expect([...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1])).toEqual([
      expect.stringMatching(/^\/widget\/[\w-]{8}\/app\.js$/),
      expect.stringMatching(/^\/widget\/[\w-]{8}\/locale-nl\.js$/),
      expect.stringMatching(/^\/widget\/[\w-]{8}\/chunk-frame-side\.js$/),
    ]);
  });
});
