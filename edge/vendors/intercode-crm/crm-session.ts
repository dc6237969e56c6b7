/** What the session broker needs to sign the service account in. Secrets travel only inside the Worker. */
export interface LoginRequest {
  readonly baseUrl: string;
  readonly email: string;
  readonly password: string;
  readonly timeoutMs: number;
}

/** The header a CRM call carries to be signed in: the session cookie, or the static bearer token. */
export interface CrmCredential {
  readonly name: 'cookie' | 'authorization';
  readonly value: string;
}

export type SessionResult =
  | { readonly ok: true; readonly credential: CrmCredential }
  | { readonly ok: false; readonly kind: 'refused' | 'unavailable'; readonly reason: string; readonly retryAfter?: number };

/** Where the adapter gets its credential; `refresh` replaces one the CRM answered 401 to. */
export interface CrmSessionSource {
  get(): Promise<SessionResult>;
  refresh(refused: CrmCredential): Promise<SessionResult>;
}

/** The static bearer token: nothing to renew, so a refused token stays refused (the operator's to fix). */
export function staticToken(token: string): CrmSessionSource {
  const result: SessionResult = { ok: true, credential: { name: 'authorization', value: `Bearer ${token}` } };
  return { get: async () => result, refresh: async () => result };
}
