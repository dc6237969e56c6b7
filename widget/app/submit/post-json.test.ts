import { describe, expect, it } from 'vitest';
import { fakeFetch, json } from '../../test-support/fake-fetch';
import { parseRetryAfter, postJson } from './post-json';

const post = (fetch: typeof globalThis.fetch) => postJson({ url: 'https://edge.example/x', body: { a: 1 }, headers: { 'X-Extra': 'y' }, fetch });

describe('postJson', () => {
  it('POSTs JSON without cookies, with the extra headers', async () => {
    const { calls, fetch } = fakeFetch(() => json(200, { ok: true }));
    expect(await post(fetch)).toEqual({ kind: 'ok', body: { ok: true } });
    expect(calls[0]!.init).toMatchObject({ method: 'POST', credentials: 'omit', headers: { 'Content-Type': 'application/json', 'X-Extra': 'y' } });
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ a: 1 });
  });

  it('reads a 409 without a code the Worker knows as PROFILE_NOT_AVAILABLE', async () => {
    expect(await post(fakeFetch(() => new Response('conflict', { status: 409 })).fetch)).toEqual({ kind: 'failed', code: 'PROFILE_NOT_AVAILABLE' });
  });

  it('reads VALIDATION_FAILED without fields as a plain failure', async () => {
    const body = { error: { code: 'VALIDATION_FAILED', message: 'x' } };
    expect(await post(fakeFetch(() => json(422, body)).fetch)).toEqual({ kind: 'failed', code: 'VALIDATION_FAILED' });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter(new Date(10_000 + 30_000).toUTCString(), 10_000)).toBe(30);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
