import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { readDevVars } from '../../scripts/dev-vars';
import { APP_FILE, localeFile, WIDGET_FILES_PATH, type WidgetFiles } from '../../shared/widget-files';
import { postDemoLead } from './post-demo-lead';

const worker = inject('workerUrl');
const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const { dir } = JSON.parse(readFileSync(`${dist}public/${WIDGET_FILES_PATH}`, 'utf8')) as WidgetFiles;
const forms = (JSON.parse(readFileSync(new URL('../../demo-forms.json', import.meta.url), 'utf8')) as { forms: { id: string }[] }).forms.map((f) => f.id);

/** Every secret value the Worker holds locally, and the spellings a leak could take. */
function secretSpellings(): Map<string, string> {
  const spellings = new Map<string, string>();
  for (const [name, value] of Object.entries(readDevVars())) {
    if (value.length < 8) continue;
    spellings.set(value, name);
    spellings.set(Buffer.from(value).toString('base64').replace(/=+$/, ''), `${name} (base64)`);
    spellings.set(encodeURIComponent(value), `${name} (URL-encoded)`);
  }
  return spellings;
}

function leaksIn(text: string, where: string): string[] {
  return [...secretSpellings()].filter(([value]) => text.includes(value)).map(([, name]) => `${name} in ${where}`);
}

/** One request to the running Worker, as its text: status line, headers and body. */
async function exchange(path: string, init: RequestInit = {}): Promise<string> {
  const response = await fetch(`${worker}${path}`, { redirect: 'manual', ...init });
  const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n');
  return `${init.method ?? 'GET'} ${path} -> ${response.status}\n${headers}\n\n${await response.text()}`;
}

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:8800', ...headers },
  body: JSON.stringify(body),
});

describe('secrets', () => {
  it('are in no built widget, demo or console file', () => {
    // Recursive: production's assets (dist/public, the console in its admin/) and the demo's (dist/demo-public).
    const files = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((name) => statSync(`${dist}${name}`).isFile());
    expect(files).toContain(`public/${dir}${APP_FILE}`);
    expect(files).toContain('public/admin/index.html');
    expect(files).toContain('demo-public/index.html');
    const leaks = files.flatMap((name) => leaksIn(readFileSync(`${dist}${name}`, 'utf8'), `dist/${name}`));
    expect(leaks).toEqual([]);
  });

  it('are in no response of any demo route, on success or on error', async () => {
    const exchanges: string[] = [];
    const record = async (path: string, init?: RequestInit) => exchanges.push(await exchange(path, init));

    for (const page of [
      '/',
      '/index.html',
      '/magicline-open.html',
      '/virtuagym.html',
      '/magicline-connect.html',
      '/crm.html',
      '/perfectgym-classic.html',
      '/iframe.html',
      '/widget.js',
      `/${dir}${APP_FILE}`,
      '/leadgate.js',
      `/${dir}${localeFile('de')}`,
      `/${WIDGET_FILES_PATH}`,
      '/embed.css',
      '/studio-page.css',
    ]) {
      await record(page);
    }
    for (const id of [...forms, 'no-such-form']) {
      for (const locale of ['en', 'de']) await record(`/v1/forms/${id}?locale=${locale}`);
      await record(`/embed/${id}`);
      await record(`/embed/${id}`, { headers: { Referer: 'https://evil.example/' } });
      await record(`/v1/forms/${id}/leads`, { method: 'OPTIONS', headers: { Origin: 'http://localhost:8800', 'Access-Control-Request-Method': 'POST' } });
      await record(`/v1/forms/${id}/leads`, json({ lead: {} }));
      await record(`/v1/forms/${id}/leads`, json({ lead: { firstName: 'x' } }, { Origin: 'https://evil.example' }));
      await record(`/v1/forms/${id}/leads`, { ...json({}), body: '{"lead":' });
      await record(`/v1/forms/${id}/leads/unknown-submission/profile`, json({ profile: {} }));
    }
    const delivered = await postDemoLead(worker, `scan.${Date.now()}@example.com`, `scan-${Date.now()}`);
    exchanges.push(`demo lead -> ${delivered.status}\n${[...delivered.headers].join('\n')}\n${await delivered.text()}`);
    const token = readDevVars().LEADGATE_ADMIN_TOKEN!;
    await record('/v1/admin/forms/demo-perfectgym/deliveries');
    await record('/v1/admin/forms/demo-perfectgym/deliveries', { headers: { Authorization: 'Bearer wrong-token-wrong-token' } });
    await record('/v1/admin/forms/demo-perfectgym/deliveries', { headers: { Authorization: `Bearer ${token}` } });
    await record('/v1/nothing-here');

    expect(exchanges.length).toBeGreaterThan(60);
    // The admin token was sent by us in one request; it must never come back.
    const leaks = exchanges.flatMap((text) => leaksIn(text, text.split('\n')[0]!));
    expect(leaks).toEqual([]);
  });
});
