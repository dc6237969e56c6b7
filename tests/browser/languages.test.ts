import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { LOCALES } from '../../shared/locales';
import { CATALOG } from '../../widget/i18n/catalog';
import { openPage, useChromium } from './chromium';

const host = inject('hostUrl');
const browser = useChromium();

/** The language chunks a page asked for. */
function watchLocaleChunks(page: Page): string[] {
  const chunks: string[] = [];
  page.on('request', (r) => {
    const match = /\/widget\/[\w-]+\/locale-(\w+)\.js$/.exec(r.url());
    if (match) chunks.push(match[1]!);
  });
  return chunks;
}

async function expectLanguage(page: Page, locale: (typeof LOCALES)[number]) {
  const texts = CATALOG[locale];
  const form = page.locator('leadgate-form');
  await form.getByText(texts['form.requiredNote']).waitFor();
  expect(await form.locator('.lg').getAttribute('lang')).toBe(locale);
}

describe('the widget’s languages', () => {
  for (const locale of LOCALES) {
    it(`speaks ${locale} when the tag says data-locale="${locale}": labels, buttons and every error`, async () => {
      const { page, problems } = await openPage(browser());
      const chunks = watchLocaleChunks(page);
      await page.goto(`${host}/locale.html?locale=${locale}`);
      await expectLanguage(page, locale);
      const texts = CATALOG[locale];
      await page.locator('leadgate-form').getByRole('button', { name: texts['form.submit'] }).click();
      const summary = page.locator('leadgate-form').locator('.summary');
      await expect.poll(() => summary.textContent()).toContain(texts['summary.title']);
      expect(await summary.textContent()).toContain(texts['error.required']);
      expect(await page.locator('leadgate-form').getByText(texts['field.firstName'], { exact: false }).count()).toBeGreaterThan(0);
      // One language's texts were fetched, not eight.
      expect(chunks).toEqual([locale]);
      expect(problems).toEqual([]);
    });
  }

  it('falls back to the page’s lang when the tag names no language', async () => {
    const { page } = await openPage(browser());
    await page.goto(`${host}/locale.html?lang=nl-BE`);
    await expectLanguage(page, 'nl');
  });

  it('falls back to the browser’s language when neither tag nor page names one', async () => {
    const { page } = await openPage(browser(), { locale: 'tr-TR' });
    await page.goto(`${host}/locale.html`);
    await expectLanguage(page, 'tr');
  });

  it('falls back to the form’s own language when the visitor’s is not one it speaks', async () => {
    const { page } = await openPage(browser(), { locale: 'ja-JP' });
    const chunks = watchLocaleChunks(page);
    await page.goto(`${host}/locale.html?form=demo-perfectgym`);
    await expectLanguage(page, 'de');
    expect(chunks).toEqual(['de']);
  });
});
