import { describe, expect, it } from 'vitest';
import { countRoundTrips, countRoundTripsUntilVisible, mergeTimelines, requestLabel, type TimedRequest } from './bench-round-trips';

const W = 'http://127.0.0.1:8787';
const request = (path: string, startMs: number, endMs: number, from: TimedRequest['from'] = 'page'): TimedRequest => ({
  url: `${W}${path}`,
  startMs,
  endMs,
  from,
});
const labels = (steps: readonly (readonly TimedRequest[])[]) => steps.map((step) => step.map((r) => requestLabel(r, W)));

describe('countRoundTrips', () => {
  it('counts the spec, the app chunk and the texts fetched at once as one round trip', () => {
    const trips = countRoundTrips(350, [
      request('/widget.js', 180, 350),
      request('/v1/forms/x', 360, 540),
      request('/widget-app.js', 362, 660),
      request('/widget-locale-de.js', 365, 570),
    ]);
    expect(trips.depth).toBe(1);
    expect(labels(trips.steps)).toEqual([['/v1/forms/x', '/widget-app.js', '/widget-locale-de.js']]);
  });

  it('counts a request that started after another ended as one step deeper', () => {
    const trips = countRoundTrips(350, [request('/v1/forms/x', 360, 540), request('/widget-app.js', 362, 660), request('/widget-chunk.js', 665, 800)]);
    expect(trips.depth).toBe(2);
    expect(labels(trips.steps)).toEqual([['/v1/forms/x', '/widget-app.js'], ['/widget-chunk.js']]);
  });

  it('takes the deepest request that ended before, not the first', () => {
    const trips = countRoundTrips(0, [request('/a', 10, 100), request('/b', 110, 200), request('/c', 150, 160), request('/d', 210, 300)]);
    // /d follows /b (step 2), so it is step 3, though /c (step 2) ended earlier.
    expect(labels(trips.steps)).toEqual([['/a'], ['/b', '/c'], ['/d']]);
  });

  it('leaves out requests before the loader arrived and after the form was ready', () => {
    const trips = countRoundTrips(350, [request('/favicon', 100, 400), request('/v1/forms/x', 360, 540), request('/submit', 900, 1000)], 800);
    expect(labels(trips.steps)).toEqual([['/v1/forms/x']]);
  });

  it('is zero deep when nothing followed the loader', () => {
    expect(countRoundTrips(350, [])).toEqual({ depth: 0, steps: [] });
  });
});

describe('countRoundTripsUntilVisible', () => {
  it('counts the frame document, even painted before all of it arrived, and not the scripts it preloads that were still arriving', () => {
    const trips = countRoundTripsUntilVisible(
      350,
      [
        request('/widget/h/frame-host.js', 360, 520),
        { ...request('/embed/x', 530, 710, 'frame'), document: true },
        request('/widget/h/app.js', 680, 950, 'frame'),
        request('/widget.js', 692, 900, 'frame'),
      ],
      700,
    );
    expect(labels(trips.steps)).toEqual([['/widget/<hash>/frame-host.js'], ['/embed/x [frame]']]);
  });

  it('counts the spec with its paint as the one round trip, and the app chunk still arriving beside it', () => {
    const trips = countRoundTripsUntilVisible(350, [request('/v1/forms/x', 360, 540), request('/widget/h/app.js', 362, 660)], 560);
    expect(trips.depth).toBe(1);
  });
});

describe('mergeTimelines', () => {
  it('puts a frame on the page clock and keeps its own navigation entry instead of the page iframe entry', () => {
    const embed = `${W}/embed/x?frame=abc`;
    const merged = mergeTimelines(
      {
        timeOrigin: 1000,
        resources: [
          { name: `${W}/widget.js`, initiatorType: 'script', startTime: 180, responseEnd: 350 },
          // Chromium ends an iframe entry when the frame has loaded, long after its document arrived.
          { name: embed, initiatorType: 'iframe', startTime: 360, responseEnd: 900 },
        ],
      },
      [
        {
          timeOrigin: 1365,
          navigation: { name: embed, initiatorType: 'navigation', startTime: 0, responseEnd: 170 },
          resources: [{ name: `${W}/widget.js`, initiatorType: 'script', startTime: 190, responseEnd: 380 }],
        },
      ],
    );
    expect(merged).toEqual([
      request('/widget.js', 180, 350),
      { url: embed, startMs: 365, endMs: 535, from: 'frame', document: true },
      request('/widget.js', 555, 745, 'frame'),
    ]);
  });

  it('keeps an iframe entry when no frame could be read', () => {
    const merged = mergeTimelines({ timeOrigin: 0, resources: [{ name: `${W}/embed/x`, initiatorType: 'iframe', startTime: 1, responseEnd: 2 }] }, []);
    expect(merged).toEqual([request('/embed/x', 1, 2)]);
  });
});

describe('requestLabel', () => {
  it('names the path without the query, marks a frame, and names another origin', () => {
    expect(requestLabel(request('/v1/forms/x?locale=de', 0, 1), W)).toBe('/v1/forms/x');
    expect(requestLabel(request('/widget.js', 0, 1, 'frame'), W)).toBe('/widget.js [frame]');
    expect(requestLabel(request('/widget/p124q-1t/locale-de.js', 0, 1), W)).toBe('/widget/<hash>/locale-de.js');
    expect(requestLabel({ url: 'http://127.0.0.1:8796/turnstile/v0/api.js', startMs: 0, endMs: 1, from: 'page' }, W)).toBe(
      'http://127.0.0.1:8796/turnstile/v0/api.js',
    );
  });
});
