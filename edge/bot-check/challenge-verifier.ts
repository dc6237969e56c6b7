/** What a challenge provider said of one token. */
export type ChallengeVerdict =
  | { readonly ok: true; readonly hostname: string | undefined }
  | {
      readonly ok: false;
      /** invalid: no person solved it; used: spent or expired; misconfigured: our secret is wrong; unavailable: ask again later. */
      readonly reason: 'invalid' | 'used' | 'misconfigured' | 'unavailable';
      /** The provider's own codes, for the log. */
      readonly codes: readonly string[];
    };

/** Checks a challenge token with its provider. Local runs and tests point it at a simulator. */
export interface ChallengeVerifier {
  verify(token: string, options: { readonly remoteIp: string | undefined }): Promise<ChallengeVerdict>;
}

export interface SiteverifyOptions {
  /** `https://challenges.cloudflare.com/turnstile/v0/siteverify`, or a simulator's. */
  readonly url: string;
  readonly secret: string;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

interface SiteverifyAnswer {
  readonly success?: unknown;
  readonly 'error-codes'?: unknown;
  readonly hostname?: unknown;
}

function verdictOf(answer: SiteverifyAnswer): ChallengeVerdict {
  const codes = Array.isArray(answer['error-codes']) ? answer['error-codes'].filter((c): c is string => typeof c === 'string') : [];
  if (answer.success === true) return { ok: true, hostname: typeof answer.hostname === 'string' ? answer.hostname : undefined };
  if (codes.some((c) => c === 'missing-input-secret' || c === 'invalid-input-secret')) return { ok: false, reason: 'misconfigured', codes };
  if (codes.includes('timeout-or-duplicate')) return { ok: false, reason: 'used', codes };
  if (codes.some((c) => c === 'internal-error' || c === 'bad-request')) return { ok: false, reason: 'unavailable', codes };
  return { ok: false, reason: 'invalid', codes };
}

/**
 * Cloudflare Turnstile's Siteverify API. One idempotency key per token, so the
 * one retry after a lost answer gets the first verdict instead of
 * `timeout-or-duplicate`.
 */
export function siteverifyVerifier(options: SiteverifyOptions): ChallengeVerifier {
  const send = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 5000;
  return {
    async verify(token, { remoteIp }) {
      const body = JSON.stringify({
        secret: options.secret,
        response: token,
        idempotency_key: crypto.randomUUID(),
        ...(remoteIp ? { remoteip: remoteIp } : {}),
      });
      for (let attempt = 1; ; attempt++) {
        try {
          const response = await send(options.url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body,
            signal: AbortSignal.timeout(timeoutMs),
          });
          if (response.status >= 500 && attempt < 2) continue;
          if (!response.ok) return { ok: false, reason: 'unavailable', codes: [`status_${response.status}`] };
          return verdictOf((await response.json()) as SiteverifyAnswer);
        } catch {
          if (attempt >= 2) return { ok: false, reason: 'unavailable', codes: ['network'] };
        }
      }
    },
  };
}
