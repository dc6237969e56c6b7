/** A Resource Timing (or Navigation Timing) entry, as read from a page with `toJSON()`. */
export interface TimingEntry {
  readonly name: string;
  readonly initiatorType?: string;
  readonly startTime: number;
  readonly responseEnd: number;
}

/** One document's timeline: its `performance.timeOrigin` and its entries. */
export interface DocumentTimeline {
  readonly timeOrigin: number;
  readonly resources: readonly TimingEntry[];
  /** A frame's own navigation entry: the request for its document. */
  readonly navigation?: TimingEntry;
}

/** A request on the page's clock (ms since the page's navigation started). */
export interface TimedRequest {
  readonly url: string;
  readonly startMs: number;
  readonly endMs: number;
  /** Whether the page or a frame in it made the request. */
  readonly from: 'page' | 'frame';
  /** A frame's own document (its navigation entry). */
  readonly document?: true;
}

/**
 * Every request of a page and its frames on the page's clock. A frame's
 * document appears twice: as the page's `iframe` entry, whose end Chromium
 * reports when the frame has loaded, and as the frame's navigation entry,
 * which ends when the document arrived; the frame's entry is kept.
 */
export function mergeTimelines(page: DocumentTimeline, frames: readonly DocumentTimeline[]): TimedRequest[] {
  const onPageClock = (frame: DocumentTimeline, entry: TimingEntry, from: TimedRequest['from']): TimedRequest => {
    const offset = frame.timeOrigin - page.timeOrigin;
    return { url: entry.name, startMs: entry.startTime + offset, endMs: entry.responseEnd + offset, from };
  };
  const frameDocuments = new Set(frames.flatMap((frame) => (frame.navigation ? [frame.navigation.name] : [])));
  return [
    ...page.resources.filter((entry) => !(entry.initiatorType === 'iframe' && frameDocuments.has(entry.name))).map((entry) => onPageClock(page, entry, 'page')),
    ...frames.flatMap((frame) => [
      ...(frame.navigation ? [{ ...onPageClock(frame, frame.navigation, 'frame'), document: true as const }] : []),
      ...frame.resources.map((entry) => onPageClock(frame, entry, 'frame')),
    ]),
  ].sort((a, b) => a.startMs - b.startMs);
}

/** The requests after the loader, by how many sequential round trips deep each one is. */
export interface RoundTrips {
  /** Sequential round trips after the loader: 0 when nothing followed it. */
  readonly depth: number;
  /** `steps[0]` started once the loader had arrived, `steps[1]` once one of those had, and so on. */
  readonly steps: readonly (readonly TimedRequest[])[];
}

/**
 * Counts round trips as dependency depth: a request that started after
 * another one ended is one step deeper than it; the loader is step 0.
 * Requests that started before the loader had arrived, or after `untilMs`
 * (the form was ready), are not on the path.
 */
export function countRoundTrips(loaderEndMs: number, requests: readonly TimedRequest[], untilMs = Number.POSITIVE_INFINITY): RoundTrips {
  const onPath = requests.filter((request) => request.startMs >= loaderEndMs && request.startMs <= untilMs).sort((a, b) => a.startMs - b.startMs);
  const depths: number[] = [];
  for (const [index, request] of onPath.entries()) {
    let depth = 1;
    for (let earlier = 0; earlier < index; earlier++) {
      if (onPath[earlier]!.endMs <= request.startMs) depth = Math.max(depth, depths[earlier]! + 1);
    }
    depths.push(depth);
  }
  const depth = Math.max(0, ...depths);
  const steps = Array.from({ length: depth }, (_, step) => onPath.filter((_, index) => depths[index] === step + 1));
  return { depth, steps };
}

/**
 * A request as a report names it: the path without the query, `[frame]` when a frame made it, the origin when not `ownOrigin`,
 * and the widget's hashed folder as `widget/<hash>/`, so that runs of different builds compare.
 */
export function requestLabel(request: TimedRequest, ownOrigin: string): string {
  const url = new URL(request.url);
  const path = url.origin === ownOrigin ? url.pathname.replace(/^\/widget\/[\w-]+\//, '/widget/<hash>/') : url.pathname;
  const where = url.origin === ownOrigin ? path : `${url.origin}${path}`;
  return request.from === 'frame' ? `${where} [frame]` : where;
}

/**
 * The round trips after the loader until the form was on screen at `visibleMs`: `countRoundTrips`
 * over the requests that had arrived by then, and a frame's document that had started: the browser
 * paints a document before all of it has arrived (the embed page's form does, in some loads). A
 * script still arriving is not what put the form on screen (the iframe's, preloaded while its
 * document is parsed, start before the form shows).
 */
export function countRoundTripsUntilVisible(loaderEndMs: number, requests: readonly TimedRequest[], visibleMs: number): RoundTrips {
  return countRoundTrips(
    loaderEndMs,
    requests.filter((request) => request.endMs <= visibleMs || request.document),
    visibleMs,
  );
}
