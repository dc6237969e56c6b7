/** What the broker needs to ask Keycloak for a club's token. Secrets travel only inside the Worker. */
export interface TokenRequest {
  readonly tokenUrl: string;
  readonly clubId: number;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly timeoutMs: number;
}

export type TokenResult =
  | { readonly ok: true; readonly accessToken: string }
  /**
   * `invalid_client`: wrong credentials; `refused`: any other refusal of the grant (say 400
   * `unsupported_grant_type` or `invalid_scope`), the operator's to fix too; `unavailable`: no
   * answer, 408, 429 or 5xx, worth another attempt.
   */
  | { readonly ok: false; readonly kind: 'invalid_client' | 'refused' | 'unavailable'; readonly reason: string; readonly retryAfter?: number };

/** Where an adapter gets its bearer token; `refresh` replaces a token the gateway refused. */
export interface TokenSource {
  get(): Promise<TokenResult>;
  refresh(refused: string): Promise<TokenResult>;
}

/**
 * How long before the vendor's expiry a token is renewed: 60 s, or half the
 * lifetime for very short-lived tokens, so a 2 s token is still used for 1 s.
 */
export function renewalMarginSeconds(expiresIn: number): number {
  return Math.min(60, expiresIn / 2);
}
