import { describe, expect, it } from 'vitest';
import { fireOnSchedule, sendSchedule } from './bench-delivery-schedule';

/** A clock that only moves when the code under test sleeps. */
function virtualClock() {
  let time = 1000;
  return { now: () => time, sleep: async (ms: number) => void (time += ms) };
}

/** A send whose answer the test releases by hand. */
function heldSends() {
  const firedAt = new Map<number, number>();
  const releases: (() => void)[] = [];
  return {
    firedAt,
    releaseAll: () => releases.splice(0).forEach((release) => release()),
    send: (now: () => number) => (index: number) => {
      firedAt.set(index, now());
      return new Promise<void>((resolve) => releases.push(resolve));
    },
  };
}

describe('sendSchedule', () => {
  it('spreads the sends evenly over the seconds, the first at 0', () => {
    expect(sendSchedule(4, 2)).toEqual([0, 500, 1000, 1500]);
    const schedule = sendSchedule(2000, 60);
    expect(schedule).toHaveLength(2000);
    expect(schedule[1]).toBe(30);
    expect(schedule.at(-1)).toBe(59_970);
  });
});

describe('fireOnSchedule', () => {
  it('fires every send at its due time while earlier ones are still unanswered', async () => {
    const clock = virtualClock();
    const sends = heldSends();
    const running = fireOnSchedule({ offsets: [0, 100, 200, 300], maxInFlight: 10, send: sends.send(clock.now), ...clock });
    await new Promise((resolve) => setImmediate(resolve));
    expect([...sends.firedAt]).toEqual([
      [0, 1000],
      [1, 1100],
      [2, 1200],
      [3, 1300],
    ]);
    sends.releaseAll();
    expect(await running).toEqual({ sent: 4, skipped: [], firstSentAt: 1000, lastSentAt: 1300, maxLagMs: 0 });
  });

  it('skips and counts a send that is due while maxInFlight requests are open', async () => {
    const clock = virtualClock();
    const sends = heldSends();
    const running = fireOnSchedule({ offsets: [0, 10, 20, 30], maxInFlight: 2, send: sends.send(clock.now), ...clock });
    await new Promise((resolve) => setImmediate(resolve));
    sends.releaseAll();
    const result = await running;
    expect(result.sent).toBe(2);
    expect(result.skipped).toEqual([2, 3]);
    expect([...sends.firedAt.keys()]).toEqual([0, 1]);
  });

  it('frees a slot when a request settles, rejected or not', async () => {
    const clock = virtualClock();
    const fired: number[] = [];
    const result = await fireOnSchedule({
      offsets: [0, 10, 20],
      maxInFlight: 1,
      ...clock,
      send: async (index) => {
        fired.push(index);
        if (index === 0) throw new Error('refused');
      },
      // Sleeping lets the settled request leave the in-flight set before the next is due.
      sleep: async (ms) => {
        await new Promise((resolve) => setImmediate(resolve));
        await clock.sleep(ms);
      },
    });
    expect(fired).toEqual([0, 1, 2]);
    expect(result.skipped).toEqual([]);
  });

  it('reports how late the latest send fired', async () => {
    let time = 0;
    const result = await fireOnSchedule({
      offsets: [0, 10],
      maxInFlight: 5,
      now: () => time,
      // A stalled event loop: every sleep overshoots by 7 ms.
      sleep: async (ms) => void (time += ms + 7),
      send: async () => undefined,
    });
    expect(result.maxLagMs).toBe(7);
  });
});
