import { describe, expect, inject, it } from 'vitest';
import { openPage, useChromium } from './chromium';

const host = inject('hostUrl');
const worker = inject('workerUrl');
const browser = useChromium();

const IMG = '<img src=x onerror="window.__leadgatePwned=1">';

/** Every element in the forms' shadow roots that could run code or load something. */
function dangerousNodes(): string[] {
  const roots = [...document.querySelectorAll('leadgate-form, #leadgate-form')].map((host) => host.shadowRoot);
  if (roots.length === 0 || roots.some((root) => !root)) return ['no shadow root'];
  const found: string[] = [];
  for (const el of roots.flatMap((root) => [...root!.querySelectorAll('*')])) {
    if (['IMG', 'IFRAME', 'SCRIPT', 'OBJECT', 'EMBED'].includes(el.tagName)) found.push(el.tagName);
    for (const attr of el.getAttributeNames()) if (/^on/i.test(attr)) found.push(`${el.tagName}[${attr}]`);
  }
  return found;
}

describe("a vendor's labels and options", () => {
  it('are shown as text, never as markup, in the script embed', async () => {
    const { page, problems } = await openPage(browser());
    await page.goto(`${host}/hostile-labels.html`);
    await page.getByLabel(IMG, { exact: true }).waitFor();
    expect(await page.locator('label').getByText(IMG, { exact: true }).count()).toBe(1);
    const select = page.getByLabel(/^<b>Bold<\/b> & <script>/);
    expect(await select.locator('option').allTextContents()).toEqual(expect.arrayContaining([IMG, '<svg onload="window.__leadgatePwned=3">', 'Plain choice']));
    expect(await page.getByText('"><iframe src=javascript:window.__leadgatePwned=4>').count()).toBe(1);
    // Magicline Connect: studio names in the picker, a message category's name in the consent matrix.
    const studio = page.getByLabel(/^Studio/).and(page.locator('select'));
    expect(await studio.locator('option').allTextContents()).toEqual(
      expect.arrayContaining(['<img src=x onerror="window.__leadgatePwned=5"> (Hamburg)', 'Studio <b>Nord</b> & "Süd" (Hamburg)']),
    );
    await page.getByRole('group', { name: '<svg onload="window.__leadgatePwned=6">News</svg>' }).waitFor();
    await page.waitForTimeout(300); // an onerror would have fired by now
    expect(await page.evaluate(() => (window as unknown as { __leadgatePwned?: number }).__leadgatePwned)).toBeUndefined();
    expect(await page.evaluate(dangerousNodes)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('are shown as text in the iframe embed too', async () => {
    const { page } = await openPage(browser());
    await page.goto(`${worker}/embed/test-hostile-labels`);
    await page.getByLabel(IMG, { exact: true }).waitFor();
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __leadgatePwned?: number }).__leadgatePwned)).toBeUndefined();
    expect(await page.evaluate(dangerousNodes)).toEqual([]);
  });
});
