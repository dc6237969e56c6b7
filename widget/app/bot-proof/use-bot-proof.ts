import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { BotCheckSpec } from '../../../shared/form-spec';
import type { Proof } from '../../../shared/submission';
import type { SentAnswer } from './turnstile-challenge';

export interface BotProof {
  /** Put on the element Turnstile renders into; each phase of the form that can send has one. */
  readonly challengeRef: (element: HTMLElement | null) => void;
  /** The proof for one send: after the form's minimum fill time, with a fresh Turnstile token where the form has one. */
  readonly proof: (trap: string) => Promise<Proof>;
  /** A send used the token up: Turnstile makes a new one for the next send (or, asked for by `outcome`, shows). */
  readonly spent: (outcome: SentAnswer) => void;
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

function createBotProof(bot: BotCheckSpec | undefined, locale: string, onError: () => void): BotProof {
  const shownAt = Date.now();
  const turnstile = bot?.turnstile;
  const challenge = turnstile && import('./turnstile-challenge').then((m) => m.createChallenge(turnstile, locale, onError));
  challenge?.catch(onError);
  return {
    challengeRef: (element) => void challenge?.then((c) => c.attach(element)),
    async proof(trap) {
      const wait = shownAt + (bot?.minFillMs ?? 0) - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const token = challenge && (await (await challenge).token());
      return {
        ...(bot ? { formToken: bot.formToken } : {}),
        ...(trap ? { trap } : {}),
        ...(token ? { turnstile: token } : {}),
      };
    },
    spent: (outcome) => void challenge?.then((c) => c.spent(outcome)),
  };
}
