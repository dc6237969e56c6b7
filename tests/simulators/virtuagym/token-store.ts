import { randomBytes } from 'node:crypto';

/** What a valid access token stands for. */
export interface TokenGrant {
  readonly clientId: string;
  readonly clubId: number;
  /** Epoch milliseconds from which the gateway refuses the token. */
  readonly expiresAt: number;
}

export interface TokenCounts {
  readonly issued: number;
  /** Tokens issued per club id; every known club is listed, 0 when none. */
  readonly perClub: Readonly<Record<string, number>>;
}

export interface TokenStore {
  issue(clientId: string, clubId: number, expiresInSeconds: number): string;
  /** The grant of a known, unexpired, unrevoked token at `now`. */
  check(token: string, now: number): TokenGrant | undefined;
  /** Drops every token, or those of one club; returns how many were dropped. */
  revoke(clubId?: number): number;
  counts(): TokenCounts;
  /** Forgets every token and zeroes the counters. */
  reset(): void;
}

/**
 * The issued access tokens: opaque random strings bound to one club, valid for `expires_in`
 * seconds on the injected clock, until revoked.
 */
export function createTokenStore(clubIds: readonly number[], now: () => number): TokenStore {
  let tokens = new Map<string, TokenGrant>();
  let perClub = new Map<number, number>();

  return {
    issue(clientId, clubId, expiresInSeconds) {
      const token = randomBytes(32).toString('base64url');
      tokens.set(token, { clientId, clubId, expiresAt: now() + expiresInSeconds * 1000 });
      perClub.set(clubId, (perClub.get(clubId) ?? 0) + 1);
      return token;
    },
    check(token, at) {
      const grant = tokens.get(token);
      return grant && at < grant.expiresAt ? grant : undefined;
    },
    revoke(clubId) {
      const before = tokens.size;
      tokens = new Map([...tokens].filter(([, grant]) => clubId !== undefined && grant.clubId !== clubId));
      return before - tokens.size;
    },
    counts() {
      const counts: Record<string, number> = {};
      for (const clubId of clubIds) counts[String(clubId)] = perClub.get(clubId) ?? 0;
      let issued = 0;
      for (const count of perClub.values()) issued += count;
      return { issued, perClub: counts };
    },
    reset() {
      tokens = new Map();
      perClub = new Map();
    },
  };
}
