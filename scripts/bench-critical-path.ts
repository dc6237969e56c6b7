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
  /** Every request of the page and its frames. */
  readonly requests: readonly TimedRequest[];
  readonly scripts: readonly ScriptTransfer[];
  /** Page errors and console errors. */
  readonly problems: readonly string[];
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
const SETTLE_TIMEOUT_MS = 5_000;

/** A gym's page with the tag, and a listener that notes when the form is ready (the event bubbles to `document`). */
function hostPage(mode: EmbedMode, workerUrl: string, formId: string): string {
  const tag =
    mode === 'script'
      ? `<script async src="${loaderUrl(workerUrl)}" data-leadgate-form="${formId}"></script>`
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
          `${index < 0 ? 'warm-up' : `load ${index + 1}/${options.repeat}`}, ${mode}: ready ${Math.round(load.readyMs - load.loaderEndMs)} ms after the loader arrived`,
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
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    const cdp = await context.newCDPSession(page);
    const responses = new Map<string, { url: string; type: string; encoding: string | null }>();
    const scripts: ScriptTransfer[] = [];
    const pending = new Set<string>();
    cdp.on('Network.requestWillBeSent', (event) => pending.add(event.requestId));
    cdp.on('Network.responseReceived', (event) => {
      const headers = Object.fromEntries(Object.entries(event.response.headers).map(([name, value]) => [name.toLowerCase(), value]));
      responses.set(event.requestId, { url: event.response.url, type: event.type, encoding: headers['content-encoding'] ?? null });
    });
    cdp.on('Network.loadingFinished', (event) => {
      pending.delete(event.requestId);
      const response = responses.get(event.requestId);
      if (response?.type === 'Script') scripts.push({ url: response.url, bytes: event.encodedDataLength, encoding: response.encoding });
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
    return { mode, loaderEndMs: loader.endMs, readyMs: readyAt, requests, scripts, problems };
  } finally {
    await context.close();
  }
}

/**
 * A document's time origin, navigation entry and resource entries, evaluated in
 * the page or a frame. A string, not a function: what tsx compiles a function
 * to may name helpers that exist only in Node.
 */
const READ_TIMELINE = `(() => {
  const plain = (e) => ({ name: e.name, startTime: e.startTime, responseEnd: e.responseEnd, initiatorType: e.initiatorType });
  const navigation = performance.getEntriesByType('navigation')[0];
  return {
    timeOrigin: performance.timeOrigin,
    resources: performance.getEntriesByType('resource').map(plain),
    ...(navigation ? { navigation: plain(navigation) } : {}),
  };
})()`;
