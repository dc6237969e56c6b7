import { Script } from 'node:vm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ServedApp } from '../serve-app';
import { serveApp } from '../serve-app';
import { DUMMY_TOKEN } from './test-keys';
import { turnstileEntry } from './turnstile-entry';
import { createTurnstileSimulator } from './turnstile-simulator';
import type { WidgetDefinition } from './widgets';
import { loadWidgetFixtures, readWidgetDefinitions } from './widgets';

const DEMO = '0x4AAAAAAALeadgateDemoKey';
const SECRET = 'turnstile-demo-secret-4b1e';
const OTHER = '0x4AAAAAAAOtherStudioKey';
const OTHER_SECRET = 'turnstile-other-secret-93c7';
const OTHER_WIDGET: WidgetDefinition = { siteKey: OTHER, secretEnv: 'OTHER_TURNSTILE_SECRET', domains: ['example.com'], mode: 'non-interactive' };
const PASS_SECRET = '1x0000000000000000000000000000000AA';
const FAIL_SECRET = '2x0000000000000000000000000000000AA';
const SPENT_SECRET = '3x0000000000000000000000000000000AA';
const START = Date.parse('2026-05-04T10:00:00Z');
const UUID = 'f3b8c0de-2b6a-4c55-9a3e-6d1f0b7e4a21';

let clock = START;
let served: ServedApp;

type Json = Record<string, any>;
interface Answer {
  status: number;
  body: any;
  text: string;
  headers: Headers;
}

async function send(method: string, path: string, init: { headers?: Record<string, string>; body?: BodyInit } = {}): Promise<Answer> {
  const response = await fetch(`${served.url}${path}`, { method, ...init });
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body, text, headers: response.headers };
}

const control = (method: string, path: string, body?: unknown) =>
  send(method, `/__sim${path}`, body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

/** What the widget script asks for; a test names the hostname, as a page's script would. */
const challenge = (fields: Json, headers: Record<string, string> = {}) =>
  send('POST', '/turnstile/v0/__token', {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ hostname: '127.0.0.1', ...fields }).toString(),
  });

async function issue(fields: Json = {}): Promise<string> {
  const answer = await challenge({ sitekey: DEMO, ...fields });
  expect(answer.status).toBe(200);
  return answer.body.token;
}

type Encoding = 'form' | 'json' | 'multipart';

function siteverify(params: Json, encoding: Encoding = 'form'): Promise<Answer> {
  const path = '/turnstile/v0/siteverify';
  if (encoding === 'json') {
    return send('POST', path, { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(params) });
  }
  if (encoding === 'multipart') {
    const form = new FormData();
    for (const [name, value] of Object.entries(params)) form.append(name, value);
    return send('POST', path, { body: form });
  }
  return send('POST', path, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString() });
}

/** A 200 with `success: false` and exactly this error code, as Cloudflare answers every refusal. */
function expectRefused(answer: Answer, code: string) {
  expect({ status: answer.status, body: answer.body }).toEqual({
    status: 200,
    body: expect.objectContaining({ success: false, 'error-codes': [code] }),
  });
  expect(answer.body).not.toHaveProperty('hostname');
  expect(answer.body).not.toHaveProperty('challenge_ts');
}

beforeAll(async () => {
  const widgets = loadWidgetFixtures({ DEMO_TURNSTILE_SECRET: SECRET, OTHER_TURNSTILE_SECRET: OTHER_SECRET }, [...readWidgetDefinitions(), OTHER_WIDGET]);
  served = await serveApp(createTurnstileSimulator({ widgets, now: () => clock }).fetch, 0);
});

afterAll(() => served.close());

beforeEach(async () => {
  clock = START;
  expect((await control('POST', '/reset')).status).toBe(200);
});

describe('siteverify', () => {
  it('passes a fresh token with its widget secret, answering the documented fields as JSON', async () => {
    const token = await issue();
    clock += 42_000;
    const answer = await siteverify({ secret: SECRET, response: token, remoteip: '203.0.113.7' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.body).toEqual({
      success: true,
      'error-codes': [],
      challenge_ts: '2026-05-04T10:00:00.000Z',
      hostname: '127.0.0.1',
      action: '',
      cdata: '',
      metadata: { interactive: false },
    });
  });

  it.each(['form', 'json', 'multipart'] as const)('reads a %s body', async (encoding) => {
    const answer = await siteverify({ secret: SECRET, response: await issue() }, encoding);
    expect(answer.body).toMatchObject({ success: true });
  });

  it('returns the action and cdata the page set, and the hostname the token was issued for', async () => {
    const token = await issue({ action: 'lead-form', cdata: 'studio_7', hostname: 'localhost' });
    const answer = await siteverify({ secret: SECRET, response: token }, 'json');
    expect(answer.body).toMatchObject({ success: true, action: 'lead-form', cdata: 'studio_7', hostname: 'localhost' });
  });

  it('answers missing-input-secret without a secret and invalid-input-secret for an unknown one', async () => {
    const token = await issue();
    expectRefused(await siteverify({ response: token }), 'missing-input-secret');
    expectRefused(await siteverify({ secret: '', response: token }, 'json'), 'missing-input-secret');
    expectRefused(await siteverify({ secret: 'not-a-secret', response: token }), 'invalid-input-secret');
    expect((await siteverify({ secret: SECRET, response: token })).body.success).toBe(true);
  });

  it('answers missing-input-response without a token', async () => {
    expectRefused(await siteverify({ secret: SECRET }), 'missing-input-response');
    expectRefused(await siteverify({ secret: SECRET, response: '' }, 'json'), 'missing-input-response');
  });

  it('answers invalid-input-response for a made-up, an over-long or the dummy token', async () => {
    const token = await issue();
    expectRefused(await siteverify({ secret: SECRET, response: `${token.slice(0, -1)}x` }), 'invalid-input-response');
    expectRefused(await siteverify({ secret: SECRET, response: 'a'.repeat(2049) }), 'invalid-input-response');
    expectRefused(await siteverify({ secret: SECRET, response: DUMMY_TOKEN }), 'invalid-input-response');
  });

  it('spends a token on its first verification: the second is timeout-or-duplicate', async () => {
    const token = await issue();
    expect((await siteverify({ secret: SECRET, response: token })).body.success).toBe(true);
    expectRefused(await siteverify({ secret: SECRET, response: token }), 'timeout-or-duplicate');
    expectRefused(await siteverify({ secret: SECRET, response: token }, 'json'), 'timeout-or-duplicate');
  });

  it('accepts a token for 300 seconds on the simulator clock, then answers timeout-or-duplicate', async () => {
    const early = await issue();
    const late = await issue();
    clock += 299_999;
    expect((await siteverify({ secret: SECRET, response: early })).body.success).toBe(true);
    clock += 1;
    expectRefused(await siteverify({ secret: SECRET, response: late }), 'timeout-or-duplicate');
  });

  it('answers a retry carrying the first call’s idempotency_key with the first answer', async () => {
    const token = await issue();
    const first = await siteverify({ secret: SECRET, response: token, idempotency_key: UUID }, 'json');
    expect(first.body.success).toBe(true);
    clock += 5_000;
    const retry = await siteverify({ secret: SECRET, response: token, idempotency_key: UUID }, 'json');
    expect(retry.body).toEqual(first.body);
    expectRefused(await siteverify({ secret: SECRET, response: token }, 'json'), 'timeout-or-duplicate');
    const otherKey = '0c2d8a4e-7f61-4b2a-8d9e-3a5b6c7d8e9f';
    expectRefused(await siteverify({ secret: SECRET, response: token, idempotency_key: otherKey }, 'json'), 'timeout-or-duplicate');
  });

  it('does not let an idempotency_key first used on a spent token revive it', async () => {
    const token = await issue();
    expect((await siteverify({ secret: SECRET, response: token })).body.success).toBe(true);
    expectRefused(await siteverify({ secret: SECRET, response: token, idempotency_key: UUID }), 'timeout-or-duplicate');
    expectRefused(await siteverify({ secret: SECRET, response: token, idempotency_key: UUID }), 'timeout-or-duplicate');
  });

  it('answers bad-request for an idempotency_key that is no UUID', async () => {
    expectRefused(await siteverify({ secret: SECRET, response: await issue(), idempotency_key: 'retry-1' }), 'bad-request');
  });

  it('refuses a token issued for another sitekey with invalid-input-response, leaving it unspent', async () => {
    const token = await issue();
    expectRefused(await siteverify({ secret: OTHER_SECRET, response: token }), 'invalid-input-response');
    expect((await siteverify({ secret: SECRET, response: token })).body.success).toBe(true);
  });

  it('answers bad-request with status 200 to a body that is neither form nor JSON', async () => {
    const path = '/turnstile/v0/siteverify';
    const params = `secret=${SECRET}&response=x`;
    for (const answer of [
      await send('POST', path, { headers: { 'Content-Type': 'text/plain' }, body: params }),
      await send('POST', path, { body: new Blob([params]) }),
      await send('POST', path, { headers: { 'Content-Type': 'application/json' }, body: '{"secret":' }),
      await send('POST', path, { headers: { 'Content-Type': 'application/json' }, body: '["secret"]' }),
      await send('POST', path, { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ secret: SECRET, response: 42 }) }),
    ]) {
      expectRefused(answer, 'bad-request');
    }
  });

  it('refuses another method with 405 in the same envelope', async () => {
    const answer = await send('GET', '/turnstile/v0/siteverify');
    expect({ status: answer.status, body: answer.body }).toMatchObject({ status: 405, body: { success: false, 'error-codes': ['bad-request'] } });
  });
});

describe('Cloudflare’s test keys', () => {
  it('gives the dummy token to the passing sitekeys on any hostname, visible or invisible', async () => {
    const visible = await challenge({ sitekey: '1x00000000000000000000AA', hostname: 'shop.example' });
    expect(visible.body).toEqual({ token: DUMMY_TOKEN, mode: 'managed' });
    const invisible = await challenge({ sitekey: '1x00000000000000000000BB', hostname: 'localhost' });
    expect(invisible.body).toEqual({ token: DUMMY_TOKEN, mode: 'invisible' });
  });

  it('fails the blocking sitekeys with 600010', async () => {
    for (const sitekey of ['2x00000000000000000000AB', '2x00000000000000000000BB']) {
      const answer = await challenge({ sitekey });
      expect({ status: answer.status, body: answer.body }).toEqual({ status: 200, body: { error: '600010' } });
    }
  });

  it('asks for a click on 3x00000000000000000000FF and gives the dummy token after it', async () => {
    expect((await challenge({ sitekey: '3x00000000000000000000FF' })).body).toEqual({ challenge: 'interactive', mode: 'managed' });
    expect((await challenge({ sitekey: '3x00000000000000000000FF', interaction: '1' })).body).toEqual({ token: DUMMY_TOKEN, mode: 'managed' });
  });

  it('passes the dummy token with the passing secret, again and again, flagged as a test result', async () => {
    clock += 1234;
    for (let i = 0; i < 2; i++) {
      const answer = await siteverify({ secret: PASS_SECRET, response: DUMMY_TOKEN });
      expect(answer.body).toEqual({
        success: true,
        'error-codes': [],
        challenge_ts: '2026-05-04T10:00:01.234Z',
        hostname: 'example.com',
        action: '',
        cdata: '',
        metadata: { result_with_testing_key: true },
      });
    }
  });

  it('refuses a real token with the passing secret as invalid-input-secret', async () => {
    const answer = await siteverify({ secret: PASS_SECRET, response: await issue() });
    expectRefused(answer, 'invalid-input-secret');
    expect(answer.body.metadata).toEqual({ result_with_testing_key: true });
  });

  it('always fails with the failing secret and always reports a spent token with the third', async () => {
    expectRefused(await siteverify({ secret: FAIL_SECRET, response: DUMMY_TOKEN }), 'invalid-input-response');
    expectRefused(await siteverify({ secret: SPENT_SECRET, response: DUMMY_TOKEN }, 'json'), 'timeout-or-duplicate');
  });
});

describe('the challenge route', () => {
  it('issues long opaque tokens that name neither sitekey nor secret', async () => {
    const tokens = [await issue(), await issue()];
    for (const token of tokens) {
      expect(token).toMatch(/^0\.[A-Za-z0-9_-]{600,}\.[0-9a-f]{32}$/);
      expect(token.length).toBeLessThanOrEqual(2048);
      expect(token).not.toContain(DEMO);
      expect(token).not.toContain(SECRET);
    }
    expect(tokens[0]).not.toBe(tokens[1]);
    expect((await control('GET', '/tokens')).body).toEqual({ issued: 2, redeemed: 0 });
  });

  it('answers 110100 for an unknown sitekey and 110200 for a hostname the widget does not allow', async () => {
    expect((await challenge({ sitekey: '0x4AAAAAAAUnknownKey' })).body).toEqual({ error: '110100' });
    expect((await challenge({ sitekey: DEMO, hostname: 'evil.example' })).body).toEqual({ error: '110200' });
    expect((await challenge({ sitekey: OTHER, hostname: 'localhost' })).body).toEqual({ error: '110200' });
  });

  it('allows the subdomains of a widget domain', async () => {
    expect((await challenge({ sitekey: OTHER, hostname: 'gym.example.com' })).body).toMatchObject({ mode: 'non-interactive' });
  });

  it('holds a cross-origin caller to the hostname of its Origin, and takes the frame’s word for the page', async () => {
    expect((await challenge({ sitekey: DEMO, hostname: '127.0.0.1' }, { Origin: 'https://evil.example' })).body).toEqual({ error: '110200' });
    const token = (await challenge({ sitekey: DEMO, hostname: 'evil.example' }, { Origin: 'http://localhost:8800' })).body.token;
    expect((await siteverify({ secret: SECRET, response: token })).body.hostname).toBe('localhost');
    const fromFrame = (await challenge({ sitekey: DEMO, hostname: 'localhost' }, { Origin: served.url })).body.token;
    expect((await siteverify({ secret: SECRET, response: fromFrame })).body.hostname).toBe('localhost');
  });

  it('refuses an action or cdata Cloudflare would refuse: 110420 and 110430', async () => {
    expect((await challenge({ sitekey: DEMO, action: 'a'.repeat(33) })).body).toEqual({ error: '110420' });
    expect((await challenge({ sitekey: DEMO, action: 'sign up' })).body).toEqual({ error: '110420' });
    expect((await challenge({ sitekey: DEMO, cdata: 'c'.repeat(256) })).body).toEqual({ error: '110430' });
    expect((await challenge({ sitekey: DEMO, action: 'a'.repeat(32), cdata: 'c'.repeat(255) })).status).toBe(200);
  });

  it('reads a JSON body too', async () => {
    const answer = await send('POST', '/turnstile/v0/__token', {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ sitekey: DEMO, hostname: 'localhost', action: 'x' }),
    });
    expect(answer.body.token).toEqual(expect.any(String));
  });

  it('gives no other origin access to its answers: only the challenge frame reads them', async () => {
    const answer = await challenge({ sitekey: DEMO }, { Origin: 'http://127.0.0.1:8800' });
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('the browser side', () => {
  it('serves api.js and the challenge frame’s script as JavaScript that compiles and evaluates no strings', async () => {
    for (const path of ['/turnstile/v0/api.js?render=explicit', '/turnstile/v0/__challenge.js']) {
      const answer = await send('GET', path);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(() => new Script(answer.text)).not.toThrow();
      for (const forbidden of [
        'eval(',
        'new Function',
        'innerHTML',
        "setAttribute('style'",
        'setAttribute("style"',
        'cssText',
        '<style',
        'import ',
        'export ',
      ]) {
        expect(answer.text).not.toContain(forbidden);
      }
    }
  });

  it('serves the challenge frame under a CSP that allows its own script and nothing inline', async () => {
    const answer = await send('GET', '/turnstile/v0/__challenge?sitekey=x');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
    expect(answer.headers.get('content-security-policy')).toBe(
      "default-src 'none'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'",
    );
    expect(answer.text).toContain('<script src="/turnstile/v0/__challenge.js"></script>');
  });
});

describe('control routes and faults', () => {
  it('logs siteverify and token calls with the secret redacted in JSON, form and multipart bodies', async () => {
    const token = await issue();
    await siteverify({ secret: SECRET, response: token }, 'json');
    await siteverify({ secret: SECRET, response: token }, 'form');
    await siteverify({ secret: SECRET, response: token }, 'multipart');
    const { requests } = (await control('GET', '/requests')).body;
    expect(requests.map((r: Json) => [r.method, r.path, r.endpoint, r.status])).toEqual([
      ['POST', '/turnstile/v0/__token', 'token', 200],
      ['POST', '/turnstile/v0/siteverify', 'siteverify', 200],
      ['POST', '/turnstile/v0/siteverify', 'siteverify', 200],
      ['POST', '/turnstile/v0/siteverify', 'siteverify', 200],
    ]);
    expect(requests[1].body).toEqual({ secret: '[redacted]', response: token });
    expect(requests[2].body).toBe(`secret=[redacted]&response=${token}`);
    expect(requests[3].body).toContain('[redacted]');
    expect(JSON.stringify(requests)).not.toContain(SECRET);
  });

  it('answers a fail fault with internal-error at the status asked, leaving the token unspent', async () => {
    const token = await issue();
    expect((await control('POST', '/faults', { mode: 'fail', endpoint: 'siteverify', status: 503, count: 1 })).status).toBe(201);
    const failed = await siteverify({ secret: SECRET, response: token });
    expect({ status: failed.status, body: failed.body }).toEqual({ status: 503, body: { success: false, 'error-codes': ['internal-error'], messages: [] } });
    expect((await siteverify({ secret: SECRET, response: token })).body.success).toBe(true);
    const [, faulted] = (await control('GET', '/requests')).body.requests;
    expect(faulted).toMatchObject({ endpoint: 'siteverify', fault: 'fail', status: 503 });
  });

  it('rate-limits the challenge with 429 and Retry-After', async () => {
    await control('POST', '/faults', { mode: 'rate-limit', endpoint: 'token', retryAfter: 7, count: 1 });
    const limited = await challenge({ sitekey: DEMO });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect((await challenge({ sitekey: DEMO })).status).toBe(200);
  });

  it('drops the connection on a down fault', async () => {
    await control('POST', '/faults', { mode: 'down', endpoint: 'siteverify', count: 1 });
    await expect(siteverify({ secret: SECRET, response: 'x' })).rejects.toThrow();
  });

  it('answers 200 with a chosen error code on an error-code fault', async () => {
    const token = await issue();
    await control('POST', '/faults', { mode: 'error-code', code: 'internal-error', count: 1 });
    expectRefused(await siteverify({ secret: SECRET, response: token }, 'json'), 'internal-error');
    expect((await siteverify({ secret: SECRET, response: token }, 'json')).body.success).toBe(true);
    const refused = await control('POST', '/faults', { mode: 'error-code', code: 'no-such-code' });
    expect(refused.status).toBe(400);
  });

  it('makes the demo widget ask for a click, or fail its challenge, on request', async () => {
    await control('POST', '/faults', { mode: 'interactive', tenant: DEMO, count: 1 });
    expect((await challenge({ sitekey: DEMO })).body).toEqual({ challenge: 'interactive', mode: 'managed' });
    const token = (await challenge({ sitekey: DEMO, interaction: '1' })).body.token;
    expect((await siteverify({ secret: SECRET, response: token })).body.metadata).toEqual({ interactive: true });
    await control('POST', '/faults', { mode: 'challenge-fail', count: 1 });
    expect((await challenge({ sitekey: DEMO })).body).toEqual({ error: '600010' });
    expect((await challenge({ sitekey: DEMO })).body.token).toEqual(expect.any(String));
  });

  it('refuses a fault for an endpoint the simulator does not have', async () => {
    const answer = await control('POST', '/faults', { mode: 'fail', endpoint: 'render' });
    expect(answer).toMatchObject({ status: 400, body: { error: 'endpoint must be one of siteverify, token' } });
  });

  it('forgets issued tokens on reset', async () => {
    const token = await issue();
    await siteverify({ secret: SECRET, response: await issue() });
    expect((await control('GET', '/tokens')).body).toEqual({ issued: 2, redeemed: 1 });
    await control('POST', '/reset');
    expect((await control('GET', '/tokens')).body).toEqual({ issued: 0, redeemed: 0 });
    expect((await control('GET', '/requests')).body.requests).toEqual([]);
    expectRefused(await siteverify({ secret: SECRET, response: token }), 'invalid-input-response');
  });

  it('lists its widgets without their secrets', async () => {
    const answer = await control('GET', '/widgets');
    expect(answer.body.widgets).toEqual([
      { siteKey: DEMO, secretEnv: 'DEMO_TURNSTILE_SECRET', domains: ['127.0.0.1', 'localhost'], mode: 'managed' },
      OTHER_WIDGET,
    ]);
    expect(answer.text).not.toContain(SECRET);
  });
});

describe('fixtures and its simulator list entry', () => {
  it('knows the demo widget and takes its secret from DEMO_TURNSTILE_SECRET', () => {
    expect(readWidgetDefinitions()).toEqual([{ siteKey: DEMO, secretEnv: 'DEMO_TURNSTILE_SECRET', domains: ['127.0.0.1', 'localhost'], mode: 'managed' }]);
    expect(loadWidgetFixtures({ DEMO_TURNSTILE_SECRET: 's' })).toEqual([expect.objectContaining({ siteKey: DEMO, secret: 's' })]);
  });

  it('refuses a missing secret, a test secret or a secret two widgets share, naming widget and variable', () => {
    expect(() => loadWidgetFixtures({})).toThrow(/0x4AAAAAAALeadgateDemoKey.*DEMO_TURNSTILE_SECRET/);
    expect(() => loadWidgetFixtures({ DEMO_TURNSTILE_SECRET: PASS_SECRET })).toThrow(/DEMO_TURNSTILE_SECRET.*test secret/);
    const definitions = [...readWidgetDefinitions(), OTHER_WIDGET];
    expect(() => loadWidgetFixtures({ DEMO_TURNSTILE_SECRET: 'same', OTHER_TURNSTILE_SECRET: 'same' }, definitions)).toThrow(/OTHER_TURNSTILE_SECRET/);
  });

  it('starts from its list entry with the .dev.vars secrets', async () => {
    const sim = await turnstileEntry.create({ secrets: { DEMO_TURNSTILE_SECRET: 'test-DEMO_TURNSTILE_SECRET' } });
    const started = await serveApp(sim.fetch, 0);
    try {
      expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const token = (await (
        await fetch(`${started.url}/turnstile/v0/__token`, {
          method: 'POST',
          body: new URLSearchParams({ sitekey: DEMO, hostname: 'localhost' }),
        })
      ).json()) as { token: string };
      const answer = await fetch(`${started.url}/turnstile/v0/siteverify`, {
        method: 'POST',
        body: new URLSearchParams({ secret: 'test-DEMO_TURNSTILE_SECRET', response: token.token }),
      });
      expect(await answer.json()).toMatchObject({ success: true, hostname: 'localhost' });
      expect(sim.kit.log.list()).toHaveLength(2);
    } finally {
      await started.close();
    }
  });

  it('refuses to start without the demo secret', async () => {
    await expect(turnstileEntry.create({ secrets: {} })).rejects.toThrow(/DEMO_TURNSTILE_SECRET/);
  });
});
