import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { createdLeadEmails, simulatorClient } from '../stack/simulator-client';
import { openPage, useChromium } from './chromium';
import { fillTrialForm, unique, watchSubmissions } from './submissions';

const sim = simulatorClient(inject('simulators')['perfectgym-next']);
const host = inject('hostUrl');
const TENANT = 'demo-gym';
const LEADS = '**/v1/forms/demo-perfectgym/leads';
const OUTBOX = 'leadgate:outbox:demo-perfectgym';

const browser = useChromium();
beforeEach(async () => {
  await sim.reset();
});

async function fillAndSend(page: Page, email: string) {
  await fillTrialForm(page, email);
  await page.getByRole('button', { name: 'Probetraining anfragen' }).click();
}

const created = () => createdLeadEmails(sim, TENANT);

const saved = (page: Page) => page.getByRole('heading', { name: 'Auf diesem Gerät gespeichert, noch nicht gesendet' });
const thanks = (page: Page) => page.getByText('Danke! Wir melden uns innerhalb eines Werktags bei dir.');

describe('the widget outbox', () => {
  it('keeps the lead on the device when the Worker cannot be reached, says so, and sends it with the same key', async () => {
    const { page } = await openPage(browser());
    const keys = watchSubmissions(page);
    await page.goto(`${host}/script-embed.html`);
    await page.route(LEADS, (route) => route.abort('internetdisconnected'));
    const email = unique('offline');
    await fillAndSend(page, email);
    await expect.poll(() => saved(page).isVisible()).toBe(true);
    expect(await page.evaluate((key) => localStorage.getItem(key), OUTBOX)).toContain(email);
    expect(await created()).toEqual([]);

    await page.unroute(LEADS);
    await page.getByRole('button', { name: 'Jetzt senden' }).click();
    await expect.poll(() => thanks(page).isVisible()).toBe(true);
    expect(await created()).toEqual([email]);
    expect(keys.length).toBe(2);
    expect(keys[1]).toBe(keys[0]);
    expect(await page.evaluate((key) => localStorage.getItem(key), OUTBOX)).toBeNull();
  });

  it('sends a kept lead on the next page load and tells the visitor', async () => {
    const { page } = await openPage(browser());
    const keys = watchSubmissions(page);
    await page.goto(`${host}/script-embed.html`);
    await page.route(LEADS, (route) => route.abort('internetdisconnected'));
    const email = unique('reload');
    await fillAndSend(page, email);
    await expect.poll(() => saved(page).isVisible()).toBe(true);

    await page.unroute(LEADS);
    await page.reload();
    await expect.poll(() => page.getByText('Deine frühere Anfrage wurde jetzt gesendet.').isVisible()).toBe(true);
    expect(await created()).toEqual([email]);
    expect(new Set(keys).size).toBe(1);
    expect(await page.evaluate((key) => localStorage.getItem(key), OUTBOX)).toBeNull();
  });

  it('makes one lead when the vendor accepted but the answer was lost on the way back', async () => {
    const { page } = await openPage(browser());
    const keys = watchSubmissions(page);
    await page.goto(`${host}/script-embed.html`);
    let lost = false;
    await page.route(LEADS, async (route) => {
      if (lost) return route.continue();
      lost = true;
      await route.fetch(); // the Worker delivers the lead...
      await route.abort('connectionreset'); // ...and its answer never arrives
    });
    const email = unique('lost-answer');
    await fillAndSend(page, email);
    await expect.poll(() => saved(page).isVisible()).toBe(true);
    expect(await created()).toEqual([email]);

    // The connection comes back; the widget sends again by itself.
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(() => thanks(page).isVisible()).toBe(true);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(await created()).toEqual([email]);
  });
});
