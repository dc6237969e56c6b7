import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { simulatorClient } from '../stack/simulator-client';
import { openPage, useChromium } from './chromium';

const pgm = simulatorClient(inject('simulators')['perfectgym-classic']);
const worker = inject('workerUrl');
const SUB = 'ironharbor';
const browser = useChromium();

beforeEach(async () => {
  await pgm.reset();
});

const visible = (page: Page, words: string) => expect.poll(() => page.getByText(words, { exact: true }).isVisible()).toBe(true);
const control = (page: Page, label: RegExp) => page.getByLabel(label).and(page.locator('input:not([type=checkbox]), select, textarea'));
const addLeads = async () => (await pgm.requests(SUB)).filter((r) => r.endpoint === 'add-lead');

async function fill(page: Page, email: string, phone: string) {
  await control(page, /^First name/).fill('Lena');
  await control(page, /^Last name/).fill('Koch');
  await control(page, /^Email/).fill(email);
  await control(page, /^Phone/).fill(phone);
  await page.getByLabel(/privacy policy/).check();
}

describe('the demo page for PerfectGym Classic', () => {
  it('adds the lead to PGM with the club, the form’s defaults and both checkboxes as agreements', async () => {
    const { page, problems } = await openPage(browser());
    await page.goto(`${worker}/perfectgym-classic.html?utm_campaign=spring`);
    const email = `lena.${Date.now()}@example.com`;
    await fill(page, email, '+44 20 7946 0958');
    await page.getByLabel(/send me news and offers/).check();
    await page.getByRole('button', { name: 'Start my trial week' }).click();
    await visible(page, 'Thank you!');
    const requests = await pgm.requests(SUB);
    expect(requests.map((r) => r.endpoint)).toEqual(['members', 'add-lead']);
    // The documented (community) AddLead body, nothing more: no note, no attribution.
    expect(requests[1]?.body).toEqual({
      firstName: 'Lena',
      lastName: 'Koch',
      email,
      phone: '+442079460958',
      clubId: 1,
      sourceId: 12,
      campaignId: 145,
      inquiredViaId: 81,
      agreements: [
        { id: 2, hasAgreed: true },
        { id: 5, hasAgreed: true },
      ],
    });
    expect(await pgm.leads(SUB)).toEqual([expect.objectContaining({ email, leadId: expect.any(Number) })]);
    expect(problems).toEqual([]);
  });

  it('shows PGM’s refusal of a phone number without its country code on the phone field, then sends the corrected one', async () => {
    const { page } = await openPage(browser());
    await page.goto(`${worker}/perfectgym-classic.html`);
    const email = `lena.${Date.now()}@example.com`;
    await fill(page, email, '020 7946 0958');
    await page.getByRole('button', { name: 'Start my trial week' }).click();
    const phone = control(page, /^Phone/);
    await expect.poll(() => phone.getAttribute('aria-invalid')).toBe('true');
    expect(await pgm.leads(SUB)).toEqual([]);

    await phone.fill('+44 20 7946 0958');
    await page.getByRole('button', { name: 'Start my trial week' }).click();
    await visible(page, 'Thank you!');
    const [added] = (await addLeads()).filter((r) => r.status === 200);
    expect(added?.body).toMatchObject({
      email,
      phone: '+442079460958',
      agreements: [
        { id: 2, hasAgreed: true },
        { id: 5, hasAgreed: false },
      ],
    });
  });

  it('still sends a member’s enquiry as a lead', async () => {
    const { page } = await openPage(browser());
    await page.goto(`${worker}/perfectgym-classic.html`);
    await fill(page, 'bestand@example.de', '+49 40 5550 1000');
    await page.getByRole('button', { name: 'Start my trial week' }).click();
    await visible(page, 'Thank you!');
    expect((await addLeads()).map((r) => [r.status, (r.body as { email?: string }).email])).toEqual([[200, 'bestand@example.de']]);
  });
});
