import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../shared/api-error';
import type { FormSpec } from '../../shared/form-spec';
import { resetBindings } from '../test-migrations';
import { humanProof, perfectGymLead, postLead, request, sim } from '../test-support';
import { FORM_TOKEN_SECRET, issueFormToken } from './form-token';

const FORM = 'demo-perfectgym';
const TENANT = 'demo-gym';
const secret = (env as unknown as Record<string, string>)[FORM_TOKEN_SECRET]!;

beforeEach(async () => {
  await resetBindings();
  await sim.reset();
});

async function codeOf(response: Response): Promise<string> {
  return ((await response.json()) as ApiErrorBody).error.code;
}

const vendorCalls = async () => (await sim.requests(TENANT)).filter((r) => r.endpoint === 'validate' || r.endpoint === 'create').length;

describe('the bot check', () => {
  it('hands out a form token and the minimum fill time with the spec', async () => {
    const spec = (await (await request(`/v1/forms/${FORM}`)).json()) as FormSpec;
    expect(spec.bot).toMatchObject({ minFillMs: 3000, formToken: expect.stringMatching(/^v1\.\d+\.[\w-]{43}$/) });
    expect(spec.bot?.turnstile).toBeUndefined();
  });

  it('takes a submission with a token older than the minimum fill time', async () => {
    expect((await postLead(FORM, perfectGymLead())).status).toBe(201);
  });

  it.each([
    ['without any proof', null],
    ['without a form token', {}],
    ['with the hidden field filled', { trap: 'https://spam.example' }],
    ['with a malformed token', { formToken: 'v1.123.abc' }],
  ] as const)('refuses a submission %s with 403 BOT_CHECK_FAILED, and the vendor never hears of it', async (_name, proof) => {
    const extra = proof === null ? null : { ...(await humanProof(FORM)), formToken: undefined, ...proof };
    const response = await postLead(FORM, perfectGymLead(), {}, extra === null ? null : JSON.parse(JSON.stringify(extra)));
    expect(response.status).toBe(403);
    expect(await codeOf(response)).toBe('BOT_CHECK_FAILED');
    expect(await vendorCalls()).toBe(0);
  });

  it('refuses the hidden field filled even beside a good token', async () => {
    const response = await postLead(FORM, perfectGymLead(), {}, await humanProof(FORM, { trap: 'x' }));
    expect(await codeOf(response)).toBe('BOT_CHECK_FAILED');
  });

  it('refuses a submission sent sooner after loading the form than a person fills it', async () => {
    const fresh = await issueFormToken(secret, FORM, Date.now() - 500);
    const response = await postLead(FORM, perfectGymLead(), {}, { formToken: fresh });
    expect(response.status).toBe(403);
    expect(await codeOf(response)).toBe('BOT_CHECK_FAILED');
    const spec = (await (await request(`/v1/forms/${FORM}`)).json()) as FormSpec;
    expect(await codeOf(await postLead(FORM, perfectGymLead(), {}, { formToken: spec.bot!.formToken }))).toBe('BOT_CHECK_FAILED');
    expect(await vendorCalls()).toBe(0);
  });

  it('refuses a token signed with another key, made for another form, from the future or too old', async () => {
    const forged = await issueFormToken('not-the-worker-secret', FORM, Date.now() - 60_000);
    const otherForm = await issueFormToken(secret, 'demo-magicline-open', Date.now() - 60_000);
    const future = await issueFormToken(secret, FORM, Date.now() + 3_600_000);
    const old = await issueFormToken(secret, FORM, Date.now() - 9 * 86_400_000);
    for (const formToken of [forged, otherForm, future, old]) {
      const response = await postLead(FORM, perfectGymLead(), {}, { formToken });
      expect(response.status).toBe(403);
      expect(await codeOf(response)).toBe('BOT_CHECK_FAILED');
    }
    expect(await vendorCalls()).toBe(0);
  });

  it('answers a repeat of a stored submission with its first answer, whatever its proof now', async () => {
    const lead = perfectGymLead();
    const key = `repeat-${Date.now()}`;
    expect((await postLead(FORM, lead, { 'Idempotency-Key': key })).status).toBe(201);
    const again = await postLead(FORM, lead, { 'Idempotency-Key': key }, { formToken: 'v1.1.x' });
    expect(again.status).toBe(201);
  });
});
