import { randomBytes } from 'node:crypto';
import type { SiteverifyAnswer, SolvedChallenge } from './siteverify-answer';

/** FACT: a token is valid for 300 seconds from the moment it was issued. */
export const TOKEN_LIFETIME_MS = 300_000;

/** The first successful siteverify call of a token, kept to answer its idempotent retries. */
export interface Redemption {
  readonly secret: string;
  readonly idempotencyKey?: string;
  readonly answer: SiteverifyAnswer;
}

/** A token the challenge handed out: the widget it belongs to and what it vouches for. */
export interface IssuedToken extends SolvedChallenge {
  readonly siteKey: string;
  redemption?: Redemption;
}

export interface TokenCounts {
  readonly issued: number;
  readonly redeemed: number;
}

export interface TokenStore {
  /** A fresh opaque token for a solved challenge of `siteKey`. */
  issue(siteKey: string, challenge: SolvedChallenge): string;
  get(token: string): IssuedToken | undefined;
  /** Marks the token spent; later calls without the same idempotency key are duplicates. */
  redeem(token: string, redemption: Redemption): void;
  counts(): TokenCounts;
  reset(): void;
}

/**
 * A real token: `0.` and ~650 characters of randomness. It encodes nothing, so nothing leaks
 * from it; the store remembers what it stands for.
 */
function newToken(): string {
  return `0.${randomBytes(480).toString('base64url')}.${randomBytes(16).toString('hex')}`;
}

/** The tokens issued since the last reset, and which of them siteverify has spent. */
export function createTokenStore(): TokenStore {
  let tokens = new Map<string, IssuedToken>();

  return {
    issue(siteKey, challenge) {
      const token = newToken();
      tokens.set(token, { siteKey, ...challenge });
      return token;
    },
    get: (token) => tokens.get(token),
    redeem(token, redemption) {
      const issued = tokens.get(token);
      if (issued) issued.redemption = redemption;
    },
    counts() {
      let redeemed = 0;
      for (const issued of tokens.values()) if (issued.redemption) redeemed += 1;
      return { issued: tokens.size, redeemed };
    },
    reset() {
      tokens = new Map();
    },
  };
}
