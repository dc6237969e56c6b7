import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { readDevVars } from '../../scripts/dev-vars';
import { accessSimulatorClient } from '../simulators/access/access-client';
import { postDemoLead } from '../stack/post-demo-lead';
import { simulatorClient } from '../stack/simulator-client';
import { webhookReceiverClient } from '../stack/webhook-receiver-client';
import { openPage, useChromium } from './chromium';
import { unique } from './submissions';

const worker = inject('workerUrl');
const sim = simulatorClient(inject('simulators')['perfectgym-next']);
const receiver = webhookReceiverClient(inject('simulators')['webhook-receiver']);
const browser = useChromium();
const FORM = 'demo-perfectgym';
const shots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

beforeEach(async () => {
  await sim.reset();
});

/** axe's violations on the whole page, as "rule: target" lines, so a failure names them. */
async function violations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${JSON.stringify(n.target)} ${n.failureSummary?.split('\n')[1] ?? ''}`));
}

/**
 * What went wrong in the page, but the console's first probe: it asks `/v1/admin/session` without a
 * token (Cloudflare Access would sign that request), and Chromium logs the 401 of a tokenless probe.
 */
const unexpected = (problems: string[]) => problems.filter((p) => !p.includes('status of 401'));

/** The console, signed in with the Worker's admin token typed into the sign-in page. */
async function signIn(token = readDevVars().LEADGATE_ADMIN_TOKEN!) {
  const { page, problems } = await openPage(browser());
  await page.goto(`${worker}/admin/`);
  await page.getByLabel('Admin token or scoped token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Forms', level: 1 }).waitFor();
  return { page, problems };
}

/** A lead of the demo form that the vendor refuses without naming a field: held, for an operator to fix and replay. */
async function heldLead(): Promise<{ key: string; email: string }> {
  const key = `console-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const email = unique('console');
  await sim.fault({ tenant: 'demo-gym', endpoint: 'validate', mode: 'fail', status: 503, count: 1 });
  await sim.fault({ tenant: 'demo-gym', endpoint: 'validate', mode: 'fail', status: 400, count: 1 });
  expect((await postDemoLead(worker, email, key)).status).toBe(202);
  const token = readDevVars().LEADGATE_ADMIN_TOKEN!;
  await expect
    .poll(
      async () => {
        const response = await fetch(`${worker}/v1/admin/forms/${FORM}/deliveries/${key}`, { headers: { Authorization: `Bearer ${token}` } });
        return ((await response.json()) as { delivery?: { status: string } }).delivery?.status;
      },
      { timeout: 20_000 },
    )
    .toBe('held');
  return { key, email };
}

describe('the operator console at /admin', () => {
  mkdirSync(shots, { recursive: true });

  it('is served with a strict policy of its own, never framed by another site and never cached', async () => {
    const response = await fetch(`${worker}/admin/`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toContain('unsafe-inline');
    // One policy: the demo pages' (frame-ancestors 'none', Turnstile's script) is detached here.
    expect(csp).not.toContain("frame-ancestors 'none'");
    expect(response.headers.get('cache-control')).toBe('no-store');
    // `/admin` itself leads there.
    const bare = await fetch(`${worker}/admin`, { redirect: 'manual' });
    expect([bare.status, new URL(bare.headers.get('location') ?? '', worker).pathname]).toEqual([307, '/admin/']);
  });

  it('refuses a wrong token on the sign-in page and says why', async () => {
    const { page } = await openPage(browser());
    await page.goto(`${worker}/admin/`);
    await page.getByLabel('Admin token or scoped token').fill('not-the-admin-token-at-all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('ADMIN_UNAUTHORIZED');
    expect(await violations(page)).toEqual([]);
    await page.screenshot({ path: `${shots}console-sign-in.png` });
  });

  it('signs in with the admin token and lists the forms with counts and a status light in words', async () => {
    await heldLead();
    const { page, problems } = await signIn();
    const row = page.getByRole('row', { name: new RegExp(`^${FORM} `) });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toMatch(/perfectgym-next/);
    // The light is a word and a reason, not a colour alone.
    await expect.poll(() => row.textContent()).toMatch(/(Attention|Failing|OK|Idle)/);
    expect(await row.textContent()).toMatch(/waiting for an operator|dead letter|being retried|delivered/);
    expect(await violations(page)).toEqual([]);
    await page.screenshot({ path: `${shots}console-forms.png` });
    // The token stays in this tab: a reload keeps the session, and it is in sessionStorage, never localStorage.
    await page.reload();
    await page.getByRole('heading', { name: 'Forms', level: 1 }).waitFor();
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    expect(unexpected(problems)).toEqual([]);
  });

  it("shows a form's chart with its table, the deliveries with error codes, and replays a held lead", async () => {
    const { key } = await heldLead();
    const { page, problems } = await signIn();
    await page.getByRole('link', { name: FORM, exact: true }).click();
    await page.getByRole('heading', { name: `Form ${FORM}` }).waitFor();
    const chart = page.getByRole('img', { name: /Leads per day by outcome/ });
    await chart.waitFor();
    expect(await chart.locator('rect.bar-held').count()).toBeGreaterThan(0);
    await page.locator('table.deliveries tbody tr').first().waitFor();
    await page.screenshot({ path: `${shots}console-form.png`, fullPage: true });
    await page.getByText('The chart as a table').click();
    const today = new Date().toISOString().slice(0, 10);
    await expect.poll(() => page.getByRole('row', { name: new RegExp(`^${today}`) }).textContent()).toMatch(/\d/);

    // Filter by status and time: today's held leads.
    await page.getByLabel('Status').selectOption('held');
    await page.getByLabel('From (UTC day)').fill(today);
    await page.getByLabel('To (UTC day)').fill(today);
    await page.getByRole('button', { name: 'Filter' }).click();
    const row = page.getByRole('row', { name: new RegExp(key) });
    await row.waitFor();
    expect(await row.textContent()).toContain('MALFORMED_REQUEST');
    expect(await row.textContent()).toContain('vendor_rejected');
    expect(await violations(page)).toEqual([]);

    await row.getByRole('button', { name: key }).click();
    const details = page.getByRole('region', { name: `Submission ${key}` });
    await details.getByText('firstName').waitFor();
    expect(await violations(page)).toEqual([]);
    await details.screenshot({ path: `${shots}console-lead.png` });
    await details.getByRole('button', { name: 'Replay' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain(`Replayed ${key}`);
    await expect.poll(async () => (await sim.leads('demo-gym')).length, { timeout: 20_000 }).toBe(1);
    expect(unexpected(problems)).toEqual([]);
  });

  it('replays all dead letters, exports and erases by e-mail', async () => {
    const { key, email } = await heldLead();
    const { page, problems } = await signIn();
    await page.goto(`${worker}/admin/#/forms/${FORM}`);
    await page.getByRole('button', { name: 'Replay all dead letters' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain(key);
    await expect.poll(async () => JSON.stringify(await sim.leads('demo-gym')), { timeout: 20_000 }).toContain(email);

    await page.getByLabel('E-mail address of the person').fill(email);
    await page.getByRole('button', { name: 'Export' }).click();
    await expect.poll(() => page.locator('pre.export').textContent()).toContain(key);
    await page.getByRole('button', { name: 'Erase', exact: true }).click();
    await page.getByRole('button', { name: 'Erase every submission of this address for good' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Erased 1 submissions');
    const token = readDevVars().LEADGATE_ADMIN_TOKEN!;
    expect((await fetch(`${worker}/v1/admin/forms/${FORM}/deliveries/${key}`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(404);
    expect(await violations(page)).toEqual([]);
    expect(unexpected(problems)).toEqual([]);
  });

  it("gives the embed code with copy buttons, and sends a signed test alert to the form's webhook", async () => {
    const { page } = await signIn();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: worker });
    await page.goto(`${worker}/admin/#/forms/${FORM}`);
    const script = page.getByLabel('Script tag');
    await script.waitFor();
    expect(await script.inputValue()).toBe(`<script async src="${worker}/widget.js" data-leadgate-form="${FORM}"></script>`);
    expect(await page.getByLabel('Iframe tag').inputValue()).toContain(`src="${worker}/embed/${FORM}"`);
    expect(await page.getByLabel('CSP lines').inputValue()).toContain(`connect-src ${worker}`);
    await page.getByRole('button', { name: 'Copy the script tag' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('data-leadgate-form');
    // test-alerts (tests/test-forms.json) sends its alerts to the local receiver at /test-alerts.
    await receiver.reset();
    await page.goto(`${worker}/admin/#/forms/test-alerts`);
    await page.getByRole('button', { name: 'Send test event' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/Test event evt_[0-9a-f]{32} queued/);
    const eventId = /evt_[0-9a-f]{32}/.exec((await page.getByRole('status').first().textContent()) ?? '')![0];
    await expect
      .poll(async () => (await receiver.calls('/test-alerts')).map((call) => call.headers['leadgate-event-id']), { timeout: 15_000 })
      .toContain(eventId);
  });

  it('shows a scoped token only its forms', async () => {
    const token = readDevVars().LEADGATE_ADMIN_TOKEN!;
    const created = await fetch(`${worker}/v1/admin/tokens`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ forms: ['demo-crm'], label: 'console-test' }),
    });
    const { token: scoped } = (await created.json()) as { token: string };
    const { page } = await signIn(scoped);
    await page.getByRole('link', { name: 'demo-crm' }).waitFor();
    expect(await page.locator('table.forms tbody tr').count()).toBe(1);
    expect(await page.locator('.who').textContent()).toContain('scoped token');
  });

  it('edits a form with a live preview of the real widget, publishes it, and the demo page shows the change', async () => {
    const token = readDevVars().LEADGATE_ADMIN_TOKEN!;
    const configUrl = `${worker}/v1/admin/forms/${FORM}/config`;
    const before = (await (await fetch(configUrl, { headers: { Authorization: `Bearer ${token}` } })).json()) as { version: number; config: unknown };
    const help = `Console help ${Date.now()}`;
    const { page, problems } = await signIn();
    try {
      await page.goto(`${worker}/admin/#/forms/${FORM}/edit`);
      await page.getByRole('heading', { name: `Edit form ${FORM}` }).waitFor();
      const preview = page.frameLocator('iframe[title="Preview of the form with this draft"]');
      await preview.locator('#preview[data-rendered]').waitFor();
      await page.getByLabel('Help for note').fill(help);
      // The preview is the widget itself, rendered from the Worker's spec of the draft.
      await expect.poll(() => preview.locator('#preview').getByText(help).count(), { timeout: 10_000 }).toBe(1);
      expect(await violations(page)).toEqual([]);
      await page.screenshot({ path: `${shots}console-editor.png`, fullPage: true });
      expect(unexpected(problems)).toEqual([]);

      // A bad origin is refused with the path that is wrong, and nothing changes.
      await page.getByLabel(/Allowed origins/).fill('not an origin');
      await page.getByRole('button', { name: 'Publish' }).click();
      await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('allowedOrigins');
      // The refused preview and publish are the page's only failed loads (Chromium logs each 422).
      problems.splice(0, problems.length, ...problems.filter((p) => !p.includes('status of 422')));
      await page.getByLabel(/Allowed origins/).fill((before.config as { allowedOrigins: string[] }).allowedOrigins.join('\n'));

      await page.getByLabel('What changed').fill('help text from the console test');
      await page.getByRole('button', { name: 'Publish' }).click();
      await expect.poll(() => page.getByRole('status').last().textContent()).toMatch(/Published version \d+/);

      // The demo page (German) shows the new help text: the publish purged the cached spec.
      const demo = await openPage(browser());
      await demo.page.goto(`${worker}/`);
      await expect.poll(() => demo.page.locator('leadgate-form').getByText(help).count(), { timeout: 15_000 }).toBe(1);
      expect(unexpected(problems)).toEqual([]);
    } finally {
      // Put the form back as it was, for every later test of the demo form.
      const current = (await (await fetch(configUrl, { headers: { Authorization: `Bearer ${token}` } })).json()) as { version: number };
      if (current.version !== before.version) {
        const restored = await fetch(configUrl, {
          method: 'PUT',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ baseVersion: current.version, config: before.config, note: 'console test: restored' }),
        });
        expect(restored.status).toBe(200);
      }
    }
  });

  it('refuses a publish based on an older version with 409 and says so', async () => {
    const token = readDevVars().LEADGATE_ADMIN_TOKEN!;
    const configUrl = `${worker}/v1/admin/forms/${FORM}/config`;
    const put = (baseVersion: number, config: unknown, note: string) =>
      fetch(configUrl, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ baseVersion, config, note }),
      });
    const before = (await (await fetch(configUrl, { headers: { Authorization: `Bearer ${token}` } })).json()) as { version: number; config: { id: string } };
    const { page } = await signIn();
    await page.goto(`${worker}/admin/#/forms/${FORM}/edit`);
    await page.getByLabel('Help for note').waitFor();
    // Someone else publishes a change meanwhile: the console's base version is now old.
    const other = await put(before.version, { ...before.config, cacheTtlSeconds: 301 }, 'console test: a concurrent publish');
    expect(other.status).toBe(200);
    try {
      await page.getByLabel('Help for note').fill('A change made on the old version');
      await page.getByRole('button', { name: 'Publish' }).click();
      await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Someone else published version');
      expect(await violations(page)).toEqual([]);
    } finally {
      const { version } = (await other.json()) as { version: number };
      expect((await put(version, before.config, 'console test: restored')).status).toBe(200);
    }
  });

  it('opens without a token behind Cloudflare Access: the assertion Cloudflare adds signs the session in', async () => {
    const { token } = await accessSimulatorClient(inject('simulators').access).token();
    const { page, problems } = await openPage(browser());
    // As Cloudflare's edge adds it to every request of a signed-in browser.
    await page.setExtraHTTPHeaders({ 'Cf-Access-Jwt-Assertion': token });
    await page.goto(`${worker}/admin/`);
    await page.getByRole('heading', { name: 'Forms', level: 1 }).waitFor();
    expect(await page.locator('.who').textContent()).toContain('Cloudflare Access');
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(problems).toEqual([]);
  });
});
