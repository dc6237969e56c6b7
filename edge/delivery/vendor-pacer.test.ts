import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { vendorPacer } from './vendor-pacer';

// 60 per minute: a steady slot every 60 s / 54 = 1111 ms, and a burst of 3 at once.
const pacer = (name: string) => vendorPacer(env.VENDOR_PACER, `test:${name}:${Date.now()}`, 60);

describe('VendorPacer', () => {
  it('lets a small burst through at once, then spaces slots at 90% of the budget', async () => {
    const p = pacer('burst');
    const waits = [];
    for (let i = 0; i < 6; i++) waits.push((await p.reserve(10_000)) as { ok: true; waitMs: number });
    expect(waits.map((w) => w.ok)).toEqual([true, true, true, true, true, true]);
    expect(waits.slice(0, 3).map((w) => w.waitMs)).toEqual([0, 0, 0]);
    expect(waits[3]!.waitMs).toBeGreaterThan(1000);
    expect(waits[5]!.waitMs - waits[4]!.waitMs).toBeGreaterThanOrEqual(1100);
    expect(waits[5]!.waitMs - waits[4]!.waitMs).toBeLessThanOrEqual(1120);
  });

  it('refuses a slot further away than the caller may wait, and holds nothing for it', async () => {
    const p = pacer('refuse');
    for (let i = 0; i < 3; i++) await p.reserve(0);
    const refused = await p.reserve(500);
    expect(refused.ok).toBe(false);
    const again = await p.reserve(5000);
    expect(again).toMatchObject({ ok: true });
    expect((again as { waitMs: number }).waitMs).toBeLessThanOrEqual(1111);
  });

  it('gives no slot to anyone while the vendor asked to wait', async () => {
    const p = pacer('pause');
    await p.pause(30_000);
    const decision = await p.reserve(10_000);
    expect(decision.ok).toBe(false);
    expect((decision as { retryInMs: number }).retryInMs).toBeGreaterThan(29_000);
  });
});
