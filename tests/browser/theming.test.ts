import type { Locator } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { openPage, useChromium } from './chromium';

const host = inject('hostUrl');
const worker = inject('workerUrl');
const browser = useChromium();

/** Computed styles of the form's parts, read inside its shadow root. */
function styles(form: Locator) {
  return form.evaluate((el) => {
    const root = el.shadowRoot!;
    const get = (selector: string) => getComputedStyle(root.querySelector(selector)!);
    return {
      surface: get('.lg').backgroundColor,
      text: get('.lg').color,
      font: get('.lg').fontFamily,
      button: get('.button').backgroundColor,
      radius: get('.control').borderTopLeftRadius,
      gap: get('.lg form').rowGap,
    };
  });
}

describe('theming', () => {
  it('takes accent, radius, spacing, the host’s font and a dark theme from the tag’s data attributes', async () => {
    const { page } = await openPage(browser());
    await page.goto(`${host}/theming.html`);
    const form = page.locator('.dark-slot leadgate-form');
    await form.locator('button[type=submit]').waitFor();
    // Polled: a form's theme is applied as it mounts. (The dark slot's script tag is not async: an
    // async loader can run before the page's stylesheet applies and take the browser's default font.)
    await expect
      .poll(() => styles(form), { timeout: 5000 })
      .toEqual({
        surface: 'rgb(22, 27, 36)',
        text: 'rgb(233, 237, 244)',
        font: 'Georgia, "Times New Roman", serif',
        button: 'rgb(245, 158, 11)',
        radius: '2px',
        gap: '12px',
      });
  });

  it('takes custom properties from the host page’s own stylesheet, and is light by default', async () => {
    const { page } = await openPage(browser());
    await page.goto(`${host}/theming.html`);
    const form = page.locator('.css-slot leadgate-form');
    await form.locator('button[type=submit]').waitFor();
    await expect
      .poll(() => styles(form), { timeout: 5000 })
      .toMatchObject({ surface: 'rgb(255, 255, 255)', button: 'rgb(15, 118, 110)', radius: '18px', gap: '20px' });
    await expect.poll(async () => (await styles(form)).font, { timeout: 5000 }).toContain('system-ui');
  });

  it('follows the visitor’s system with data-theme="auto"', async () => {
    const { page } = await openPage(browser());
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${host}/theming.html`);
    const form = page.locator('.css-slot leadgate-form');
    await form.locator('button[type=submit]').waitFor();
    await form.evaluate((el) => el.setAttribute('data-leadgate-theme', 'auto'));
    expect((await styles(form)).surface).toBe('rgb(22, 27, 36)');
    await page.emulateMedia({ colorScheme: 'light' });
    expect((await styles(form)).surface).toBe('rgb(255, 255, 255)');
  });

  it('paints the iframe page in the theme its URL asks for before any script of ours runs', async () => {
    const { page } = await openPage(browser());
    // No loader, so no app and no applyTheme: what shows is the page's HTML and its inline stylesheet alone.
    await page.route(/\/widget\.js$/, (route) => route.abort());
    const blocked = page.waitForEvent('requestfailed', (request) => request.url().endsWith('/widget.js'));
    await page.goto(`${worker}/embed/demo-perfectgym?locale=de&accent=%23f59e0b&radius=2px&spacing=12px&theme=dark`);
    await blocked;
    const form = page.locator('#leadgate-form');
    await form.locator('button[type=submit]').waitFor();
    expect(await styles(form)).toMatchObject({ surface: 'rgb(22, 27, 36)', button: 'rgb(245, 158, 11)', radius: '2px', gap: '12px' });
  });
});
