import type { Page } from 'playwright-core';
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

type Call = [string, Record<string, unknown>];
const calls = (page: Page) =>
  page.evaluate(() => (window as unknown as { calls: Call[] }).calls.map(([name, detail]) => [name, detail.status ?? detail.code ?? '']));
const inRoute = (page: Page, id: string) => page.locator(`#${id}`);

async function openSpa(page: Page) {
  await page.goto(`${host}/spa.html`);
  await page.waitForFunction(() => (window as unknown as { spaReady?: boolean }).spaReady === true);
}

describe('the ES module for single-page apps', () => {
  it('mounts a form into an element, unmounts it, and mounts it again elsewhere in another language', async () => {
    const { page, problems } = await openPage(browser());
    await openSpa(page);
    await page.evaluate(() => (window as unknown as { mountTrial: (id: string, l: string) => Promise<void> }).mountTrial('route-a', 'en'));
    await inRoute(page, 'route-a')
      .getByLabel(/^First name/)
      .waitFor();
    expect(await calls(page)).toEqual([['ready', '']]);

    await page.evaluate(() => (window as unknown as { leadgate: { unmount: (el: Element) => void } }).leadgate.unmount(document.getElementById('route-a')!));
    expect(await inRoute(page, 'route-a').locator('input').count()).toBe(0);

    await page.evaluate(() => (window as unknown as { mountTrial: (id: string, l: string) => Promise<void> }).mountTrial('route-b', 'de'));
    const form = inRoute(page, 'route-b');
    await fillTrialForm(form, unique('spa'));
    await form.getByRole('button', { name: 'Probetraining anfragen' }).click();
    await expect
      .poll(() => calls(page))
      .toEqual([
        ['ready', ''],
        ['ready', ''],
        ['submit', ''],
        ['success', 'delivered'],
      ]);
    expect(problems).toEqual([]);
  });

  it('keeps one form when mounted twice in a row, and none when unmounted while loading', async () => {
    const { page } = await openPage(browser());
    await openSpa(page);
    await page.evaluate(async () => {
      const w = window as unknown as { mountTrial: (id: string, l: string) => Promise<void>; leadgate: { unmount: (el: Element) => void } };
      const first = w.mountTrial('route-a', 'en');
      const second = w.mountTrial('route-a', 'de');
      const third = w.mountTrial('route-b', 'en');
      w.leadgate.unmount(document.getElementById('route-b')!); // the view went away before the form arrived
      await Promise.all([first, second, third]);
    });
    expect(await inRoute(page, 'route-a').locator('form').count()).toBe(1);
    expect(await inRoute(page, 'route-a').getByRole('button', { name: 'Probetraining anfragen' }).count()).toBe(1);
    expect(await inRoute(page, 'route-b').locator('form').count()).toBe(0);
  });
});
