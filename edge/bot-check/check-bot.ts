import type { Context } from 'hono';
import type { Proof } from '../../shared/submission';
import { isAllowedHostname } from '../allowed-origin';
import type { AppEnv } from '../app-env';
import { clientIp } from '../client-ip';
import { LeadgateError } from '../errors';
import { log } from '../logger';
import { siteverifyVerifier } from './challenge-verifier';
import { checkFormToken, FORM_TOKEN_SECRET } from './form-token';
import { turnstileRequired } from './turnstile-required';
import { spendChallenge } from './used-challenges';

function secretOf(env: Env, name: string, c: Context<AppEnv>): string {
  const value = (env as unknown as Record<string, unknown>)[name];
  if (typeof value === 'string' && value !== '') return value;
  log('error', 'secret_missing', c, { secret: name });
  throw new LeadgateError('FORM_MISCONFIGURED');
}

function refuse(c: Context<AppEnv>, code: 'BOT_CHECK_FAILED' | 'CHALLENGE_FAILED', check: string, reason: string): never {
  log('warn', 'bot_check_failed', c, { check, reason });
  throw new LeadgateError(code);
}

/** The signing secret for form tokens, or FORM_MISCONFIGURED (logged by name) when the Worker lacks it. */
export const formTokenSecret = (c: Context<AppEnv>) => secretOf(c.env, FORM_TOKEN_SECRET, c);

/**
 * Refuses a submission a person did not send: the hidden field is filled, it
 * came sooner than a person fills the form, its form token is not this
 * Worker's, or (where the form asks for Turnstile now) its challenge token is
 * missing, spent or refused by Turnstile. Nothing it refuses goes near the vendor.
 */
export async function checkBot(c: Context<AppEnv>, proof: Proof | undefined): Promise<void> {
  const form = c.get('form');
  if (proof?.trap) refuse(c, 'BOT_CHECK_FAILED', 'trap', 'filled');
  const token = await checkFormToken(formTokenSecret(c), form.id, proof?.formToken, form.botCheck.minFillSeconds * 1000);
  if (!token.ok) refuse(c, 'BOT_CHECK_FAILED', 'form_token', token.reason);

  const turnstile = form.botCheck.turnstile;
  if (!turnstile || !(await turnstileRequired(c))) return;
  if (!proof?.turnstile) refuse(c, 'CHALLENGE_FAILED', 'turnstile', 'missing');
  if (!(await spendChallenge(c.env.DB, form.id, proof.turnstile))) refuse(c, 'CHALLENGE_FAILED', 'turnstile', 'spent');
  const verifier = siteverifyVerifier({ url: turnstile.siteverifyUrl, secret: secretOf(c.env, turnstile.secretSecret, c) });
  const verdict = await verifier.verify(proof.turnstile, { remoteIp: clientIp(c) });
  if (verdict.ok) {
    // Solved on the gym's page (script embed) or in our own embed page (iframe).
    const own = new URL(c.req.url).hostname;
    if (verdict.hostname === undefined || verdict.hostname === own || isAllowedHostname(form.allowedOrigins, verdict.hostname)) return;
    refuse(c, 'CHALLENGE_FAILED', 'turnstile', 'hostname');
  }
  const codes = verdict.codes.join(',');
  if (verdict.reason === 'misconfigured') {
    log('error', 'turnstile_misconfigured', c, { codes });
    throw new LeadgateError('FORM_MISCONFIGURED');
  }
  if (verdict.reason === 'unavailable') {
    log('warn', 'turnstile_unavailable', c, { codes });
    throw new LeadgateError('CHALLENGE_UNAVAILABLE', { retryAfter: 10 });
  }
  refuse(c, 'CHALLENGE_FAILED', 'turnstile', `${verdict.reason}:${codes}`);
}
