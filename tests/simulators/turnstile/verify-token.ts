import type { SiteverifyParams } from './read-siteverify-body';
import type { SiteverifyAnswer } from './siteverify-answer';
import { siteverifyFailure, siteverifySuccess, testSecretFailure, testSecretSuccess } from './siteverify-answer';
import { DUMMY_TOKEN, dummySecret } from './test-keys';
import type { TokenStore } from './token-store';
import { TOKEN_LIFETIME_MS } from './token-store';
import type { WidgetFixture } from './widgets';

/** FACT: a token is at most 2048 characters long. */
export const MAX_TOKEN_LENGTH = 2048;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface VerifyContext {
  readonly widgets: readonly WidgetFixture[];
  readonly tokens: TokenStore;
  readonly now: number;
}

/** A test secret's answer. FACT: it needs the dummy token; GUESS: the failing ones answer their outcome for any token. */
function verifyWithTestSecret(outcome: 'pass' | 'invalid-input-response' | 'timeout-or-duplicate', response: string, now: number): SiteverifyAnswer {
  if (outcome !== 'pass') return testSecretFailure(outcome);
  // FACT: a test secret given a real token answers invalid-input-secret, to catch a test key left in production.
  return response === DUMMY_TOKEN ? testSecretSuccess(now) : testSecretFailure('invalid-input-secret');
}

/**
 * Siteverify's verdict on one call, spending the token when it passes. GUESS where Cloudflare
 * does not say: the secret is checked before the response; one error code per answer; only a
 * successful verification spends a token; a malformed idempotency_key is `bad-request`; an
 * idempotent retry must repeat the secret too.
 *
 * @example
 * const answer = verifyToken({ secret, response: token }, { widgets, tokens, now: Date.now() });
 */
export function verifyToken(params: SiteverifyParams, context: VerifyContext): SiteverifyAnswer {
  const { secret, response, idempotency_key: idempotencyKey } = params;
  if (secret === undefined || secret === '') return siteverifyFailure('missing-input-secret');
  const testSecret = dummySecret(secret);
  const widget = context.widgets.find((candidate) => candidate.secret === secret);
  if (!testSecret && !widget) return siteverifyFailure('invalid-input-secret');
  if (response === undefined || response === '') {
    return testSecret ? testSecretFailure('missing-input-response') : siteverifyFailure('missing-input-response');
  }
  if (idempotencyKey !== undefined && !UUID.test(idempotencyKey)) return siteverifyFailure('bad-request');
  if (testSecret) return verifyWithTestSecret(testSecret.outcome, response, context.now);

  // FACT: a real secret refuses the dummy token; an unknown or over-long token is invalid.
  const issued = response.length > MAX_TOKEN_LENGTH ? undefined : context.tokens.get(response);
  // FACT: a sitekey's token is only good with that sitekey's secret.
  if (!issued || issued.siteKey !== widget?.siteKey) return siteverifyFailure('invalid-input-response');
  if (issued.redemption) {
    const { redemption } = issued;
    // FACT: a retry carrying the first call's idempotency_key gets the first answer again.
    const retry = idempotencyKey !== undefined && redemption.idempotencyKey === idempotencyKey && redemption.secret === secret;
    return retry ? redemption.answer : siteverifyFailure('timeout-or-duplicate');
  }
  // FACT: timeout-or-duplicate also covers a token issued more than five minutes ago.
  if (context.now >= issued.solvedAt + TOKEN_LIFETIME_MS) return siteverifyFailure('timeout-or-duplicate');
  const answer = siteverifySuccess(issued);
  context.tokens.redeem(response, { secret, answer, ...(idempotencyKey === undefined ? {} : { idempotencyKey }) });
  return answer;
}
