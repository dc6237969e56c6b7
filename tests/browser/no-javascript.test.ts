import { beforeEach, describe, expect, inject, it } from 'vitest';
import { simulatorClient } from '../stack/simulator-client';
import { useChromium } from './chromium';
import { fillTrialForm, unique } from './submissions';

const sim = simulatorClient(inject('simulators')['perfectgym-next']);
const worker = inject('workerUrl');
const TENANT = 'demo-gym';
const browser = useChromium();
beforeEach(async () => {
  await sim.reset();
});

const creates = async () => (await sim.requests(TENANT)).filter((r) => r.path === `/${TENANT}/v1/leads/create`);

async function pageWithoutJavaScript() {
  const context = await browser().newContext({ javaScriptEnabled: false, locale: 'de-DE' });
  return context.newPage();
}

describe('the form without JavaScript (the embed page’s server-rendered form, posted)', () => {
  it('sends the lead through the same ledger and delivery, and answers with a thank-you page in the form’s language', async () => {
    const page = await pageWithoutJavaScript();
    await page.goto(`${worker}/embed/demo-perfectgym?locale=de`);
    const email = unique('nojs');
    await fillTrialForm(page, email);
    await page.waitForTimeout(3_100); // the form's minimum fill time, counted from its form token
    await page.getByRole('button', { name: 'Probetraining anfragen' }).click();
    await page.getByText('Danke! Wir melden uns innerhalb eines Werktags bei dir.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/v1/forms/demo-perfectgym/form-post');
    const [create] = await creates();
    expect(create?.body).toMatchObject({ leadCustomer: { firstname: 'Erika', lastname: 'Musterfrau', email, language: { languageCode: 'de' } } });
    await page.context().close();
  });

  it('answers a reload of the thank-you page (the same post again) with the same page, and makes no second lead', async () => {
    const page = await pageWithoutJavaScript();
    await page.goto(`${worker}/embed/demo-perfectgym?locale=de`);
    await fillTrialForm(page, unique('reload'));
    await page.waitForTimeout(3_100);
    await page.getByRole('button', { name: 'Probetraining anfragen' }).click();
    const thanks = page.getByText('Danke! Wir melden uns innerhalb eines Werktags bei dir.');
    await thanks.waitFor();
    const reposted = page.waitForRequest((request) => request.method() === 'POST' && request.url().includes('/form-post'));
    await page.reload();
    await reposted;
    await thanks.waitFor();
    expect(await creates()).toHaveLength(1);
    await page.context().close();
  });

  it('answers an invalid email with the form again: the error beside the field, everything typed still there', async () => {
    const page = await pageWithoutJavaScript();
    await page.goto(`${worker}/embed/demo-perfectgym?locale=de`);
    await fillTrialForm(page, 'erika-at-example');
    await page.waitForTimeout(3_100);
    await page.getByRole('button', { name: 'Probetraining anfragen' }).click();
    await page.getByText('Bitte gib eine gültige E-Mail-Adresse ein, z. B. name@beispiel.de.').first().waitFor();
    const email = page.getByRole('textbox', { name: /^E-Mail/ });
    expect(await email.inputValue()).toBe('erika-at-example');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('textbox', { name: /^Vorname/ }).inputValue()).toBe('Erika');
    expect(
      await page
        .getByLabel(/Datenschutzerklärung/)
        .first()
        .isChecked(),
    ).toBe(true);
    expect(await creates()).toEqual([]);
    await page.context().close();
  });
});
