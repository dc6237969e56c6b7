import { beforeEach, describe, expect, inject, it } from 'vitest';
import { simulatorClient } from '../stack/simulator-client';
import { openPage, useChromium } from './chromium';
import { fillTrialForm, unique } from './submissions';

const sim = simulatorClient(inject('simulators')['perfectgym-next']);
const host = inject('hostUrl');
const browser = useChromium();

beforeEach(async () => {
  await sim.reset();
});

/** What the host page owns, as the test reads it before and after the form is there. */
function hostState() {
  const w = window as unknown as { Leadgate: unknown; preact: unknown; h: () => string };
  const css = (id: string, prop: string) => getComputedStyle(document.getElementById(id)!).getPropertyValue(prop);
  return {
    Leadgate: JSON.stringify(w.Leadgate),
    preact: w.preact,
    h: typeof w.h === 'function' ? w.h() : String(w.h),
    sheets: document.styleSheets.length,
    adopted: document.adoptedStyleSheets.length,
    headChildren: document.head.children.length,
    htmlFontSize: getComputedStyle(document.documentElement).fontSize,
    hostInput: css('host-input', 'display'),
    hostButton: css('host-button', 'display'),
    hostText: `${css('host-text', 'font-family')} ${css('host-text', 'color')}`,
  };
}

describe('a host page with hostile styles and globals of the same names', () => {
  it('still shows a readable form that sends, and leaves the page’s styles and globals as they were', async () => {
    const { page, problems } = await openPage(browser());
    await page.goto(`${host}/hostile-host.html`);
    const before = await page.evaluate(hostState);
    expect(before).toMatchObject({ Leadgate: '{"mine":true}', h: 'the host page’s h', hostInput: 'none', htmlFontSize: '48px' });

    const firstName = page.getByLabel(/^Vorname/);
    await firstName.waitFor();
    // Readable: the widget's own sizes, not the page's 48px root or 3rem labels.
    expect(await firstName.evaluate((el) => getComputedStyle(el).display)).not.toBe('none');
    expect(await firstName.evaluate((el) => getComputedStyle(el).fontSize)).toBe('16px');
    const label = page.locator('leadgate-form').locator('label').first();
    expect(Number.parseFloat(await label.evaluate((el) => getComputedStyle(el).fontSize))).toBeLessThan(20);
    expect((await firstName.boundingBox())!.height).toBeGreaterThanOrEqual(44);

    await fillTrialForm(page, unique('hostile'));
    await page.getByRole('button', { name: 'Probetraining anfragen' }).click();
    await expect.poll(() => page.getByText('Danke! Wir melden uns innerhalb eines Werktags bei dir.').isVisible()).toBe(true);

    expect(await page.evaluate(hostState)).toEqual(before);
    expect(problems).toEqual([]);
  });
});
