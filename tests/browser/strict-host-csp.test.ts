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

describe('a host page with a strict Content-Security-Policy', () => {
  it("renders and sends the form when scripts may come only from the Worker's origin, with nothing inline", async () => {
    const { page, problems } = await openPage(browser());
    const response = await page.goto(`${host}/strict-csp.html`);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain('script-src');
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    // Any violation is reported to the page as an event; collect them from the start.
    await page.evaluate(() => {
      (window as unknown as { violations: string[] }).violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { violations: string[] }).violations.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });

    await fillTrialForm(page, unique('csp'), 'en');
    await page.getByRole('button', { name: 'Request free trial' }).click();
    await expect.poll(() => page.getByText("Thank you! We'll be in touch within one working day.").isVisible()).toBe(true);

    // The widget's own styles are in force: a constructed stylesheet is not blocked by style-src.
    const padding = await page.locator('leadgate-form').evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('.lg')!).paddingTop);
    expect(padding).not.toBe('0px');
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    expect(problems.filter((p) => /Content Security Policy|Refused/.test(p))).toEqual([]);
    expect(problems).toEqual([]);
  });
});
