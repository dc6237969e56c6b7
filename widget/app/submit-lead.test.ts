import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_KEY_PATTERN } from '../../shared/submission';
import { createIdempotencyKey } from './create-idempotency-key';
import { isRetryable, parseRetryAfter, submitLead } from './submit-lead';

type Call = { url: string; init: RequestInit };

function fakeFetch(answer: () => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    return answer();
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

const send = (fetch: typeof globalThis.fetch) =>
  submitLead({ origin: 'https://edge.example', formId: 'demo-perfectgym', lead: { firstName: 'Mia' }, idempotencyKey: 'key-12345678', fetch });

describe('submitLead', () => {
  it('POSTs the lead as JSON with the idempotency key', async () => {
    const { calls, fetch } = fakeFetch(() => json(201, { status: 'delivered', submissionId: 's1' }));
    await send(fetch);
    expect(calls[0]!.url).toBe('https://edge.example/v1/forms/demo-perfectgym/leads');
    expect(calls[0]!.init.method).toBe('POST');
    expect(calls[0]!.init.headers).toMatchObject({ 'Content-Type': 'application/json', 'Idempotency-Key': 'key-12345678' });
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ lead: { firstName: 'Mia' } });
  });

  it('reads 201 as delivered', async () => {
    expect(await send(fakeFetch(() => json(201, { status: 'delivered', submissionId: 's1' })).fetch)).toEqual({ kind: 'delivered', submissionId: 's1' });
  });

  it('reads 200 duplicate as duplicate', async () => {
    expect(await send(fakeFetch(() => json(200, { status: 'duplicate', submissionId: 's2' })).fetch)).toEqual({ kind: 'duplicate', submissionId: 's2' });
  });

  it('returns the field errors of VALIDATION_FAILED', async () => {
    const body = { error: { code: 'VALIDATION_FAILED', message: 'x', fields: [{ field: 'email', code: 'invalid_email' }] } };
    expect(await send(fakeFetch(() => json(422, body)).fetch)).toEqual({ kind: 'invalid', fields: [{ field: 'email', code: 'invalid_email' }] });
  });

  it('reports VENDOR_UNAVAILABLE with its Retry-After', async () => {
    const body = { error: { code: 'VENDOR_UNAVAILABLE', message: 'down' } };
    expect(await send(fakeFetch(() => json(503, body, { 'Retry-After': '30' })).fetch)).toEqual({ kind: 'failed', code: 'VENDOR_UNAVAILABLE', retryAfter: 30 });
  });

  it('reports VENDOR_REJECTED as a failure', async () => {
    const body = { error: { code: 'VENDOR_REJECTED', message: 'no' } };
    expect(await send(fakeFetch(() => json(422, body)).fetch)).toEqual({ kind: 'failed', code: 'VENDOR_REJECTED' });
  });

  it('falls back to the HTTP status for a code it does not know', async () => {
    const body = { error: { code: 'SOMETHING_NEW', message: '?' } };
    expect(await send(fakeFetch(() => json(502, body)).fetch)).toEqual({ kind: 'failed', code: 'INTERNAL_ERROR' });
    expect(await send(fakeFetch(() => new Response('<html>busy</html>', { status: 503 })).fetch)).toEqual({ kind: 'failed', code: 'VENDOR_UNAVAILABLE' });
  });

  it('reports a network failure as NETWORK', async () => {
    expect(await send(fakeFetch(() => Promise.reject(new TypeError('Failed to fetch'))).fetch)).toEqual({ kind: 'failed', code: 'NETWORK' });
  });

  it('does not promise delivery for a success it cannot read', async () => {
    expect(await send(fakeFetch(() => json(201, { ok: true })).fetch)).toEqual({ kind: 'failed', code: 'INTERNAL_ERROR' });
  });
});

describe('isRetryable', () => {
  it('offers a retry for transient failures only', () => {
    expect(['NETWORK', 'VENDOR_UNAVAILABLE', 'INTERNAL_ERROR'].every((c) => isRetryable(c as never))).toBe(true);
    expect(['VENDOR_REJECTED', 'FORM_MISCONFIGURED', 'FORM_NOT_FOUND'].some((c) => isRetryable(c as never))).toBe(false);
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

describe('createIdempotencyKey', () => {
  it('makes keys the Worker accepts, different every time', () => {
    const a = createIdempotencyKey();
    expect(a).toMatch(IDEMPOTENCY_KEY_PATTERN);
    expect(createIdempotencyKey()).not.toBe(a);
  });
});
