import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { simulatorClient } from '../stack/simulator-client';
import { openPage, useChromium } from './chromium';
import { unique, watchSubmissions } from './submissions';

const sim = simulatorClient(inject('simulators')['perfectgym-next']);
const worker = inject('workerUrl');
const host = inject('hostUrl');
const TENANT = 'demo-gym';

const browser = useChromium();
beforeEach(async () => {
  await sim.reset();
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A form control by its visible label; required ones also say so in hidden text. */
const field = (page: Page, label: string) =>
  page
    .getByLabel(new RegExp(`^${escapeRegExp(label)}( \\((Pflichtfeld|required)\\))?$`))
    .and(page.locator('input:not([type=checkbox]):not([type=radio]), select, textarea'));

async function fillRequired(page: Page, email: string) {
  await field(page, 'Vorname').fill('Erika');
  await field(page, 'Nachname').fill('Musterfrau');
  await field(page, 'E-Mail').fill(email);
  await field(page, 'Telefon').fill('+49 40 1234567');
  await page
    .getByRole('group', { name: /Do you have health issues/ })
    .getByLabel('Nein')
    .check();
  await page.getByLabel(/Datenschutzerklärung/).check();
}

const creates = async () => (await sim.requests(TENANT)).filter((r) => r.path === `/${TENANT}/v1/leads/create`);

describe('the demo gym page (PerfectGym Next)', () => {
  it('fills every field type and the lead reaches PerfectGym in its documented shape', async () => {
    const { page, problems } = await openPage(browser());
    await page.goto(`${worker}/`);
    const email = unique('erika');
    await fillRequired(page, email);
    await field(page, 'Geschlecht').selectOption('female');
    await field(page, 'Geburtsdatum').fill('1991-07-14');
    await field(page, 'Straße').fill('Kaistraße');
    await field(page, 'Hausnr.').fill('12a');
    await field(page, 'PLZ').fill('20457');
    await field(page, 'Ort').fill('Hamburg');
    await field(page, 'Land').selectOption('DE');
    await field(page, 'How did you hear about us?').fill('  Instagram ');
    await field(page, 'How many times a week do you want to train?').fill('3');
    await field(page, 'When would you like to start?').fill('2030-01-15');
    await field(page, 'Which studio area interests you most?').selectOption('Courses');
    const courses = page.getByRole('group', { name: 'Which courses interest you?' });
    await courses.getByLabel('Yoga').check();
    await courses.getByLabel('Pilates').check();
    await field(page, 'Möchtest du uns noch etwas sagen?').fill('Rückenprobleme, lieber morgens.');
    await page.getByRole('group', { name: 'Newsletter' }).getByLabel('E-Mail').check();
    await page.getByRole('group', { name: 'Allgemeine Neuigkeiten' }).getByLabel('Telefon').check();
    await page.getByRole('button', { name: 'Probetraining anfragen' }).click();

    await expect.poll(() => page.getByText('Danke! Wir melden uns innerhalb eines Werktags bei dir.').isVisible()).toBe(true);
    const [create] = await creates();
    expect(create?.body).toEqual({
      leadCustomer: {
        thirdPartyId: expect.stringMatching(/^[\w-]{8,}$/),
        firstname: 'Erika',
        lastname: 'Musterfrau',
        email,
        telephone: '+49 40 1234567',
        gender: 'FEMALE',
        dateOfBirth: '1991-07-14',
        language: { languageCode: 'de' },
      },
      address: { street: 'Kaistraße', houseNumber: '12a', zipCode: '20457', city: 'Hamburg', countryCode: 'DE' },
      communicationPreferences: [
        {
          messageCategory: 'NEWSLETTER',
          channels: [
            { communicationChannel: 'EMAIL', customerOverridable: true, active: true },
            { communicationChannel: 'TEXT_MESSAGE', customerOverridable: true, active: false },
          ],
        },
        {
          messageCategory: 'GENERAL',
          channels: [
            { communicationChannel: 'EMAIL', customerOverridable: false, active: true },
            { communicationChannel: 'PHONE', customerOverridable: true, active: true },
          ],
        },
      ],
      additionalInformation: [
        { additionalFieldId: 1246357240, value: 'Instagram' },
        { additionalFieldId: 1246357241, value: '3' },
        { additionalFieldId: 1246357242, value: '2030-01-15' },
        { additionalFieldId: 1246357243, value: 'false' },
        { additionalFieldId: 1246357244, value: 'Courses' },
        { additionalFieldId: 1246357245, values: ['Yoga', 'Pilates'] },
      ],
      // The visitor's message first, then where the lead came from (the demo page itself, here).
      notes: `Rückenprobleme, lieber morgens.\n\n— Leadgate attribution —\nLanding page: ${worker}/`,
    });
    expect(problems).toEqual([]);
  });
});

describe('the script embed on a gym’s own origin', () => {
  it('renders exactly the studio’s fields in an open shadow root where the tag stands', async () => {
    const { page, problems } = await openPage(browser());
    await page.goto(`${host}/script-embed.html`);
    await field(page, 'Vorname').waitFor();
    const placement = await page.evaluate(() => {
      const script = document.querySelector('script[data-leadgate-form]')!;
      const next = script.nextElementSibling!;
      return { tag: next.tagName.toLowerCase(), open: next.shadowRoot !== null, footerAfter: next.nextElementSibling?.tagName };
    });
    expect(placement).toEqual({ tag: 'leadgate-form', open: true, footerAfter: 'FOOTER' });
    for (const label of ['Nachname', 'Geschlecht', 'Geburtsdatum', 'Straße', 'Hausnr.', 'PLZ', 'Ort', 'Land', 'When would you like to start?']) {
      await expect.poll(() => field(page, label).count(), { message: label }).toBe(1);
    }
    expect(await page.getByText('Fax number of your employer').count()).toBe(0); // INACTIVE in the studio config
    expect(await field(page, 'Telefon').getAttribute('autocomplete')).toBe('tel');
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('shows every error beside its field, focuses the first and sends nothing', async () => {
    const { page } = await openPage(browser());
    await page.goto(`${host}/script-embed.html`);
    await field(page, 'E-Mail').fill('erika@');
    await field(page, 'Straße').fill('Kaistraße');
    await field(page, 'Geburtsdatum').fill('2999-01-01');
    await field(page, 'How many times a week do you want to train?').fill('2,5');
    await field(page, 'How did you hear about us?').fill('x'.repeat(501));
    await page.getByRole('button', { name: 'Probetraining anfragen' }).click();

    const firstName = field(page, 'Vorname');
    await expect.poll(() => firstName.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    expect(await firstName.getAttribute('aria-invalid')).toBe('true');
    const describedBy = async (label: string) => {
      const input = field(page, label);
      return input.evaluate((el) => {
        const root = el.getRootNode() as ShadowRoot;
        return (el.getAttribute('aria-describedby') ?? '')
          .split(' ')
          .map((id) => root.getElementById(id)?.textContent ?? '')
          .join(' ');
      });
    };
    expect(await describedBy('Vorname')).toContain('Bitte fülle dieses Feld aus.');
    expect(await describedBy('E-Mail')).toContain('Bitte gib eine gültige E-Mail-Adresse ein');
    expect(await describedBy('PLZ')).toContain('Bitte fülle dieses Feld aus.'); // the address was begun
    expect(await describedBy('Geburtsdatum')).toContain('Bitte gib ein Datum in der Vergangenheit ein.');
    expect(await describedBy('How many times a week do you want to train?')).toContain('Bitte gib eine ganze Zahl ein');
    expect(await describedBy('How did you hear about us?')).toContain('Bitte verwende höchstens 500 Zeichen.');
    const summary = page.locator('[aria-live]');
    await expect.poll(() => summary.textContent()).toContain('Bitte prüfe deine Angaben');
    expect(await page.getByText(/Datenschutzerklärung/).count()).toBeGreaterThan(0);
    expect((await sim.requests(TENANT)).filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('shows the duplicate outcome kindly and creates no second lead', async () => {
    const { page } = await openPage(browser());
    await page.goto(`${host}/script-embed.html`);
    await fillRequired(page, 'taken@example.com');
    await page.getByRole('button', { name: 'Probetraining anfragen' }).click();
    await expect.poll(() => page.getByText('Schön, wieder von dir zu hören!').isVisible()).toBe(true);
    expect(await creates()).toEqual([]);
  });

  it('tells the visitor the lead is accepted while the vendor is down, and it reaches the vendor once it is back', async () => {
    const { page } = await openPage(browser());
    await page.goto(`${host}/script-embed.html`);
    const email = unique('queued');
    await fillRequired(page, email);
    await sim.fault({ tenant: TENANT, endpoint: 'validate', mode: 'down' });
    await page.getByRole('button', { name: 'Probetraining anfragen' }).click();
    await expect.poll(() => page.getByText('Wir haben deine Daten erhalten und leiten sie in Kürze an das Studio weiter.').isVisible()).toBe(true);
    expect(await creates()).toEqual([]);

    await sim.clearFaults();
    await expect
      .poll(async () => (await creates()).map((r) => (r.body as { leadCustomer: { email: string } }).leadCustomer.email), { timeout: 15_000 })
      .toEqual([email]);
  });

  it('sends a submit in flight only once, however often it is clicked', async () => {
    const { page } = await openPage(browser());
    const keys = watchSubmissions(page);
    await page.goto(`${host}/script-embed.html`);
    await fillRequired(page, unique('twice'));
    await sim.fault({ tenant: TENANT, endpoint: 'validate', mode: 'hang', delayMs: 1500 });
    await page.getByRole('button', { name: 'Probetraining anfragen' }).click();
    const button = page.locator('button[type=submit]'); // its text now says it is sending
    expect(await button.isDisabled()).toBe(true);
    // Past the disabled button: Enter in a field and scripted submits must not send again either.
    await field(page, 'Vorname').press('Enter');
    await button.evaluate((el) => {
      const form = el.closest('form')!;
      form.requestSubmit();
      form.requestSubmit();
    });
    await expect.poll(() => page.getByText('Danke!', { exact: true }).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(keys).toHaveLength(1);
    expect(await creates()).toHaveLength(1);
  });
});

describe('data-target, data-locale and a second vendor', () => {
  it('mounts into the named element in the chosen language and delivers to Magicline’s Open API', async () => {
    const { page, problems } = await openPage(browser());
    await page.goto(`${host}/target-embed.html`);
    await field(page, 'First name').fill('Ana');
    expect(await page.evaluate(() => document.getElementById('trial-form')?.shadowRoot !== null)).toBe(true);
    await field(page, 'Last name').fill('García');
    await field(page, 'Email').fill(unique('ana'));
    const question = page.locator('select[name^="custom."]');
    await question.selectOption({ index: 1 });
    await page.getByLabel(/privacy policy/).check();
    await page.getByLabel(/send me news and offers/).check();
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByText('Thank you!').isVisible()).toBe(true);
    const create = (await sim.requests('ml-demo')).find((r) => r.path === '/ml-demo/v1/leads/create');
    expect(create?.body).toMatchObject({
      leadCustomer: { firstname: 'Ana', lastname: 'García', language: { languageCode: 'en' } },
      communicationPreferences: [{ messageCategory: 'NEWSLETTER', channels: [{ communicationChannel: 'EMAIL', active: true }] }],
    });
    expect(problems).toEqual([]);
  });

  it('says plainly when a form cannot be loaded and leaves the host page alone', async () => {
    const { page } = await openPage(browser());
    await page.goto(`${host}/unknown-form.html`);
    await expect.poll(() => page.getByText('This form could not be loaded.').isVisible()).toBe(true);
    expect(await page.locator('#after').textContent()).toBe('The rest of the page still works.');
  });
});
