import type { Page } from 'playwright-core';
import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { connectControl, crmControl } from '../stack/simulator-client';
import { openPage, useChromium } from './chromium';

const connect = connectControl(inject('simulators')['magicline-connect']);
const crm = crmControl(inject('simulators')['intercode-crm']);
const worker = inject('workerUrl');
const browser = useChromium();

beforeEach(async () => {
  await connect.reset();
  await crm.reset();
});
afterAll(async () => {
  expect(await connect.specViolations()).toEqual([]);
});

const visible = (page: Page, words: string) => expect.poll(() => page.getByText(words, { exact: true }).isVisible()).toBe(true);
const control = (page: Page, label: RegExp) => page.getByLabel(label).and(page.locator('input:not([type=checkbox]), select, textarea'));

describe('the demo page for Magicline Connect', () => {
  it('lets the visitor pick a studio and sends the page’s campaign with the lead', async () => {
    const { page, problems } = await openPage(browser());
    await page.goto(`${worker}/magicline-connect.html?utm_campaign=ig-trial-week`);
    await control(page, /^Studio/).selectOption('1229489601');
    await control(page, /^Vorname/).fill('Jonas');
    await control(page, /^Nachname/).fill('Becker');
    await control(page, /^E-Mail/).fill(`jonas.${Date.now()}@example.com`);
    await control(page, /^Geburtsdatum/).fill('1990-01-02');
    await page.getByLabel(/Datenschutzerklärung/).check();
    await page.getByRole('group', { name: 'Newsletter' }).getByRole('checkbox').first().check();
    await page.getByRole('button', { name: 'Anfrage senden' }).click();
    await visible(page, 'Danke!');
    const [lead] = (await connect.requests('connectdemo')).filter((r) => r.method === 'POST');
    expect(lead?.body).toMatchObject({ studioId: 1229489601, firstname: 'Jonas', locale: 'de_DE', sourceCampaignId: 3102 });
    expect(problems).toEqual([]);
  });
});

describe('the demo page for the self-hosted CRM', () => {
  it('creates the lead and adds the visitor’s message as a comment', async () => {
    const { page, problems } = await openPage(browser());
    await page.goto(`${worker}/crm.html?utm_source=newsletter`);
    await control(page, /^First name/).fill('Lena');
    await control(page, /^Last name/).fill('Koch');
    const email = `lena.${Date.now()}@example.com`;
    await control(page, /^Email/).fill(email);
    // The CRM requires a phone number on every lead.
    await control(page, /^Phone/).fill('+49 40 555123');
    await control(page, /^Message/).fill('Please call after 6pm');
    await page.getByLabel(/privacy policy/).check();
    await page.getByRole('button', { name: 'Call me back' }).click();
    await visible(page, 'Thank you!');
    const lead = (await crm.instanceLeads('gym-crm')).find((l) => l.email === email) as
      | { source: string; description: string; comments: { content: string }[] }
      | undefined;
    expect(lead?.source).toBe('newsletter');
    // Workers static assets serve crm.html as /crm.
    expect(lead?.description).toContain(`Landing page: ${worker}/crm?utm_source=newsletter`);
    expect(lead?.comments.map((c) => c.content)).toEqual(['Please call after 6pm']);
    expect(problems).toEqual([]);
  });
});
