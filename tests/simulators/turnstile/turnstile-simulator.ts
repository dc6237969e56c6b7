import type { Context } from 'hono';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { SimKit, SimKitEnv, SimVariables } from '../sim-kit';
import { CONTROL_PREFIX, createSimKit, isControlPath } from '../sim-kit';
import { CHALLENGE_PAGE, CHALLENGE_PAGE_CSP, CHALLENGE_SCRIPT_PATH } from './challenge-page';
import type { BrowserScript } from './load-browser-script';
import { loadBrowserScript } from './load-browser-script';
import { mediaType, readSiteverifyBody, redactMultipart } from './read-siteverify-body';
import type { ForcedOutcome } from './run-challenge';
import { runChallenge } from './run-challenge';
import type { SiteverifyErrorCode } from './siteverify-answer';
import { faultAnswer, isSiteverifyErrorCode, siteverifyFailure } from './siteverify-answer';
import { createTokenStore } from './token-store';
import { verifyToken } from './verify-token';
import type { WidgetFixture } from './widgets';

/** The endpoints a fault can target, as they appear in the request log. */
export const TURNSTILE_ENDPOINTS = ['siteverify', 'token'] as const;
export type TurnstileEndpoint = (typeof TURNSTILE_ENDPOINTS)[number];

/** FACT: the path of siteverify on `https://challenges.cloudflare.com`. */
export const SITEVERIFY_PATH = '/turnstile/v0/siteverify';

/** FACT: the path of the widget script on `https://challenges.cloudflare.com`. */
export const API_SCRIPT_PATH = '/turnstile/v0/api.js';

/** The challenge frame api.js embeds, standing in for Cloudflare's challenge iframe. */
export const CHALLENGE_PATH = '/turnstile/v0/__challenge';

/** Where the challenge frame gets its tokens; tests and scripts may ask it directly. */
export const TOKEN_PATH = '/turnstile/v0/__token';

export interface TurnstileSimulatorOptions {
  readonly widgets: readonly WidgetFixture[];
  /** The clock for token lifetimes, `challenge_ts` and log times; tests move it. */
  readonly now?: () => number;
}

export interface TurnstileSimulator {
  readonly app: Hono<TurnstileEnv>;
  readonly fetch: Hono<TurnstileEnv>['fetch'];
  readonly kit: SimKit;
  /** Everything back to the start: log, faults, issued and spent tokens. */
  reset(): void;
}

type TurnstileEnv = SimKitEnv & { Variables: SimVariables & { body: string } };

function classify(method: string, path: string): { endpoint?: TurnstileEndpoint } {
  if (method !== 'POST') return {};
  if (path === SITEVERIFY_PATH) return { endpoint: 'siteverify' };
  if (path === TOKEN_PATH) return { endpoint: 'token' };
  return {};
}

const json = (c: Context, body: unknown, status: number) => c.json(body, status as ContentfulStatusCode);

/** The `__token` parameters from a form or JSON body; any other body reads as none. */
async function readChallengeBody(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (mediaType(c.req.header('content-type')) === 'application/json') {
    try {
      const body = JSON.parse(text) as unknown;
      return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * A local stand-in for Cloudflare Turnstile on `challenges.cloudflare.com`: siteverify, the widget
 * script `api.js`, the challenge frame it embeds (`__challenge`) and `__token`, where that frame
 * gets the tokens Cloudflare's challenge would hand out. Knows the widgets of `widgets.json` and
 * Cloudflare's test keys. Control routes under `/__sim` read the log (secrets redacted), switch
 * faults on, count tokens, list widgets and reset.
 *
 * @example
 * const sim = createTurnstileSimulator({ widgets: loadWidgetFixtures({ DEMO_TURNSTILE_SECRET: 's' }) });
 * serve({ fetch: sim.fetch, hostname: '127.0.0.1', port: 8796 });
 */
export function createTurnstileSimulator(options: TurnstileSimulatorOptions): TurnstileSimulator {
  const now = options.now ?? Date.now;
  const siteKeys = options.widgets.map((widget) => widget.siteKey);
  const twice = siteKeys.find((siteKey, index) => siteKeys.indexOf(siteKey) !== index);
  if (twice !== undefined) throw new Error(`Turnstile widget ${twice} is defined twice`);
  const tokens = createTokenStore();

  const kit = createSimKit({
    endpoints: TURNSTILE_ENDPOINTS,
    classify,
    errorResponse: (c, status) => json(c, c.req.path === TOKEN_PATH ? { error: 'the challenge platform is unavailable' } : faultAnswer(), status),
    redactBodyFields: ['secret'],
    customFaultModes: {
      // Siteverify answers 200 with this error code and leaves the token unspent, e.g. internal-error.
      'error-code': { endpoints: ['siteverify'], params: { code: isSiteverifyErrorCode } },
      // A managed widget's challenge asks the visitor to click "Verify you are human".
      interactive: { endpoints: ['token'], params: {} },
      // The challenge fails as if the visitor were a bot: error-callback gets 600010.
      'challenge-fail': { endpoints: ['token'], params: {} },
    },
    now,
    onReset: () => tokens.reset(),
  });

  kit.controlRoutes.get('/tokens', (c) => c.json(tokens.counts()));
  kit.controlRoutes.get('/widgets', (c) =>
    c.json({ widgets: options.widgets.map(({ siteKey, secretEnv, domains, mode }) => ({ siteKey, secretEnv, domains, mode })) }),
  );

  const app = new Hono<TurnstileEnv>();
  app.route(CONTROL_PREFIX, kit.controlRoutes);

  // Before the log reads the body: sim-kit redacts JSON and form bodies, not multipart ones, so a
  // FormData call's secret is blanked in the text the log sees; the route reads the body as sent.
  app.use(SITEVERIFY_PATH, async (c, next) => {
    const sent = await c.req.text();
    c.set('body', sent);
    if (mediaType(c.req.header('content-type')) === 'multipart/form-data') {
      // Hono keeps a read body in bodyCache as a promise (its type names the resolved value).
      (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(redactMultipart(sent, ['secret']));
    }
    await next();
  });
  app.use('*', kit.middleware);

  // ---- siteverify ----

  app.post(SITEVERIFY_PATH, async (c) => {
    const params = await readSiteverifyBody(c.req.header('content-type'), c.var.body);
    if (params === 'bad-request') return c.json(siteverifyFailure('bad-request'));
    const widget = options.widgets.find((candidate) => candidate.secret === params.secret);
    const forced = kit.faults.take({ tenant: widget?.siteKey, endpoint: 'siteverify', modes: ['error-code'] });
    if (forced) return c.json(siteverifyFailure(forced.params.code as SiteverifyErrorCode));
    // FACT: siteverify answers 200 whether or not the token passes.
    return c.json(verifyToken(params, { widgets: options.widgets, tokens, now: now() }));
  });
  // GUESS: another method is refused in the same envelope.
  app.all(SITEVERIFY_PATH, (c) => json(c, siteverifyFailure('bad-request'), 405));

  // ---- the widget script and its challenge frame ----

  const serveScript = (name: BrowserScript) => async (c: Context) =>
    c.body(await loadBrowserScript(name), 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
  app.get(API_SCRIPT_PATH, serveScript('api-script'));
  app.get(CHALLENGE_SCRIPT_PATH, serveScript('challenge-script'));
  app.get(CHALLENGE_PATH, (c) => c.html(CHALLENGE_PAGE, 200, { 'Content-Security-Policy': CHALLENGE_PAGE_CSP, 'Cache-Control': 'no-store' }));

  app.post(TOKEN_PATH, async (c) => {
    const body = await readChallengeBody(c);
    // The challenge frame names the page's hostname (as the browser told it); a cross-origin caller
    // is held to the origin its browser states.
    const origin = c.req.header('origin');
    const crossOrigin = origin !== undefined && origin !== 'null' && origin !== new URL(c.req.url).origin;
    const hostname = crossOrigin ? new URL(origin).hostname : text(body.hostname);
    const result = runChallenge(
      {
        siteKey: text(body.sitekey),
        hostname,
        action: text(body.action),
        cdata: text(body.cdata),
        interacted: body.interaction === '1' || body.interaction === 'true' || body.interaction === true,
      },
      {
        widgets: options.widgets,
        tokens,
        now: now(),
        forced(widget): ForcedOutcome | undefined {
          const modes = widget?.mode === 'managed' ? ['challenge-fail', 'interactive'] : ['challenge-fail'];
          const fault = kit.faults.take({ tenant: widget?.siteKey, endpoint: 'token', modes });
          if (!fault) return undefined;
          return fault.mode === 'interactive' ? 'interactive' : 'fail';
        },
      },
    );
    // Every outcome is a 200, so the browser logs no failed request for a challenge that failed as it should.
    return c.json(result);
  });

  app.notFound((c) => {
    if (isControlPath(c.req.path)) return c.json({ error: 'unknown control route' }, 404);
    return c.text('Not Found', 404);
  });
  app.onError((error, c) => {
    console.error('turnstile simulator:', error);
    if (isControlPath(c.req.path)) return c.json({ error: String(error) }, 500);
    return c.req.path === SITEVERIFY_PATH ? json(c, faultAnswer(), 500) : c.json({ error: 'internal error' }, 500);
  });

  return { app, fetch: app.fetch, kit, reset: kit.reset };
}
