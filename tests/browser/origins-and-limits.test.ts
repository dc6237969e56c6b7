import { beforeEach, describe, expect, inject, it } from 'vitest';
import { simulatorClient } from '../stack/simulator-client';
import { openPage, useChromium } from './chromium';
import { fillTrialForm, unique, watchSubmissions } from './submissions';

const sim = simulatorClient(inject('simulators')['perfectgym-next']);
const host = inject('hostUrl');
/** The same host pages on an origin no demo form lists: 127.0.0.1 instead of localhost. */
const foreignHost = host.replace('localhost', '127.0.0.1');
const TENANT = 'demo-gym';

const browser = useChromium();
beforeEach(async () => {
  await sim.reset();
});

const vendorPosts = async () => (await sim.requests(TENANT)).filter((r) => r.method === 'POST');

describe('allowed origins in the browser', () => {
  it('works in an iframe on an allowed origin, submitting from the embed page', async () => {
    const { page, problems } = await openPage(browser());
    await page.goto(`${host}/iframe-embed.html`);
    const frame = page.frameLocator('iframe');
    await fillTrialForm(frame, unique('iframe'));
    await frame.getByRole('button', { name: 'Probetraining anfragen' }).click();
    await expect.poll(() => frame.getByText('Danke! Wir melden uns innerhalb eines Werktags bei dir.').isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });

  it('refuses to be framed by any other origin', async () => {
    const { page } = await openPage(browser());
    const embeds: number[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/embed/')) embeds.push(r.status());
    });
    await page.goto(`${foreignHost}/iframe-embed.html`);
    await expect.poll(() => embeds).toEqual([403]);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    expect(await frame?.locator('input').count()).toBe(0);
  });

  it('does not show the script embed on another origin, and nothing is sent from there', async () => {
    const { page } = await openPage(browser());
    const posts = watchSubmissions(page);
    await page.goto(`${foreignHost}/script-embed.html`);
    await expect.poll(() => page.getByText('Dieses Formular konnte nicht geladen werden.').isVisible()).toBe(true);
    expect(posts).toEqual([]);
    expect(await vendorPosts()).toEqual([]);
  });
});

describe('rate limits in the browser', () => {
  it('tells the visitor plainly to wait, and keeps what they typed', async () => {
    const { page } = await openPage(browser());
    // test-rate-limited allows two submissions a minute per visitor.
    const statuses: number[] = [];
    page.on('response', (r) => {
      if (r.request().method() === 'POST' && r.url().endsWith('/leads')) statuses.push(r.status());
    });
    for (let attempt = 1; attempt <= 3; attempt++) {
      await page.goto(`${host}/rate-limited.html`);
      await fillTrialForm(page, unique(`rate${attempt}`), 'en', 'Rapid');
      await page.getByRole('button', { name: 'Send' }).click();
      await expect.poll(() => statuses.length).toBe(attempt);
    }
    expect(statuses.slice(0, 2).every((s) => s < 300)).toBe(true);
    expect(statuses[2]).toBe(429);
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Too many requests were sent from your connection just now.');
    expect(await alert.textContent()).toMatch(/Please wait about \d+ seconds before trying again\./);
    expect(await page.getByLabel(/^Last name/).inputValue()).toBe('Rapid');
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(1);
  });
});
