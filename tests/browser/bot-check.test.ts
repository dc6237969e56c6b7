import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { demoLead, postFormLead } from '../stack/post-demo-lead';
import { simulatorClient } from '../stack/simulator-client';
import { openPage, useChromium } from './chromium';
import { fillTrialForm, unique } from './submissions';

const sim = simulatorClient(inject('simulators')['perfectgym-next']);
const host = inject('hostUrl');
const TENANT = 'demo-gym';

const browser = useChromium();
beforeEach(async () => {
  await sim.reset();
});

describe('the bot check in the widget', () => {
  it('holds a quick submit until the minimum fill time has passed, then sends it with the form token', async () => {
    const { page } = await openPage(browser());
    let postedAt = 0;
    let body: { proof?: { formToken?: string; trap?: string } } = {};
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/leads')) {
        postedAt = Date.now();
        body = r.postDataJSON() as typeof body;
      }
    });
    const loadedAt = Date.now();
    await page.goto(`${host}/script-embed.html`);
    await page.getByLabel(/^Vorname/).waitFor();
    await fillTrialForm(page, unique('quick'));
    await page.getByRole('button', { name: 'Probetraining anfragen' }).click();
    await expect.poll(() => page.getByText('Danke! Wir melden uns innerhalb eines Werktags bei dir.').isVisible()).toBe(true);
    expect(postedAt - loadedAt).toBeGreaterThanOrEqual(3000);
    expect(body.proof?.formToken).toMatch(/^v1\./);
    expect(body.proof?.trap).toBeUndefined();
  });

  it('hides the trap field from people: off screen, out of the tab order, not announced', async () => {
    const { page } = await openPage(browser());
    await page.goto(`${host}/script-embed.html`);
    const trap = page.locator('leadgate-form').locator('input[name="website"]');
    await trap.waitFor({ state: 'attached' });
    expect(await trap.getAttribute('tabindex')).toBe('-1');
    expect(await trap.getAttribute('autocomplete')).toBe('off');
    const box = await trap.boundingBox();
    expect(box === null || box.x + box.width <= 0).toBe(true);
    expect(await trap.evaluate((el) => el.closest('[aria-hidden="true"]') !== null)).toBe(true);
  });

  it('refuses what a script filled into every field, says why, and never tells the vendor', async () => {
    const { page } = await openPage(browser());
    await page.goto(`${host}/script-embed.html`);
    await page.getByLabel(/^Vorname/).waitFor();
    await fillTrialForm(page, unique('bot'));
    await page.locator('leadgate-form').locator('input[name="website"]').fill('https://cheap-pills.example', { force: true });
    await page.getByRole('button', { name: 'Probetraining anfragen' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Deine Anfrage wirkte automatisiert');
    expect((await sim.requests(TENANT)).filter((r) => r.method === 'POST')).toEqual([]);
  });
});

describe('Turnstile in the widget (the demo CRM form)', () => {
  const turnstile = simulatorClient(inject('simulators').turnstile);
  const crm = simulatorClient(inject('simulators')['intercode-crm']);
  const worker = inject('workerUrl');
  const challengeFrame = (page: Page) => page.frameLocator('iframe[title="Widget containing a Cloudflare security challenge"]');

  beforeEach(async () => {
    await turnstile.reset();
    await crm.reset();
  });

  async function fillCrm(page: Page) {
    await page.getByLabel(/^First name/).fill('Tara');
    await page.getByLabel(/^Last name/).fill('Turnstile');
    await page.getByLabel(/^Email/).fill(unique('tara'));
    await page.getByLabel(/^Phone/).fill('+49 40 555123');
    await page.getByLabel(/privacy policy/).check();
  }

  it('shows the challenge, sends its token, and the Worker verifies it before the CRM sees the lead', async () => {
    const { page, problems } = await openPage(browser());
    await page.goto(`${worker}/crm.html`);
    await fillCrm(page);
    await challengeFrame(page).getByText('Success!').waitFor();
    await page.getByRole('button', { name: 'Call me back' }).click();
    await expect.poll(() => page.getByText('Thank you!', { exact: true }).isVisible()).toBe(true);
    const verified = (await turnstile.requests()).filter((r) => r.endpoint === 'siteverify');
    expect(verified.map((r) => (r.body as { response?: string }).response?.length ?? 0).every((n) => n > 20)).toBe(true);
    expect(verified).toHaveLength(1);
    expect(problems).toEqual([]);
  });

  it('waits for the visitor to tick the box when Turnstile asks for it', async () => {
    await turnstile.fault({ endpoint: 'token', mode: 'interactive', count: 1 });
    const { page } = await openPage(browser());
    await page.goto(`${worker}/crm.html`);
    await fillCrm(page);
    await page.getByRole('button', { name: 'Call me back' }).click();
    await challengeFrame(page).getByLabel('Verify you are human').check();
    await expect.poll(() => page.getByText('Thank you!', { exact: true }).isVisible()).toBe(true);
  });

  it('says plainly when the check cannot be confirmed, and sends nothing to the CRM', async () => {
    await turnstile.fault({ endpoint: 'siteverify', mode: 'fail', status: 500 });
    const { page } = await openPage(browser());
    await page.goto(`${worker}/crm.html`);
    await fillCrm(page);
    await page.getByRole('button', { name: 'Call me back' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain("The security check can't be confirmed right now.");
    expect((await crm.requests()).filter((r) => r.method === 'POST')).toEqual([]);
    // Once Turnstile answers again, the same press sends it.
    await turnstile.clearFaults();
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => page.getByText('Thank you!', { exact: true }).isVisible()).toBe(true);
  });
});

describe('Turnstile under load in the widget', () => {
  const turnstileUrl = inject('simulators').turnstile;
  const worker = inject('workerUrl');
  const challengeFrame = (page: Page) => page.frameLocator('iframe[title="Widget containing a Cloudflare security challenge"]');

  it('loads no Turnstile until the form is busy; then a refused send shows the challenge and the retry goes through', async () => {
    const { page, problems } = await openPage(browser());
    const turnstileLoads: string[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith(turnstileUrl)) turnstileLoads.push(r.url());
    });
    // test-turnstile-under-load (tests/test-forms.json) asks for Turnstile once it took 3 leads within a minute.
    await page.goto(`${host}/turnstile-under-load.html`);
    await fillTrialForm(page, unique('busy'), 'en', 'Busy');
    expect(turnstileLoads).toEqual([]);
    for (let i = 0; i < 3; i++) {
      expect((await postFormLead(worker, 'test-turnstile-under-load', demoLead(unique(`rush${i}`)), crypto.randomUUID())).status).toBe(201);
    }

    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain("The security check didn't work out.");
    await challengeFrame(page).getByText('Success!').waitFor();
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => page.getByText('Thank you!', { exact: true }).isVisible()).toBe(true);
    expect(problems.filter((p) => !p.includes('403'))).toEqual([]);
  });
});
