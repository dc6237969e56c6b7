import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SubmitOutcome } from '../submit/submit-lead';
import { type RedeliveryOptions, type RedeliveryState, startRedelivery } from './redelivery';

const DOWN: SubmitOutcome = { kind: 'failed', code: 'VENDOR_UNAVAILABLE' };
const OFFLINE: SubmitOutcome = { kind: 'failed', code: 'NETWORK' };
const DELIVERED: SubmitOutcome = { kind: 'delivered', submissionId: 's1' };
const REJECTED: SubmitOutcome = { kind: 'failed', code: 'VENDOR_REJECTED' };

/** A resend loop whose sends answer from `answers` in turn (the last one for ever), with an `online` event to fire. */
function setup(answers: SubmitOutcome[], options: Partial<RedeliveryOptions> = {}) {
  const sent: number[] = [];
  const settled: [SubmitOutcome, boolean][] = [];
  const states: RedeliveryState[] = [];
  const online = new Set<() => void>();
  const redelivery = startRedelivery({
    send: async () => {
      sent.push(Date.now());
      return answers.length > 1 ? answers.shift()! : answers[0]!;
    },
    onOnline: (listener) => {
      online.add(listener);
      return () => online.delete(listener);
    },
    onSettled: (outcome, byVisitor) => settled.push([outcome, byVisitor]),
    onChange: (state) => states.push(state),
    ...options,
  });
  const goOnline = () => online.forEach((listener) => listener());
  return { redelivery, sent, settled, states, online, goOnline };
}

/** Seconds after the start at which each send left. */
const seconds = (sent: number[]) => sent.map((at) => at / 1000);

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('startRedelivery', () => {
  it('resends after 5 s, 15 s, 45 s, then every 2 minutes', async () => {
    const { sent } = setup([OFFLINE]);
    await vi.advanceTimersByTimeAsync(5_000 + 15_000 + 45_000 + 120_000 * 2);
    expect(seconds(sent)).toEqual([5, 20, 65, 185, 305]);
  });

  it('waits as long as the Worker’s Retry-After asks when that is longer', async () => {
    const { sent } = setup([{ kind: 'failed', code: 'VENDOR_UNAVAILABLE', retryAfter: 60 }, DOWN], { retryAfter: 30 });
    await vi.advanceTimersByTimeAsync(30_000 + 60_000 + 45_000);
    expect(seconds(sent)).toEqual([30, 90, 135]);
  });

  it('sends at once for an entry found at page load', async () => {
    const { sent } = setup([OFFLINE], { sendFirst: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(seconds(sent)).toEqual([0]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(seconds(sent)).toEqual([0, 5]);
  });

  it('stops after a success and reports it once', async () => {
    const { sent, settled, online } = setup([OFFLINE, DELIVERED]);
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(seconds(sent)).toEqual([5, 20]);
    expect(settled).toEqual([[DELIVERED, false]]);
    expect(online.size).toBe(0);
  });

  it('stops after a refusal no resend can change and reports it', async () => {
    const { sent, settled } = setup([REJECTED]);
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(sent).toHaveLength(1);
    expect(settled).toEqual([[REJECTED, false]]);
  });

  it('sends at once when the browser comes back online, and starts the short waits again', async () => {
    const { sent, goOnline } = setup([OFFLINE]);
    await vi.advanceTimersByTimeAsync(5_000 + 15_000 + 45_000 + 10_000);
    expect(seconds(sent)).toEqual([5, 20, 65]);
    goOnline();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(seconds(sent)).toEqual([5, 20, 65, 75, 80]);
  });

  it('sends at once when the visitor asks, and says so when that fails too', async () => {
    const { redelivery, sent, states } = setup([OFFLINE]);
    await vi.advanceTimersByTimeAsync(2_000);
    redelivery.sendNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(seconds(sent)).toEqual([2]);
    expect(states).toEqual([
      { sending: true, visitorTryFailed: false },
      { sending: false, visitorTryFailed: true },
    ]);
    // The press took the timer's place: the next automatic send follows the schedule's next step.
    await vi.advanceTimersByTimeAsync(15_000);
    expect(seconds(sent)).toEqual([2, 17]);
    expect(states.at(-1)).toEqual({ sending: false, visitorTryFailed: false });
  });

  it('sends one at a time, however the timer, online event and visitor race', async () => {
    let answer: (outcome: SubmitOutcome) => void = () => {};
    let sends = 0;
    const { redelivery, goOnline, settled } = setup([], {
      send: () => {
        sends++;
        return new Promise((resolve) => (answer = resolve));
      },
    });
    await vi.advanceTimersByTimeAsync(5_000);
    goOnline();
    redelivery.sendNow();
    redelivery.sendNow();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sends).toBe(1);
    answer(DELIVERED);
    await vi.advanceTimersByTimeAsync(0);
    // The visitor pressed while it was on its way, so its answer is theirs.
    expect(settled).toEqual([[DELIVERED, true]]);
  });

  it('sends nothing more and reports nothing once stopped, not even a send already on its way', async () => {
    let answer: (outcome: SubmitOutcome) => void = () => {};
    let sends = 0;
    const { redelivery, settled, online } = setup([], {
      sendFirst: true,
      send: () => {
        sends++;
        return new Promise((resolve) => (answer = resolve));
      },
    });
    redelivery.stop();
    answer(DELIVERED);
    redelivery.sendNow();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(sends).toBe(1);
    expect(settled).toEqual([]);
    expect(online.size).toBe(0);
  });
});
