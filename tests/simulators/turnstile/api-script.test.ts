import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPage, useChromium } from '../../browser/chromium';
import type { ServedApp } from '../serve-app';
import { serveApp } from '../serve-app';
import { DUMMY_TOKEN } from './test-keys';
import { createTurnstileSimulator } from './turnstile-simulator';
import { loadWidgetFixtures } from './widgets';

const DEMO = '0x4AAAAAAALeadgateDemoKey';
const SECRET = 'turnstile-demo-secret-7d2a';
const FRAME = 'iframe[title="Widget containing a Cloudflare security challenge"]';

let sim: ServedApp;
let host: { url: string; server: Server };
const browser = useChromium();

/**
 * A host page as strict as Cloudflare allows: scripts and frames from the simulator only (FACT:
 * Turnstile needs script-src and frame-src), no inline code, no connect-src at all.
 */
const csp = () => `default-src 'none'; script-src ${sim.url}; frame-src ${sim.url}`;

function pageHtml(path: string): string {
  if (path === '/implicit') {
    return `<!doctype html><html><head><meta charset="utf-8"><title>Implicit</title></head><body>
<form id="lead"><div class="cf-turnstile" data-sitekey="${DEMO}" data-action="implicit" data-callback="onToken"></div></form>
<script src="${sim.url}/turnstile/v0/api.js?onload=onTurnstileLoad" async defer></script>
</body></html>`;
  }
  return `<!doctype html><html><head><meta charset="utf-8"><title>Explicit</title>
<script src="${sim.url}/turnstile/v0/api.js?render=explicit"></script>
</head><body><div id="decoy" class="cf-turnstile" data-sitekey="${DEMO}"></div></body></html>`;
}

/** Runs in every frame before its scripts: records CSP violations and what the widget calls back. */
const RECORDER = () => {
  const w = window as unknown as Record<string, unknown[] | unknown>;
  const violations: string[] = [];
  const calls: string[] = [];
  w.violations = violations;
  w.calls = calls;
  document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  w.onToken = (token: string) => calls.push(`callback ${token}`);
  w.onTurnstileLoad = () => calls.push('onload');
};

interface Opened {
  readonly page: Page;
  readonly problems: string[];
}

async function open(path: string, setup?: (page: Page) => Promise<void>): Promise<Opened> {
  const { page, problems } = await openPage(browser());
  await page.addInitScript(RECORDER);
  await setup?.(page);
  await page.goto(`${host.url}${path}`);
  return { page, problems };
}

/** Renders a widget into a container inside an open shadow root, recording every callback as text. */
function renderInShadowRoot(page: Page, options: Record<string, unknown>): Promise<string> {
  return page.evaluate((given) => {
    const w = window as unknown as { calls: string[]; turnstile: { render(el: Element, o: unknown): string } };
    const shadowHost = document.createElement('div');
    shadowHost.id = 'shadow-host';
    document.body.append(shadowHost);
    const container = document.createElement('div');
    shadowHost.attachShadow({ mode: 'open' }).append(container);
    const record = (name: string) => (value?: string) => {
      w.calls.push(value === undefined ? name : `${name} ${value}`);
      return true;
    };
    return w.turnstile.render(container, {
      ...given,
      callback: record('callback'),
      'error-callback': record('error-callback'),
      'expired-callback': record('expired-callback'),
      'before-interactive-callback': record('before-interactive-callback'),
      'after-interactive-callback': record('after-interactive-callback'),
    });
  }, options);
}

const calls = (page: Page) => page.evaluate(() => (window as unknown as { calls: string[] }).calls);
const tokensOf = async (page: Page) => (await calls(page)).filter((call) => call.startsWith('callback ')).map((call) => call.slice('callback '.length));
const frame = (page: Page): FrameLocator => page.frameLocator(FRAME);
/** Calls `window.turnstile[method](...args)` in the page. */
const api = (page: Page, method: string, ...args: unknown[]): Promise<unknown> =>
  page.evaluate(({ name, values }) => (window as any).turnstile[name](...values), { name: method, values: args });

async function violations(page: Page): Promise<string[]> {
  const all = await Promise.all(page.frames().map((f: Frame) => f.evaluate(() => (window as unknown as { violations?: string[] }).violations ?? [])));
  return all.flat();
}

async function expectClean({ page, problems }: Opened) {
  expect(await violations(page)).toEqual([]);
  expect(problems).toEqual([]);
}

async function siteverify(response: string): Promise<Record<string, unknown>> {
  const answer = await fetch(`${sim.url}/turnstile/v0/siteverify`, { method: 'POST', body: new URLSearchParams({ secret: SECRET, response }) });
  return (await answer.json()) as Record<string, unknown>;
}

const fault = (spec: Record<string, unknown>) =>
  fetch(`${sim.url}/__sim/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(spec) });

beforeAll(async () => {
  sim = await serveApp(createTurnstileSimulator({ widgets: loadWidgetFixtures({ DEMO_TURNSTILE_SECRET: SECRET }) }).fetch, 0);
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    if (path !== '/explicit' && path !== '/implicit') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp() }).end(pageHtml(path));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
});

afterAll(async () => {
  await new Promise<void>((resolve) => host.server.close(() => resolve()));
  await sim.close();
});

beforeEach(async () => {
  await fetch(`${sim.url}/__sim/reset`, { method: 'POST' });
});

describe('api.js in Chromium, on a page with a strict CSP', { timeout: 30_000 }, () => {
  it('renders into a shadow root, shows it is verifying, and calls back with a token siteverify accepts once', async () => {
    const opened = await open('/explicit');
    const { page } = opened;
    // Slow the challenge down enough to see it at work.
    await fault({ mode: 'hang', endpoint: 'token', delayMs: 600, count: 1 });
    const id = await renderInShadowRoot(page, { sitekey: DEMO, action: 'lead', cdata: 'form-1' });
    expect(id).toMatch(/^cf-chl-widget-/);
    await expect.poll(() => frame(page).getByText('Verifying…').isVisible()).toBe(true);
    await expect.poll(() => frame(page).getByText('Success!').isVisible(), { timeout: 5000 }).toBe(true);
    const [token] = await tokensOf(page);
    expect(token).toMatch(/^0\.[\w-]{600,}/);
    expect(await api(page, 'getResponse', id)).toBe(token);
    const field = await page.evaluate(() => {
      const input = document.querySelector('#shadow-host')?.shadowRoot?.querySelector<HTMLInputElement>('input[name="cf-turnstile-response"]');
      return input && `${input.type} ${input.value}`;
    });
    expect(field).toBe(`hidden ${token}`);
    expect(await siteverify(token!)).toMatchObject({ success: true, hostname: '127.0.0.1', action: 'lead', cdata: 'form-1' });
    expect(await siteverify(token!)).toMatchObject({ success: false, 'error-codes': ['timeout-or-duplicate'] });
    // render=explicit: the .cf-turnstile element on the page was left alone.
    expect(await page.locator('#decoy iframe').count()).toBe(0);
    await expectClean(opened);
  });

  it('asks for a click on the interactive test sitekey and calls back only after it', async () => {
    const opened = await open('/explicit');
    const { page } = opened;
    await renderInShadowRoot(page, { sitekey: '3x00000000000000000000FF' });
    const checkbox = frame(page).getByLabel('Verify you are human');
    await expect.poll(() => checkbox.isVisible()).toBe(true);
    await page.waitForTimeout(300);
    expect(await calls(page)).toEqual(['before-interactive-callback']);
    expect(await api(page, 'getResponse')).toBeUndefined();
    await checkbox.check();
    await expect.poll(() => tokensOf(page)).toEqual([DUMMY_TOKEN]);
    expect(await calls(page)).toEqual(['before-interactive-callback', 'after-interactive-callback', `callback ${DUMMY_TOKEN}`]);
    await expect.poll(() => frame(page).getByText('Success!').isVisible()).toBe(true);
    await expectClean(opened);
  });

  it('stays hidden with appearance interaction-only until the challenge needs the visitor', async () => {
    const opened = await open('/explicit');
    const { page } = opened;
    await renderInShadowRoot(page, { sitekey: DEMO, appearance: 'interaction-only' });
    await expect.poll(() => tokensOf(page)).toHaveLength(1);
    expect(await page.locator(FRAME).isVisible()).toBe(false);
    await fault({ mode: 'interactive', count: 1 });
    await api(page, 'reset');
    await expect.poll(() => frame(page).getByLabel('Verify you are human').isVisible()).toBe(true);
    await frame(page).getByLabel('Verify you are human').check();
    await expect.poll(() => tokensOf(page)).toHaveLength(2);
    const [, token] = await tokensOf(page);
    expect(await siteverify(token!)).toMatchObject({ success: true, metadata: { interactive: true } });
    await expectClean(opened);
  });

  it('reports 600010 for the failing test sitekey, shows the failure and retries every retry-interval until removed', async () => {
    const opened = await open('/explicit');
    const { page } = opened;
    await renderInShadowRoot(page, { sitekey: '2x00000000000000000000AB', 'retry-interval': 300 });
    await expect.poll(() => frame(page).getByText('Verification failed').isVisible()).toBe(true);
    await expect.poll(async () => (await calls(page)).length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    await api(page, 'remove');
    const seen = await calls(page);
    expect(new Set(seen)).toEqual(new Set(['error-callback 600010']));
    await page.waitForTimeout(500);
    expect(await calls(page)).toEqual(seen);
    await expectClean(opened);
  });

  it('reports 110100 for an unknown sitekey, once', async () => {
    const opened = await open('/explicit');
    const { page } = opened;
    await renderInShadowRoot(page, { sitekey: '0x4AAAAAAAUnknownKey', 'retry-interval': 100 });
    await expect.poll(() => calls(page)).toEqual(['error-callback 110100']);
    await page.waitForTimeout(400);
    expect(await calls(page)).toEqual(['error-callback 110100']);
    await expectClean(opened);
  });

  it('calls expired-callback after 300 seconds and fetches a new token by itself', async () => {
    const opened = await open('/explicit', (page) => page.clock.install());
    const { page } = opened;
    const id = await renderInShadowRoot(page, { sitekey: DEMO });
    await expect.poll(() => tokensOf(page)).toHaveLength(1);
    const [first] = await tokensOf(page);
    await page.clock.fastForward(299_000);
    expect(await api(page, 'isExpired', id)).toBe(false);
    await page.clock.fastForward(1_000);
    await expect.poll(() => tokensOf(page)).toHaveLength(2);
    const [, second] = await tokensOf(page);
    expect(await calls(page)).toEqual([`callback ${first}`, `expired-callback ${first}`, `callback ${second}`]);
    expect(second).not.toBe(first);
    expect(await api(page, 'getResponse', id)).toBe(second);
    expect(await siteverify(second!)).toMatchObject({ success: true });
    await expectClean(opened);
  });

  it('with refresh-expired manual, shows the expiry and refreshes on the visitor’s click', async () => {
    const opened = await open('/explicit', (page) => page.clock.install());
    const { page } = opened;
    const id = await renderInShadowRoot(page, { sitekey: DEMO, 'refresh-expired': 'manual' });
    await expect.poll(() => tokensOf(page)).toHaveLength(1);
    await page.clock.fastForward(300_000);
    await expect.poll(() => frame(page).getByText('Verification expired').isVisible()).toBe(true);
    expect(await api(page, 'isExpired', id)).toBe(true);
    expect(await api(page, 'getResponse', id)).toBeUndefined();
    await frame(page).getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => tokensOf(page)).toHaveLength(2);
    expect(await api(page, 'isExpired', id)).toBe(false);
    await expectClean(opened);
  });

  it('resets to a new token and removes the widget without a callback', async () => {
    const opened = await open('/explicit');
    const { page } = opened;
    const id = await renderInShadowRoot(page, { sitekey: DEMO });
    await expect.poll(() => tokensOf(page)).toHaveLength(1);
    await api(page, 'reset', id);
    await expect.poll(() => tokensOf(page)).toHaveLength(2);
    await api(page, 'remove', id);
    expect(await page.evaluate(() => document.querySelector('#shadow-host')!.shadowRoot!.firstElementChild!.childElementCount)).toBe(0);
    expect(await api(page, 'getResponse', id)).toBeUndefined();
    expect((await calls(page)).filter((call) => !call.startsWith('callback '))).toEqual([]);
    await expectClean(opened);
  });

  it('renders .cf-turnstile elements by itself, fills the form field and calls onload and data-callback', async () => {
    const opened = await open('/implicit');
    const { page } = opened;
    await expect.poll(() => calls(page)).toEqual(['onload', expect.stringMatching(/^callback 0\./)]);
    const [token] = await tokensOf(page);
    const field = await page.evaluate(() => new FormData(document.querySelector<HTMLFormElement>('#lead')!).get('cf-turnstile-response'));
    expect(field).toBe(token);
    expect(await siteverify(token!)).toMatchObject({ success: true, action: 'implicit' });
    await expectClean(opened);
  });
});
