import type { BotCheckSpec } from '../../../shared/form-spec';
import { loadTurnstile, type TurnstileApi } from './turnstile-api';

/** What a send that used a proof answered: a lead's or a profile step's outcome. */
export type SentAnswer = { readonly kind: string; readonly code?: string };

/** How long a send waits for a Turnstile token before going without one (and being told so by the Worker). */
const CHALLENGE_WAIT_MS = 60_000;

/** One form's Turnstile widget: put where the form has room for it, asked for tokens, reset when one is spent. */
export interface Challenge {
  /** Renders the challenge into `target` (removing it from where it was), or nowhere for null. */
  attach(target: HTMLElement | null): void;
  /** The current token, waiting for one while the challenge runs; undefined after a minute without, or at once while not asked for. */
  token(): Promise<string | undefined>;
  /**
   * A send used the token: Turnstile makes a new one for the next send. An on-demand
   * challenge (see BotCheckSpec) shows once a send's `outcome` is CHALLENGE_FAILED.
   */
  spent(outcome: SentAnswer): void;
}

/**
 * Cloudflare Turnstile for a form that has it: a chunk of its own, so forms
 * without it never load this code, and an on-demand one loads Cloudflare's
 * script only once the Worker asks for a solved challenge.
 */
export function createChallenge(turnstile: NonNullable<BotCheckSpec['turnstile']>, locale: string, onError: () => void): Challenge {
  let api: TurnstileApi | undefined;
  let widgetId: string | undefined;
  let current: string | undefined;
  let element: HTMLElement | null = null;
  let waiters: ((token: string | undefined) => void)[] = [];
  let asked = !turnstile.onDemand;

  const settle = (token: string | undefined) => {
    current = token;
    if (token !== undefined) for (const waiter of waiters.splice(0)) waiter(token);
  };

  const render = (target: HTMLElement) =>
    loadTurnstile(turnstile.scriptUrl).then((loaded) => {
      if (element !== target) return; // the slot went away while the script loaded
      api = loaded;
      widgetId = loaded.render(target, {
        sitekey: turnstile.siteKey,
        language: locale,
        callback: (token: string) => settle(token),
        'expired-callback': () => settle(undefined),
        'error-callback': () => {
          settle(undefined);
          onError();
          return true;
        },
      });
    }, onError);

  return {
    attach(target) {
      if (target === element) return;
      if (api && widgetId !== undefined) api.remove(widgetId);
      widgetId = current = undefined;
      element = target;
      if (target && asked) void render(target);
    },
    token() {
      // Not asked for yet: the send goes without, and its answer says whether it must not.
      if (current !== undefined || !asked) return Promise.resolve(current);
      return new Promise((resolve) => {
        const waiter = (value: string | undefined) => {
          clearTimeout(timer);
          resolve(value);
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          resolve(undefined);
        }, CHALLENGE_WAIT_MS);
        waiters.push(waiter);
      });
    },
    spent(outcome) {
      if (!asked && outcome.kind === 'failed' && outcome.code === 'CHALLENGE_FAILED') {
        asked = true;
        if (element) void render(element);
      }
      if (current === undefined || !api || widgetId === undefined) return;
      current = undefined;
      api.reset(widgetId);
    },
  };
}
