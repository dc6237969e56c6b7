import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM_PATH } from '../tests/browser/chromium';
import { PORTS } from '../tests/stack/ports';
import { startStaticServer } from '../tests/stack/static-server';
import { type DocumentTimeline, mergeTimelines, type TimedRequest } from './bench-round-trips';

export const EMBED_MODES = ['script', 'iframe'] as const;
export type EmbedMode = (typeof EMBED_MODES)[number];

/** The network a first visit on a slow mobile connection has (CDP `Network.emulateNetworkConditions`). */
export const THROTTLE = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 } as const;

/** A script the page transferred, as CDP saw it. */
export interface ScriptTransfer {
  readonly url: string;
  /** Bytes on the wire, headers included. */
  readonly bytes: number;
  /** The response's Content-Encoding, or null when it was sent uncompressed. */
  readonly encoding: string | null;
}

/** One first visit of a host page, on the page's clock (ms since its navigation started). */
export interface CriticalPathLoad {
  readonly mode: EmbedMode;
  /** When the loader (`widget.js`) had arrived: from then on it can run. */
  readonly loaderEndMs: number;
  /** When the page heard `leadgate:ready`. */
  readonly readyMs: number;
  /**
   * When the form was first on screen: the first animation frame, in the page or a frame, in
   * which a rendered <form> with a box is in the document or in an open shadow root (the frame
   * is painted right after its animation frame callbacks). Null where the probe never saw it.
   */
  readonly visibleMs: number | null;
  /** When the app chunk (`app.js`) had arrived, in the page or the frame; null where none was seen. */
  readonly appEndMs: number | null;
  /** The host page's `layout-shift` entries without recent input, until a second after ready. */
  readonly layoutShifts: readonly LayoutShift[];
  /** Every request of the page and its frames. */
  readonly requests: readonly TimedRequest[];
  readonly scripts: readonly ScriptTransfer[];
  /** Every response's bytes on the wire, headers included, as CDP saw them (scripts, the spec, documents, styles). */
  readonly transfers: readonly ScriptTransfer[];
  /** Page errors and console errors. */
  readonly problems: readonly string[];
}

/** A `layout-shift` entry of the host page, with what moved. */
export interface LayoutShift {
  readonly startMs: number;
  readonly value: number;
  /** The moved nodes, as `name` plus the start of their text, with their rects before and after. */
  readonly sources: readonly { readonly node: string; readonly before: string; readonly after: string }[];
}

export interface CriticalPathOptions {
  readonly workerUrl: string;
  readonly formId: string;
  /** Loads per mode, after one warm-up load each that is not kept. */
  readonly repeat: number;
  readonly say: (message: string) => void;
}

/** The loader URL of the embed tag: the one name a gym's page knows. */
export const loaderUrl = (workerUrl: string) => `${workerUrl}/widget.js`;

const READY_TIMEOUT_MS = 30_000;
/** How long after ready the host page's layout shifts are still collected (as tests/browser/first-paint.test.ts waits). */
const SHIFTS_AFTER_READY_MS = 1_000;
const SETTLE_TIMEOUT_MS = 5_000;

/** A gym's page with the tag, and a listener that notes when the form is ready (the event bubbles to `document`). */
function hostPage(mode: EmbedMode, workerUrl: string, formId: string): string {
  // The script embed in a data-target of given height, as issue 19's CLS budget has it (the README's
  // tag alone puts the form where it stands, and what is below moves: no budget covers that).
  const tag =
    mode === 'script'
      ? `<div id="trial" style="height:1600px;overflow:auto"></div>\n<script async src="${loaderUrl(workerUrl)}" data-leadgate-form="${formId}" data-target="trial"></script>`
      : `<div id="trial"></div>\n<script async src="${loaderUrl(workerUrl)}" data-leadgate-form="${formId}" data-mode="iframe" data-target="trial" data-title="Probetraining"></script>`;
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bench host page: ${mode} embed</title>
<script>
  window.leadgateBench = { readyAt: null };
  document.addEventListener('leadgate:ready', function () {
    if (window.leadgateBench.readyAt === null) window.leadgateBench.readyAt = performance.now();
  }, true);
</script>
</head>
<body>
<h1>Probetraining</h1>
<p>A gym's own page on its own origin.</p>
${tag}
<footer>Footer of the host page</footer>
</body>
</html>
`;
}

/**
 * Loads each embed mode's host page `repeat` times (modes alternating, each
 * after one warm-up load) in Chromium on a throttled network with the cache
 * off, so every load is a first visit, and records its timeline.
 */
export async function runCriticalPath(options: CriticalPathOptions): Promise<CriticalPathLoad[]> {
  const dir = mkdtempSync(join(tmpdir(), 'leadgate-bench-pages-'));
  for (const mode of EMBED_MODES) writeFileSync(join(dir, `${mode}.html`), hostPage(mode, options.workerUrl, options.formId));
  const host = await startStaticServer({ dir, port: PORTS.hostPages });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Without site isolation the cross-site iframe stays in the page's process, so the
    // page's network throttling covers the frame's requests too (an out-of-process frame
    // is not throttled by it), as on Android, where Chrome does not isolate every site.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-site-isolation-trials',
    ],
  });
  try {
    const loads: CriticalPathLoad[] = [];
    for (let index = -1; index < options.repeat; index++) {
      // Alternating which mode goes first spreads the machine's noise over both.
      const order = index % 2 === 0 ? [...EMBED_MODES].reverse() : EMBED_MODES;
      for (const mode of order) {
        const load = await loadOnce(browser, `${host.url}/${mode}.html`, mode, options.workerUrl);
        if (index >= 0) loads.push(load);
        options.say(
          `${index < 0 ? 'warm-up' : `load ${index + 1}/${options.repeat}`}, ${mode}: visible ${load.visibleMs === null ? '-' : Math.round(load.visibleMs - load.loaderEndMs)} ms, ready ${Math.round(load.readyMs - load.loaderEndMs)} ms after the loader arrived; CLS ${load.layoutShifts.reduce((sum, shift) => sum + shift.value, 0).toFixed(4)}`,
        );
      }
    }
    return loads;
  } finally {
    await browser.close();
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function loadOnce(browser: Browser, url: string, mode: EmbedMode, workerUrl: string): Promise<CriticalPathLoad> {
  const context = await browser.newContext({ locale: 'de-DE' });
  try {
    // In the page and in every frame, before any script of theirs: nothing is added to the widget.
    await context.addInitScript(PROBE);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    const cdp = await context.newCDPSession(page);
    const responses = new Map<string, { url: string; type: string; encoding: string | null }>();
    const scripts: ScriptTransfer[] = [];
    const transfers: ScriptTransfer[] = [];
    const pending = new Set<string>();
    cdp.on('Network.requestWillBeSent', (event) => pending.add(event.requestId));
    cdp.on('Network.responseReceived', (event) => {
      const headers = Object.fromEntries(Object.entries(event.response.headers).map(([name, value]) => [name.toLowerCase(), value]));
      responses.set(event.requestId, { url: event.response.url, type: event.type, encoding: headers['content-encoding'] ?? null });
    });
    cdp.on('Network.loadingFinished', (event) => {
      pending.delete(event.requestId);
      const response = responses.get(event.requestId);
      if (!response) return;
      const transfer = { url: response.url, bytes: event.encodedDataLength, encoding: response.encoding };
      transfers.push(transfer);
      if (response.type === 'Script') scripts.push(transfer);
    });
    cdp.on('Network.loadingFailed', (event) => pending.delete(event.requestId));
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', THROTTLE);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });

    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction('window.leadgateBench.readyAt !== null', null, { timeout: READY_TIMEOUT_MS });
    // Let what is still on the wire arrive, so its bytes are counted.
    const settleBy = Date.now() + SETTLE_TIMEOUT_MS;
    while (pending.size > 0 && Date.now() < settleBy) await new Promise((resolve) => setTimeout(resolve, 50));

    const readyAt = await page.evaluate<number>('window.leadgateBench.readyAt');
    const shiftsUntil = Date.now() + SHIFTS_AFTER_READY_MS;
    while (Date.now() < shiftsUntil) await new Promise((resolve) => setTimeout(resolve, 50));
    const timeline = await page.evaluate<DocumentTimeline>(READ_TIMELINE);
    const frames = await Promise.all(
      page
        .frames()
        .filter((frame) => frame !== page.mainFrame())
        .map((frame) => frame.evaluate<DocumentTimeline>(READ_TIMELINE)),
    );
    const requests = mergeTimelines(timeline, frames);
    const loader = requests.find((request) => request.from === 'page' && request.url === loaderUrl(workerUrl));
    if (!loader) throw new Error(`${mode} embed: the page has no Resource Timing entry for ${loaderUrl(workerUrl)}`);
    const probes = await Promise.all(page.frames().map((frame) => frame.evaluate<Probe>('window.leadgateProbe')));
    const seen = probes.flatMap((probe) => (probe.visibleAt === null ? [] : [probe.visibleAt - timeline.timeOrigin]));
    const app = requests.find((request) => isAppChunk(request.url) && request.endMs <= readyAt);
    return {
      mode,
      loaderEndMs: loader.endMs,
      readyMs: readyAt,
      visibleMs: seen.length ? Math.min(...seen) : null,
      appEndMs: app?.endMs ?? null,
      layoutShifts: (await page.evaluate<Probe>('window.leadgateProbe')).shifts,
      requests,
      scripts,
      transfers,
      problems,
    };
  } finally {
    await context.close();
  }
}

/** The app chunk by its name, in this build (`widget/<hash>/app.js`) and in those before it (`widget-app.js`). */
const isAppChunk = (url: string) => /\/(widget-)?app\.js$/.test(new URL(url).pathname);

/** What PROBE leaves in each document, as `window.leadgateProbe`. */
export interface Probe {
  /** `performance.timeOrigin + performance.now()` of the first animation frame with the form on screen. */
  readonly visibleAt: number | null;
  /** The top document's only. */
  readonly shifts: readonly LayoutShift[];
}

/**
 * Runs in the page and in every frame before their own scripts. Each animation frame it looks for
 * a rendered <form> with a box, in the document or in an open shadow root (where the loader and the
 * embed page put it), until it has seen one; in the top document it also keeps the `layout-shift`
 * entries without recent input. A string, for the reason READ_TIMELINE is one.
 */
export const PROBE = `(() => {
  const probe = { visibleAt: null, shifts: [] };
  window.leadgateProbe = probe;
  const shown = (form) => form !== null && form.getBoundingClientRect().height > 0;
  const look = () => {
    if (shown(document.querySelector('form'))) return true;
    for (const el of document.querySelectorAll('*')) if (el.shadowRoot && shown(el.shadowRoot.querySelector('form'))) return true;
    return false;
  };
  const poll = () => {
    if (look()) probe.visibleAt = performance.timeOrigin + performance.now();
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
  if (window !== top) return;
  const rect = (r) => r ? Math.round(r.x) + ',' + Math.round(r.y) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height) : '-';
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      probe.shifts.push({
        startMs: entry.startTime,
        value: entry.value,
        sources: (entry.sources || []).map((source) => ({
          node: source.node ? source.node.nodeName + (source.node.id ? '#' + source.node.id : '') + ' ' + (source.node.textContent || '').trim().slice(0, 24) : '(gone)',
          before: rect(source.previousRect),
          after: rect(source.currentRect),
        })),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
})()`;

/**
 * A document's time origin, navigation entry and resource entries, evaluated in
 * the page or a frame. A string, not a function: what tsx compiles a function
 * to may name helpers that exist only in Node.
 */
export const READ_TIMELINE = `(() => {
  const plain = (e) => ({ name: e.name, startTime: e.startTime, responseEnd: e.responseEnd, initiatorType: e.initiatorType });
  const navigation = performance.getEntriesByType('navigation')[0];
  return {
    timeOrigin: performance.timeOrigin,
    resources: performance.getEntriesByType('resource').map(plain),
    ...(navigation ? { navigation: plain(navigation) } : {}),
  };
})()`;
