import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { BotCheckSpec } from '../../shared/form-spec';
import type { Proof } from '../../shared/submission';
import { loadTurnstile, type TurnstileApi } from './turnstile-api';

/** How long a send waits for a Turnstile token before going without one (and being told so by the Worker). */
const CHALLENGE_WAIT_MS = 60_000;

export interface BotProof {
  /** Put on the element Turnstile renders into; each phase of the form that can send has one. */
  readonly challengeRef: (element: HTMLElement | null) => void;
  /** The proof for one send: after the form's minimum fill time, with a fresh Turnstile token where the form has one. */
  readonly proof: (trap: string) => Promise<Proof>;
  /** A send used the token up: Turnstile makes a new one for the next send. */
  readonly spent: () => void;
}

interface Challenge {
  api?: TurnstileApi;
  widgetId?: string | undefined;
  token?: string | undefined;
  waiters: ((token: string | undefined) => void)[];
}

/**
 * What a submission carries to show a person sent it (see shared/form-spec
 * `BotCheckSpec`): the spec's form token, sent no sooner than the form's
 * minimum fill time after the form appeared, the hidden field's value, and a
 * Turnstile token where the form has Turnstile.
 */
export function useBotProof(bot: BotCheckSpec | undefined, locale: string, onChallengeError: () => void): BotProof {
  const onError = useRef(onChallengeError);
  onError.current = onChallengeError;
  // One instance for the form's life: Preact calls a ref again whenever its function changes, and
  // every call would put a new challenge in place of the one the visitor may be solving.
  const proof = useMemo(() => createBotProof(bot, locale, () => onError.current()), []);
  useEffect(() => () => proof.challengeRef(null), []);
  return proof;
}

function createBotProof(bot: BotCheckSpec | undefined, locale: string, onChallengeError: () => void): BotProof {
  const shownAt = Date.now();
  const challenge: Challenge = { waiters: [] };
  let element: HTMLElement | null = null;

  const settle = (token: string | undefined) => {
    challenge.token = token;
    if (token === undefined) return;
    for (const waiter of challenge.waiters.splice(0)) waiter(token);
  };

  const render = (target: HTMLElement) => {
    if (!bot?.turnstile) return;
    const { siteKey, scriptUrl } = bot.turnstile;
    loadTurnstile(scriptUrl).then(
      (api) => {
        if (element !== target) return; // the slot went away while the script loaded
        challenge.api = api;
        challenge.widgetId = api.render(target, {
          sitekey: siteKey,
          language: locale,
          callback: (token: string) => settle(token),
          'expired-callback': () => settle(undefined),
          'error-callback': () => {
            settle(undefined);
            onChallengeError();
            return true;
          },
        });
      },
      () => onChallengeError(),
    );
  };

  const challengeRef = (target: HTMLElement | null) => {
    if (target === element) return;
    if (challenge.api && challenge.widgetId !== undefined) challenge.api.remove(challenge.widgetId);
    challenge.widgetId = undefined;
    challenge.token = undefined;
    element = target;
    if (target) render(target);
  };

  const token = (): Promise<string | undefined> => {
    if (challenge.token !== undefined) return Promise.resolve(challenge.token);
    return new Promise((resolve) => {
      const waiter = (value: string | undefined) => {
        clearTimeout(timer);
        resolve(value);
      };
      const timer = setTimeout(() => {
        challenge.waiters = challenge.waiters.filter((w) => w !== waiter);
        resolve(undefined);
      }, CHALLENGE_WAIT_MS);
      challenge.waiters.push(waiter);
    });
  };

  return {
    challengeRef,
    async proof(trap) {
      const wait = shownAt + (bot?.minFillMs ?? 0) - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const turnstile = bot?.turnstile ? await token() : undefined;
      return {
        ...(bot ? { formToken: bot.formToken } : {}),
        ...(trap ? { trap } : {}),
        ...(turnstile ? { turnstile } : {}),
      };
    },
    spent() {
      if (challenge.token === undefined || !challenge.api || challenge.widgetId === undefined) return;
      challenge.token = undefined;
      challenge.api.reset(challenge.widgetId);
    },
  };
}
