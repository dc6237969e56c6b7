import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { openPage, useChromium } from './chromium';
import { DEMO_FORMS } from './demo-forms';

const worker = inject('workerUrl');
const browser = useChromium();
const dir = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

describe('screenshots of every demo form (docs/screenshots, shown in the README)', () => {
  mkdirSync(dir, { recursive: true });
  for (const form of DEMO_FORMS) {
    for (const device of ['desktop', 'mobile'] as const) {
      it(`${form.id} on ${device}`, async () => {
        const { page } = await openPage(browser(), { mobile: device === 'mobile' });
        await page.goto(`${worker}${form.page}`);
        const element = page.locator(form.host);
        await element.locator('button[type=submit]').waitFor();
        // Turnstile's frame and web fonts settle; the picture should not catch them halfway.
        await page.waitForTimeout(300);
        const png = await element.screenshot({ path: `${dir}${form.id}-${device}.png`, animations: 'disabled' });
        expect(png.length).toBeGreaterThan(10_000);
      });
    }
  }
});
