/** FACT: the error codes siteverify documents, and no others. */
export const SITEVERIFY_ERROR_CODES = [
  'missing-input-secret',
  'invalid-input-secret',
  'missing-input-response',
  'invalid-input-response',
  'bad-request',
  'timeout-or-duplicate',
  'internal-error',
] as const;
export type SiteverifyErrorCode = (typeof SITEVERIFY_ERROR_CODES)[number];

export const isSiteverifyErrorCode = (value: unknown): value is SiteverifyErrorCode => SITEVERIFY_ERROR_CODES.some((code) => code === value);

/**
 * The body siteverify answers, always as JSON. FACT: `success`, `error-codes`, and on success
 * `challenge_ts`, `hostname`, `action` and `cdata`. COMMUNITY (observed answers): `action` and
 * `cdata` are `""` when the page set none; `metadata.interactive` on a real widget's success;
 * `metadata.result_with_testing_key` on every answer to a test secret; `messages: []` on failures.
 */
export interface SiteverifyAnswer {
  readonly success: boolean;
  readonly 'error-codes': readonly SiteverifyErrorCode[];
  readonly challenge_ts?: string;
  readonly hostname?: string;
  readonly action?: string;
  readonly cdata?: string;
  readonly messages?: readonly string[];
  readonly metadata?: { readonly interactive?: boolean; readonly result_with_testing_key?: true };
}

/** What a solved challenge vouches for. */
export interface SolvedChallenge {
  /** Epoch milliseconds at which the challenge was solved. */
  readonly solvedAt: number;
  readonly hostname: string;
  readonly action: string;
  readonly cdata: string;
  readonly interactive: boolean;
}

export const siteverifySuccess = (challenge: SolvedChallenge): SiteverifyAnswer => ({
  success: true,
  'error-codes': [],
  challenge_ts: new Date(challenge.solvedAt).toISOString(),
  hostname: challenge.hostname,
  action: challenge.action,
  cdata: challenge.cdata,
  metadata: { interactive: challenge.interactive },
});

export const siteverifyFailure = (code: SiteverifyErrorCode): SiteverifyAnswer => ({
  success: false,
  'error-codes': [code],
  messages: [],
});

/** COMMUNITY: the test secrets answer a canned body: hostname `example.com`, empty action and cdata. */
export const testSecretSuccess = (now: number): SiteverifyAnswer => ({
  ...siteverifySuccess({ solvedAt: now, hostname: 'example.com', action: '', cdata: '', interactive: false }),
  metadata: { result_with_testing_key: true },
});

export const testSecretFailure = (code: SiteverifyErrorCode): SiteverifyAnswer => ({
  ...siteverifyFailure(code),
  metadata: { result_with_testing_key: true },
});

/**
 * GUESS: the body of a `fail` or `rate-limit` fault. Cloudflare documents `internal-error` as
 * "can be retried", so every fault status carries it in the usual envelope.
 */
export const faultAnswer = (): SiteverifyAnswer => siteverifyFailure('internal-error');
