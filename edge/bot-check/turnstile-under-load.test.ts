import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import type { ApiErrorBody } from '../../shared/api-error';
import type { FormSpec } from '../../shared/form-spec';
import { simulatorClient, turnstileToken } from '../../tests/stack/simulator-client';
import { formLimiter } from '../middleware/rate-limit';
import { resetBindings } from '../test-migrations';
import { humanProof, perfectGymLead, postLead, request, sim } from '../test-support';

// test-turnstile-under-load (tests/test-forms.json): Turnstile once 3 leads came within a minute, for 15 minutes after.
const FORM = 'test-turnstile-under-load';
const SITE_KEY = '0x4AAAAAAALeadgateDemoKey';
const turnstileUrl = inject('simulators').turnstile;
const turnstile = simulatorClient(turnstileUrl);

beforeEach(async () => {
  await resetBindings();
  await sim.reset();
  await turnstile.reset();
});

let visitor = 0;
/** A lead from a visitor of its own (so no client limit is met), without a Turnstile token unless given one. */
async function lead(token?: string): Promise<Response> {
  visitor += 1;
  const proof = await humanProof(FORM, { turnstile: token });
  return postLead(FORM, perfectGymLead(), { 'CF-Connecting-IP': `198.51.100.${visitor % 250}` }, proof);
}

async function specTurnstile(): Promise<NonNullable<FormSpec['bot']>['turnstile']> {
  return ((await (await request(`/v1/forms/${FORM}`)).json()) as FormSpec).bot?.turnstile;
}

const codeOf = async (response: Response) => ((await response.json()) as ApiErrorBody).error.code;
const siteverifyCalls = async () => (await turnstile.requests()).filter((r) => r.endpoint === 'siteverify').length;

describe('Turnstile under load', () => {
  it('takes leads without Turnstile while the form is under its threshold, and the spec offers it on demand only', async () => {
    expect(await specTurnstile()).toEqual({ siteKey: SITE_KEY, scriptUrl: `${turnstileUrl}/turnstile/v0/api.js`, onDemand: true });
    expect((await lead()).status).toBe(201);
    expect((await lead()).status).toBe(201);
    expect(await siteverifyCalls()).toBe(0);
    expect((await specTurnstile())?.onDemand).toBe(true);
  });

  it('asks for Turnstile once the form took its threshold of leads in a minute: without a token 403 CHALLENGE_FAILED, with one accepted', async () => {
    for (let i = 0; i < 3; i++) expect((await lead()).status).toBe(201);

    const without = await lead();
    expect(without.status).toBe(403);
    expect(await codeOf(without)).toBe('CHALLENGE_FAILED');
    expect(await specTurnstile()).toEqual({ siteKey: SITE_KEY, scriptUrl: `${turnstileUrl}/turnstile/v0/api.js` });

    const solved = await lead(await turnstileToken(turnstileUrl, SITE_KEY));
    expect(solved.status).toBe(201);
    expect(await siteverifyCalls()).toBe(1);
  });

  it('keeps asking for 15 minutes after the last lead at that rate, in the limiter’s storage', async () => {
    for (let i = 0; i < 3; i++) expect((await lead()).status).toBe(201);
    const limiter = formLimiter(env, FORM);
    expect(await limiter.turnstileRequired(Date.now() + 14 * 60_000)).toBe(true);
    expect(await limiter.turnstileRequired(Date.now() + 16 * 60_000)).toBe(false);
  });
});
