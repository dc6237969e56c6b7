import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { ApiErrorBody } from '../../shared/api-error';
import type { FormSpec } from '../../shared/form-spec';
import { simulatorClient, turnstileToken } from '../../tests/stack/simulator-client';
import { resetBindings } from '../test-migrations';
import { humanProof, postLead, request } from '../test-support';

const FORM = 'demo-crm';
const SITE_KEY = '0x4AAAAAAALeadgateDemoKey';
const turnstileUrl = inject('simulators').turnstile;
const turnstile = simulatorClient(turnstileUrl);
const crm = simulatorClient(inject('simulators')['intercode-crm']);

beforeEach(async () => {
  await resetBindings();
  await turnstile.reset();
  await crm.reset();
});
// The faults below stay on until a reset: leave Turnstile as the next file expects it.
afterAll(async () => {
  await turnstile.reset();
});

const lead = () => ({
  firstName: 'Tara',
  lastName: 'Turnstile',
  email: `tara.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`,
  // The CRM requires a phone number, so its form does too.
  phone: '+49 40 555123',
  consent: { privacy: true },
});

async function codeOf(response: Response): Promise<string> {
  return ((await response.json()) as ApiErrorBody).error.code;
}

const crmCreates = async () => (await crm.requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/leads')).length;
const siteverifyCalls = async () => (await turnstile.requests()).filter((r) => r.endpoint === 'siteverify');

describe('Turnstile', () => {
  it("puts the form's public site key and script in the spec, never its secret", async () => {
    const response = await request(`/v1/forms/${FORM}`);
    const spec = (await response.json()) as FormSpec;
    expect(spec.bot?.turnstile).toEqual({ siteKey: SITE_KEY, scriptUrl: `${turnstileUrl}/turnstile/v0/api.js` });
  });

  it('lets a solved challenge through, verified server-side with the secret and the visitor’s address', async () => {
    const response = await postLead(FORM, lead(), { 'CF-Connecting-IP': '198.51.100.44' });
    expect(response.status).toBe(201);
    const [verify] = await siteverifyCalls();
    expect(verify?.status).toBe(200);
    expect(verify?.body).toMatchObject({
      secret: '[redacted]',
      response: expect.any(String),
      remoteip: '198.51.100.44',
      idempotency_key: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it('refuses a submission without a token, with a made-up one, or with one already used, and the CRM never hears of them', async () => {
    const without = await postLead(FORM, lead(), {}, await humanProof(FORM, { turnstile: undefined }));
    expect(without.status).toBe(403);
    expect(await codeOf(without)).toBe('CHALLENGE_FAILED');

    const madeUp = await postLead(FORM, lead(), {}, await humanProof(FORM, { turnstile: 'XXXX.made.up.token' }));
    expect(await codeOf(madeUp)).toBe('CHALLENGE_FAILED');

    const token = await turnstileToken(turnstileUrl, SITE_KEY);
    expect((await postLead(FORM, lead(), {}, await humanProof(FORM, { turnstile: token }))).status).toBe(201);
    const again = await postLead(FORM, lead(), {}, await humanProof(FORM, { turnstile: token }));
    expect(again.status).toBe(403);
    expect(await codeOf(again)).toBe('CHALLENGE_FAILED');
    // The second use never went to Cloudflare: the Worker remembers spent tokens itself.
    expect(await siteverifyCalls()).toHaveLength(2);
    expect(await crmCreates()).toBe(1);
  });

  it('refuses a token solved on a site the form does not list', async () => {
    const token = await turnstileToken(turnstileUrl, SITE_KEY, 'evil.example').catch(() => undefined);
    // The simulator, like Cloudflare, refuses to hand out tokens for a domain the widget is not set up for.
    expect(token).toBeUndefined();
  });

  it('answers 503 CHALLENGE_UNAVAILABLE with Retry-After when Turnstile cannot be reached, and keeps nothing', async () => {
    await turnstile.fault({ endpoint: 'siteverify', mode: 'fail', status: 500 });
    const response = await postLead(FORM, lead());
    expect(response.status).toBe(503);
    expect(await codeOf(response)).toBe('CHALLENGE_UNAVAILABLE');
    expect(response.headers.get('Retry-After')).toBe('10');
    expect(await crmCreates()).toBe(0);
  });

  it('calls a rejected secret what it is: the form is misconfigured', async () => {
    await turnstile.fault({ endpoint: 'siteverify', mode: 'error-code', code: 'invalid-input-secret' });
    const response = await postLead(FORM, lead());
    expect(response.status).toBe(502);
    expect(await codeOf(response)).toBe('FORM_MISCONFIGURED');
  });
});
