import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { virtuagymControl } from '../stack/simulator-client';
import { openPage, useChromium } from './chromium';

const vg = virtuagymControl(inject('simulators').virtuagym);
const host = inject('hostUrl');
const CLUB = 41234;

const browser = useChromium();
beforeEach(async () => {
  await vg.reset();
});

const text = (page: Page, words: string) => page.getByText(words, { exact: true });
const visible = (page: Page, words: string) => expect.poll(() => text(page, words).isVisible()).toBe(true);

async function fillNames(page: Page) {
  await page.getByLabel(/^First name/).fill('Mia');
  await page.getByLabel(/^Last name/).fill('Jansen');
  await page.getByLabel(/privacy policy/).check();
}

describe('the demo-virtuagym form', () => {
  it('asks for an email address or a phone number as one rule, and sends a phone number alone', async () => {
    const { page, problems } = await openPage(browser());
    await page.goto(`${host}/virtuagym-embed.html`);
    await fillNames(page);
    const contact = page.getByRole('group', { name: 'How can we reach you?' });
    await expect.poll(() => contact.getByText('An email address or a phone number is enough.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Get my free week' }).click();
    await expect.poll(() => contact.getByText('Please give an email address or a phone number.').isVisible()).toBe(true);
    expect(await contact.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    expect(await vg.requests()).toEqual([]);

    await contact.getByLabel('Phone').fill('+31 6 12345678');
    await page.getByRole('button', { name: 'Get my free week' }).click();
    await visible(page, 'Thank you!');
    const [lead] = await vg.clubLeads(CLUB);
    expect(lead).toMatchObject({ firstname: 'Mia', lastname: 'Jansen', phone: '+31 6 12345678', email: '', status_id: '1', source_id: '2' });
    expect(problems).toEqual([]);
  });

  it('updates the same lead with the second step’s answers, authorised by a profile key the host page never sees', async () => {
    const { page, problems } = await openPage(browser());
    // What the page's own scripts (and its tag manager) get: the success event's detail and the data layer.
    await page.addInitScript(() => {
      const w = window as unknown as { dataLayer: unknown[]; details: unknown[] };
      w.dataLayer = [];
      w.details = [];
      document.addEventListener('leadgate:success', (e) => w.details.push((e as CustomEvent).detail));
    });
    await page.goto(`${host}/virtuagym-embed.html`);
    await fillNames(page);
    await page.getByLabel(/^Email/).fill(`mia.${Date.now()}@example.com`);
    const leadAnswer = page.waitForResponse((r) => r.url().endsWith('/leads') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Get my free week' }).click();
    const { profileKey, submissionId } = (await (await leadAnswer).json()) as { profileKey: string; submissionId: string };
    expect(profileKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await visible(page, 'Tell us a bit more (optional)');
    const hostSees = await page.evaluate(() => {
      const w = window as unknown as { dataLayer: unknown[]; details: unknown[] };
      const stored = Object.keys(localStorage).map((key) => [key, localStorage.getItem(key)]);
      return JSON.stringify({ details: w.details, layer: w.dataLayer, stored });
    });
    expect(hostSees).toContain(submissionId);
    expect(hostSees).not.toContain(profileKey);
    await page.getByLabel('What is your main goal?').selectOption('build-muscle');
    const times = page.getByRole('group', { name: 'When do you prefer to train?' });
    await times.getByLabel('Evenings').check();
    await times.getByLabel('Weekends').check();
    await page.getByLabel('Date of birth').fill('1994-05-06');
    await page.getByLabel('Gender').selectOption('female');
    const step = page.waitForRequest((r) => r.url().endsWith(`/leads/${submissionId}/profile`));
    await page.getByRole('button', { name: 'Add these details' }).click();
    await visible(page, 'Thanks, your coach will be prepared.');
    expect((await step).postDataJSON()).toMatchObject({ profileKey, proof: { formToken: expect.any(String) } });

    const leads = await vg.clubLeads(CLUB);
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({
      firstname: 'Mia',
      birthday: '1994-05-06',
      gender: 'f',
      note: `What is your main goal?: Build muscle\nWhen do you prefer to train?: Evenings, Weekends\n\n— Leadgate attribution —\nLanding page: ${host}/virtuagym-embed.html`,
    });
    // A token the simulator's reset revoked is refused with 401 first; only answered calls count.
    const answered = (await vg.requests()).filter((r) => (r.endpoint === 'create' || r.endpoint === 'update') && r.status === 200);
    expect(answered.map((r) => r.method)).toEqual(['POST', 'PUT']);
    expect(problems).toEqual([]);
  });

  it('ends politely on "No thanks" and sends nothing more', async () => {
    const { page } = await openPage(browser());
    await page.goto(`${host}/virtuagym-embed.html`);
    await fillNames(page);
    await page.getByLabel(/^Email/).fill(`mia.${Date.now()}@example.com`);
    await page.getByRole('button', { name: 'Get my free week' }).click();
    await page.getByRole('button', { name: 'No thanks' }).click();
    await visible(page, 'No problem. See you soon!');
    expect((await vg.requests()).some((r) => r.method === 'PUT')).toBe(false);
  });
});
