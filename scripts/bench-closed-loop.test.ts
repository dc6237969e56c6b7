import { describe, expect, it } from 'vitest';
import { type LoadAnswer, runCount, runForDuration, windowStats } from './bench-closed-loop';

/** A clock that moves only when a request is answered: `latencyMs` per request. */
function fakeServer(latencyMs: number, answer: (index: number) => LoadAnswer = () => 201) {
  let time = 0;
  let inFlight = 0;
  let mostInFlight = 0;
  const sent: number[] = [];
  return {
    now: () => time,
    sent,
    mostInFlight: () => mostInFlight,
    send: async (index: number) => {
      sent.push(index);
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await Promise.resolve();
      time += latencyMs;
      inFlight -= 1;
      return answer(index);
    },
  };
}

describe('runCount', () => {
  it('sends exactly count requests with unique indexes, never more than concurrency at once', async () => {
    const server = fakeServer(1);
    const run = await runCount({ concurrency: 4, count: 10, send: server.send, now: server.now });
    expect(run.samples).toHaveLength(10);
    expect([...server.sent].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(server.mostInFlight()).toBe(4);
    expect(run.elapsedMs).toBe(10);
  });

  it('records a send that throws as a network failure', async () => {
    const run = await runCount({ concurrency: 1, count: 1, send: () => Promise.reject(new Error('refused')) });
    expect(run.samples[0]?.answer).toBe('network');
  });
});

describe('runForDuration and windowStats', () => {
  it('keeps sending until the window ends and counts only answers inside it', async () => {
    const server = fakeServer(1, (index) => (index % 5 === 0 ? 503 : 201));
    const run = await runForDuration({ concurrency: 1, warmupMs: 10, measureMs: 100, send: server.send, now: server.now });
    expect(run.windowStartMs).toBe(10);
    expect(run.windowEndMs).toBe(110);
    const stats = windowStats(run);
    expect(stats.completed).toBe(101); // answers at t = 10 … 110
    expect(stats.requestsPerSecond).toBeCloseTo(1010);
    expect(stats.errors).toBe(stats.answers['503']);
    expect(stats.answers['201']! + stats.answers['503']!).toBe(101);
  });

  it('takes latencies only of requests that started in the window', async () => {
    const run = {
      windowStartMs: 100,
      windowEndMs: 200,
      samples: [
        { startMs: 50, endMs: 150, answer: 201 },
        { startMs: 120, endMs: 130, answer: 201 },
        { startMs: 190, endMs: 250, answer: 201 },
      ],
    };
    expect(windowStats(run)).toMatchObject({ completed: 2, latenciesMs: [10], errors: 0 });
  });
});
