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

type Seen = { name: string; detail: Record<string, unknown>; target: string };
const seen = (page: import('playwright-core').Page) => page.evaluate(() => (window as unknown as { seen: Seen[] }).seen);
const frameHeight = (page: import('playwright-core').Page) => page.locator('#trial iframe').evaluate((el) => el.getBoundingClientRect().height);
/** Waits until the frame has taken its content's height (it starts at the window's bottom edge, whatever the form). */
const sizedToContent = async (page: import('playwright-core').Page) => {
  const content = page.frameLocator('#trial iframe').locator('html');
  await expect
    .poll(async () => Math.abs((await frameHeight(page)) - (await content.evaluate((el) => el.getBoundingClientRect().height))))
    .toBeLessThanOrEqual(1);
};

describe('the iframe embed by snippet', () => {
  it('sizes the frame to its form, and grows it when the form grows', async () => {
    const { page, problems } = await openPage(browser());
    await page.goto(`${host}/iframe-snippet.html?utm_source=newsletter&utm_campaign=spring-2026`);
    const frame = page.frameLocator('#trial iframe');
    await frame.getByLabel(/^Vorname/).waitFor();
    await sizedToContent(page);
    // The form is taller than the window; the frame shows all of it: nothing scrolls inside.
    expect(await frame.locator('html').evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);

    const before = await frameHeight(page);
    await frame.getByRole('button', { name: 'Probetraining anfragen' }).click(); // every error shows: the form grows
    await expect.poll(() => frameHeight(page)).toBeGreaterThan(before + 100);
    expect(problems).toEqual([]);
  });

  it("relays the form's events to the host page, and sends the host page's attribution with the lead", async () => {
    const { page } = await openPage(browser());
    let body: { lead?: { attribution?: Record<string, string> } } = {};
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/leads')) body = r.postDataJSON() as typeof body;
    });
    await page.goto(`${host}/iframe-snippet.html?utm_source=newsletter&utm_campaign=spring-2026&gclid=abc123`);
    const frame = page.frameLocator('#trial iframe');
    const email = unique('frame');
    await fillTrialForm(frame, email);
    await frame.getByRole('button', { name: 'Probetraining anfragen' }).click();
    await expect.poll(async () => (await seen(page)).map((e) => e.name)).toEqual(['ready', 'submit', 'success']);
    const events = await seen(page);
    expect(events.every((e) => e.target === 'DIV' && e.detail.formId === 'demo-perfectgym')).toBe(true);
    expect(events[2]!.detail).toMatchObject({ status: 'delivered', submissionId: expect.any(String) });
    expect(body.lead?.attribution).toMatchObject({
      utm_source: 'newsletter',
      utm_campaign: 'spring-2026',
      gclid: 'abc123',
      landingPage: `${host}/iframe-snippet.html?utm_source=newsletter&utm_campaign=spring-2026&gclid=abc123`,
    });
    const layer = await page.evaluate(() => (window as unknown as { dataLayer: unknown[] }).dataLayer);
    expect(layer.map((e) => (e as { event: string }).event)).toEqual(['leadgate.ready', 'leadgate.submit', 'leadgate.success']);
    expect(JSON.stringify(layer)).not.toContain(email);
    expect(JSON.stringify(layer)).not.toContain('Erika');
  });

  it('asks for the frame at once, beside the bridge chunk, and loses none of its messages to a bridge that arrives late', async () => {
    const { page, problems } = await openPage(browser());
    let embedAsked = 0;
    let bridgeServed = 0;
    page.on('request', (r) => {
      if (r.url().includes('/embed/demo-perfectgym')) embedAsked ||= Date.now();
    });
    // The bridge arrives well after the frame has painted and reported its height and its ready event.
    await page.route('**/frame-host.js', async (route) => {
      const shown = () =>
        page
          .frames()
          .find((f) => f.url().includes('/embed/'))
          ?.getByRole('button', { name: 'Probetraining anfragen' })
          .isVisible() ?? false;
      await expect.poll(shown, { timeout: 10_000 }).toBe(true);
      await new Promise((r) => setTimeout(r, 1_000));
      bridgeServed = Date.now();
      await route.continue();
    });
    await page.goto(`${host}/iframe-snippet.html?utm_source=late-bridge`);
    const frame = page.frameLocator('#trial iframe');
    await frame.getByLabel(/^Vorname/).waitFor();
    // The frame's document was asked for before the bridge chunk had arrived, not after it.
    await expect.poll(() => bridgeServed).toBeGreaterThan(0);
    expect(embedAsked).toBeGreaterThan(0);
    expect(embedAsked).toBeLessThan(bridgeServed);
    // What the frame said before the bridge was there (its height at first paint, ready) still counts.
    await sizedToContent(page);
    await expect.poll(async () => (await seen(page)).map((e) => e.name)).toEqual(['ready']);
    expect(problems).toEqual([]);
  });

  it('ignores messages that are not from its own frame, or not for it', async () => {
    const { page } = await openPage(browser());
    await page.goto(`${host}/iframe-snippet.html`);
    const frame = page.frameLocator('#trial iframe');
    await frame.getByLabel(/^Vorname/).waitFor();
    await sizedToContent(page);
    const height = await frameHeight(page);
    const frameId = await page.locator('#trial iframe').evaluate((el) => new URL((el as HTMLIFrameElement).src).searchParams.get('frame'));
    // The host page itself (another origin than the frame's) posts a well-formed resize and a success.
    await page.evaluate((frame) => {
      window.postMessage({ protocol: 'leadgate-frame/1', frame, type: 'resize', data: { height: 5 } }, '*');
      window.postMessage({ protocol: 'leadgate-frame/1', frame, type: 'event', data: { name: 'success', detail: { formId: 'x' } } }, '*');
    }, frameId);
    await page.waitForTimeout(300);
    expect(await frameHeight(page)).toBe(height);
    expect((await seen(page)).map((e) => e.name)).toEqual(['ready']);
    // And inside the frame, an attribution that does not come from the host page is not taken.
    const inner = page.frames().find((f) => f.url().includes('/embed/'))!;
    await inner.evaluate(
      (frame) => window.postMessage({ protocol: 'leadgate-frame/1', frame, type: 'init', data: { attribution: { utm_source: 'forged' } } }, '*'),
      frameId,
    );
    let body: { lead?: { attribution?: Record<string, string> } } = {};
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/leads')) body = r.postDataJSON() as typeof body;
    });
    await fillTrialForm(frame, unique('forged'));
    await frame.getByRole('button', { name: 'Probetraining anfragen' }).click();
    await expect.poll(async () => (await seen(page)).map((e) => e.name)).toContain('success');
    expect(body.lead?.attribution?.utm_source).toBeUndefined();
  });

  it('works as a plain <iframe> without any script of ours, at the height the page gives it', async () => {
    const { page } = await openPage(browser());
    await page.goto(`${host}/iframe-embed.html`);
    const frame = page.frameLocator('iframe');
    await frame.getByLabel(/^Vorname/).waitFor();
    expect(await page.locator('iframe').evaluate((el) => el.clientHeight)).toBe(1500);
    const src = await page.locator('iframe').getAttribute('src');
    expect(src).not.toContain('frame=');
  });
});

describe('the demo page in iframe mode', () => {
  it('shows the form in a frame as tall as the form, under the demo pages’ strict policy', async () => {
    const worker = inject('workerUrl');
    const { page, problems } = await openPage(browser());
    await page.goto(`${worker}/iframe.html`);
    const frame = page.frameLocator('#trial-form iframe');
    await frame.getByLabel(/^First name/).waitFor();
    await expect.poll(() => page.locator('#trial-form iframe').evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThan(900);
    expect(problems).toEqual([]);
  });
});
