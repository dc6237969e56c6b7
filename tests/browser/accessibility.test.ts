import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { simulatorClient } from '../stack/simulator-client';
import { openPage, useChromium } from './chromium';
import { DEMO_FORMS } from './demo-forms';
import { unique } from './submissions';

const sim = simulatorClient(inject('simulators')['perfectgym-next']);
const worker = inject('workerUrl');
const host = inject('hostUrl');
const browser = useChromium();

beforeEach(async () => {
  await sim.reset();
});

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe's violations inside `include` (the form), as "rule: target" lines, so a failure names them. */
async function violations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(WCAG_22_AA);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${JSON.stringify(n.target)} ${n.failureSummary?.split('\n')[1] ?? ''}`));
}

/** Presses the submit button with nothing filled in, so every error is on screen too. */
async function showErrors(page: Page | import('playwright-core').FrameLocator) {
  await page.locator('button[type=submit]').click();
  await page.locator('.summary').waitFor();
}

describe('WCAG 2.2 AA (axe) on every demo form', () => {
  for (const form of DEMO_FORMS) {
    it(`${form.id}: no violations in the script embed, empty and with every error shown`, async () => {
      const { page } = await openPage(browser());
      await page.goto(`${worker}${form.page}`);
      await page.locator(form.host).locator('button[type=submit]').waitFor();
      expect(await violations(page, form.host)).toEqual([]);
      await showErrors(page.locator(form.host) as never);
      expect(await violations(page, form.host)).toEqual([]);
    });

    it(`${form.id}: no violations in the iframe embed, empty and with every error shown`, async () => {
      const { page } = await openPage(browser());
      await page.goto(`${worker}/embed/${form.id}`);
      await page.locator('button[type=submit]').waitFor();
      expect(await violations(page)).toEqual([]);
      await showErrors(page as never);
      expect(await violations(page)).toEqual([]);
    });
  }

  it('has no violations in the dark theme either', async () => {
    const { page } = await openPage(browser());
    await page.goto(`${host}/theming.html`);
    await page.locator('.dark-slot leadgate-form').locator('button[type=submit]').waitFor();
    expect(await violations(page, '.dark-slot leadgate-form')).toEqual([]);
    await showErrors(page.locator('.dark-slot leadgate-form') as never);
    expect(await violations(page, '.dark-slot leadgate-form')).toEqual([]);
  });
});

/** The focused element, looking into shadow roots: its label or role, and whether its focus shows. */
function focused(): { name: string; tag: string; type: string; visible: boolean } | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  if (!el || el === document.body) return null;
  const root = el.getRootNode() as Document | ShadowRoot;
  const labelled = el.id ? root.querySelector(`label[for="${el.id}"]`)?.textContent : null;
  const name = (el.getAttribute('aria-label') ?? labelled ?? el.closest('label')?.textContent ?? el.textContent ?? '').trim();
  const style = getComputedStyle(el);
  const visible = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
  return { name, tag: el.tagName, type: (el as HTMLInputElement).type ?? '', visible };
}

describe('the form by keyboard alone', () => {
  it('is filled in and sent with Tab, typing, Space and Enter, and every focus stop shows where it is', async () => {
    const { page } = await openPage(browser());
    await page.goto(`${host}/script-embed.html`);
    await page.getByLabel(/^Vorname/).waitFor();
    const email = unique('keyboard');
    const answers: [RegExp, string][] = [
      [/^Vorname/, 'Erika'],
      [/^Nachname/, 'Musterfrau'],
      [/^E-Mail/, email],
      [/^Telefon/, '+49 40 1234567'],
    ];
    const stops: string[] = [];
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const now = await page.evaluate(focused);
      if (!now) continue;
      stops.push(now.name);
      expect(now.visible, `focus on "${now.name}" must be visible`).toBe(true);
      const answer = answers.find(([label]) => label.test(now.name));
      if (answer) await page.keyboard.type(answer[1]);
      // The health question: a radio group; arrow keys move between its answers, Space picks one.
      if (now.type === 'radio' && /^Ja|^Nein/.test(now.name)) {
        if (now.name.startsWith('Ja')) await page.keyboard.press('ArrowRight');
        await page.keyboard.press('Space');
      }
      if (now.type === 'checkbox' && /Datenschutzerklärung/.test(now.name)) await page.keyboard.press('Space');
      if (now.tag === 'BUTTON' && /Probetraining anfragen/.test(now.name)) {
        await page.keyboard.press('Enter');
        break;
      }
    }
    expect(stops).toEqual(expect.arrayContaining([expect.stringMatching(/^Vorname/), expect.stringMatching(/Probetraining anfragen/)]));
    await expect.poll(() => page.getByText('Danke! Wir melden uns innerhalb eines Werktags bei dir.').isVisible()).toBe(true);
  });

  it('announces problems in a live region, moves focus to the summary, and marks required fields in text', async () => {
    const { page } = await openPage(browser());
    await page.goto(`${host}/script-embed.html`);
    await page.getByRole('button', { name: 'Probetraining anfragen' }).click();
    const live = page.locator('leadgate-form').locator('[aria-live]');
    await expect.poll(() => live.textContent()).toContain('Bitte prüfe deine Angaben');
    // Required is said in words (an asterisk plus the note, and "(Pflichtfeld)" for screen readers), not by colour alone.
    expect(await page.getByText('Mit * markierte Felder sind Pflichtfelder.').count()).toBe(1);
    expect(await page.getByRole('textbox', { name: /Vorname/ }).getAttribute('aria-required')).toBe('true');
  });
});
