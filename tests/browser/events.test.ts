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

type Record_ = { name: string; detail: Record<string, unknown>; target?: string; element?: string };
const read = (page: Page, list: 'seen' | 'api') => page.evaluate((key) => (window as unknown as Record<string, Record_[]>)[key]!, list);
const names = async (page: Page, list: 'seen' | 'api') => (await read(page, list)).map((e) => e.name);

describe('events for the host page (script embed)', () => {
  it('fires ready, submit and success on the mount element, to Leadgate.on listeners queued before the loader, and into the data layer', async () => {
    const { page } = await openPage(browser());
    await page.goto(`${host}/events.html`);
    await expect.poll(() => names(page, 'seen')).toEqual(['ready']);
    const email = unique('events');
    await fillTrialForm(page, email);
    await page.getByRole('button', { name: 'Probetraining anfragen' }).click();
    await expect.poll(() => names(page, 'seen')).toEqual(['ready', 'submit', 'success']);

    const seen = await read(page, 'seen');
    expect(seen.every((e) => e.target === 'LEADGATE-FORM')).toBe(true);
    expect(seen[2]!.detail).toEqual({ formId: 'demo-perfectgym', status: 'delivered', submissionId: expect.stringMatching(/^[\w-]{8,}$/) });
    // The stub's queued listeners were kept and called with the same details.
    expect(await read(page, 'api')).toEqual(seen.map((e) => ({ name: e.name, detail: e.detail, element: 'LEADGATE-FORM' })));
    const layer = await page.evaluate(() => (window as unknown as { dataLayer: { event: string; leadgate: unknown }[] }).dataLayer);
    expect(layer).toEqual(seen.map((e) => ({ event: `leadgate.${e.name}`, leadgate: e.detail })));
    // Nothing the visitor typed is in any of it.
    for (const text of [email, 'Erika', 'Musterfrau', '1234567']) expect(JSON.stringify([seen, layer])).not.toContain(text);
  });

  it('fires success with status accepted when the gym’s system refuses the lead without naming a field: it is held, not lost', async () => {
    await sim.fault({ tenant: 'demo-gym', endpoint: 'validate', mode: 'fail', status: 400, count: 1 });
    const { page } = await openPage(browser());
    await page.goto(`${host}/events.html`);
    await fillTrialForm(page, unique('refused'));
    await page.getByRole('button', { name: 'Probetraining anfragen' }).click();
    await expect.poll(() => names(page, 'seen')).toEqual(['ready', 'submit', 'success']);
    expect((await read(page, 'seen'))[2]!.detail).toEqual({
      formId: 'demo-perfectgym',
      status: 'accepted',
      submissionId: expect.stringMatching(/^[\w-]{8,}$/),
    });
  });

  it('fires error LOAD_FAILED for a form that cannot be loaded', async () => {
    const { page } = await openPage(browser());
    const seen: unknown[] = [];
    await page.exposeFunction('record', (detail: unknown) => seen.push(detail));
    await page.addInitScript(() =>
      document.addEventListener('leadgate:error', (e) => (window as unknown as { record: (d: unknown) => void }).record((e as CustomEvent).detail)),
    );
    await page.goto(`${host}/unknown-form.html`);
    await expect.poll(() => seen).toEqual([{ formId: expect.any(String), code: 'LOAD_FAILED' }]);
  });
});
