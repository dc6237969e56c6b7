import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { createdLeadEmails, simulatorClient } from '../stack/simulator-client';
import { openPage, useChromium } from './chromium';
import { fillTrialForm, unique, watchSubmissions } from './submissions';

const sim = simulatorClient(inject('simulators')['perfectgym-next']);
const host = inject('hostUrl');
const TENANT = 'demo-gym';
const LEADS = '**/v1/forms/demo-perfectgym/leads';
const OUTBOX = 'leadgate:outbox:demo-perfectgym:';

/** The page's outbox entries of the form, by storage key. */
const outbox = (page: Page) => page.evaluate((prefix) => Object.fromEntries(Object.entries(localStorage).filter(([key]) => key.startsWith(prefix))), OUTBOX);
/** Everything the page's storage holds, as the host page's own scripts could read it. */
const allStorage = (page: Page) => page.evaluate(() => Object.values(localStorage).join('\n'));

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
    // Kept under its key, sealed for the Worker: the host page's scripts cannot read the lead.
    expect(Object.keys(await outbox(page))).toEqual([`${OUTBOX}${keys[0]}`]);
    expect(await allStorage(page)).not.toContain(email);
    expect(await allStorage(page)).not.toContain('Musterfrau');
    expect(await created()).toEqual([]);

    await page.unroute(LEADS);
    await page.getByRole('button', { name: 'Jetzt senden' }).click();
    await expect.poll(() => thanks(page).isVisible()).toBe(true);
    expect(await created()).toEqual([email]);
    expect(keys.length).toBe(2);
    expect(keys[1]).toBe(keys[0]);
    expect(await outbox(page)).toEqual({});
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
    expect(await outbox(page)).toEqual({});
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

  it('keeps two entries for two failures, sends both once the network is back, and each only once', async () => {
    const { page } = await openPage(browser());
    const keys = watchSubmissions(page);
    await page.goto(`${host}/script-embed.html`);
    await page.route(LEADS, (route) => route.abort('internetdisconnected'));
    const first = unique('first');
    await fillAndSend(page, first);
    await expect.poll(() => saved(page).isVisible()).toBe(true);
    // The visitor comes back while still offline and sends another request: the first is not replaced.
    await page.reload();
    const second = unique('second');
    await fillAndSend(page, second);
    await expect.poll(() => saved(page).isVisible()).toBe(true);
    expect(Object.keys(await outbox(page))).toHaveLength(2);
    expect(await allStorage(page)).not.toContain(first);
    expect(await allStorage(page)).not.toContain(second);

    await page.unroute(LEADS);
    await page.reload();
    await expect.poll(() => page.getByText('Deine frühere Anfrage wurde jetzt gesendet.').isVisible()).toBe(true);
    expect((await created()).sort()).toEqual([first, second].sort());
    expect(new Set(keys).size).toBe(2);
    expect(await outbox(page)).toEqual({});
  });

  it('deletes an entry past its age when any Leadgate form loads, whatever form it was for', async () => {
    const { page } = await openPage(browser());
    await page.goto(`${host}/script-embed.html`);
    const old = Date.now() - 8 * 24 * 60 * 60 * 1000;
    await page.evaluate((savedAt) => {
      localStorage.setItem('leadgate:outbox:some-other-form:old-key-0001', JSON.stringify({ v: 2, savedAt, sealed: 'lgo1.o1.a.b.c' }));
      localStorage.setItem('leadgate:outbox:some-other-form:new-key-0001', JSON.stringify({ v: 2, savedAt: Date.now(), sealed: 'lgo1.o1.a.b.c' }));
    }, old);
    await page.reload();
    await expect
      .poll(() => page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('leadgate:outbox:'))))
      .toEqual(['leadgate:outbox:some-other-form:new-key-0001']);
  });
});
