import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_KEY_PATTERN } from '../../../shared/submission';
import { fakeFetch, json } from '../../test-support/fake-fetch';
import { createIdempotencyKey } from './create-idempotency-key';
import { isRetryable, submitLead } from './submit-lead';

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
    expect(await send(fakeFetch(() => json(201, { status: 'delivered', submissionId: 's1' })).fetch)).toMatchObject({ kind: 'delivered', submissionId: 's1' });
  });

  it('reads 200 duplicate as duplicate', async () => {
    expect(await send(fakeFetch(() => json(200, { status: 'duplicate', submissionId: 's2' })).fetch)).toMatchObject({ kind: 'duplicate', submissionId: 's2' });
  });

  it('reads 202 accepted as accepted', async () => {
    expect(await send(fakeFetch(() => json(202, { status: 'accepted', submissionId: 's3' })).fetch)).toMatchObject({ kind: 'accepted', submissionId: 's3' });
  });

  it('hands a delivered answer’s profile key on, for the second step alone', async () => {
    const answer = { status: 'delivered', submissionId: 's1', profileKey: 'k'.repeat(43) };
    expect(await send(fakeFetch(() => json(201, answer)).fetch)).toMatchObject({ kind: 'delivered', submissionId: 's1', profileKey: 'k'.repeat(43) });
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

describe('createIdempotencyKey', () => {
  it('makes keys the Worker accepts, different every time', () => {
    const a = createIdempotencyKey();
    expect(a).toMatch(IDEMPOTENCY_KEY_PATTERN);
    expect(createIdempotencyKey()).not.toBe(a);
  });
});
