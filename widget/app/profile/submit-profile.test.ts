import { describe, expect, it } from 'vitest';
import { fakeFetch, json } from '../../test-support/fake-fetch';
import { submitProfile } from './submit-profile';

const profile = { birthDate: '1990-01-01', profile: { goal: 'build-muscle', trainingTime: ['evening'] } };
const profileKey = 'k'.repeat(43);
const proof = { formToken: 'v1.1.token' };
const send = (fetch: typeof globalThis.fetch) =>
  submitProfile({ origin: 'https://edge.example', formId: 'demo-virtuagym', submissionId: 'sub 1', profileKey, profile, proof, fetch });
const error = (code: string, extra: object = {}) => ({ error: { code, message: 'x', ...extra } });

describe('submitProfile', () => {
  it('POSTs the answers with the profile key and the proof, as JSON without cookies, to the submission’s profile', async () => {
    const { calls, fetch } = fakeFetch(() => json(200, { status: 'updated', submissionId: 'sub 1' }));
    await send(fetch);
    expect(calls[0]!.url).toBe('https://edge.example/v1/forms/demo-virtuagym/leads/sub%201/profile');
    expect(calls[0]!.init).toMatchObject({ method: 'POST', credentials: 'omit', headers: { 'Content-Type': 'application/json' } });
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ profile, profileKey, proof });
  });

  it('reads 200 updated as updated', async () => {
    expect(await send(fakeFetch(() => json(200, { status: 'updated', submissionId: 'sub 1' })).fetch)).toEqual({ kind: 'updated' });
  });

  it('does not confirm an update it cannot read', async () => {
    expect(await send(fakeFetch(() => json(200, { status: 'delivered' })).fetch)).toEqual({ kind: 'failed', code: 'INTERNAL_ERROR' });
  });

  it('returns the field errors of VALIDATION_FAILED', async () => {
    const body = error('VALIDATION_FAILED', { fields: [{ field: 'birthDate', code: 'invalid_date' }] });
    expect(await send(fakeFetch(() => json(422, body)).fetch)).toEqual({ kind: 'invalid', fields: [{ field: 'birthDate', code: 'invalid_date' }] });
  });

  it('reports VENDOR_UNAVAILABLE with its Retry-After', async () => {
    expect(await send(fakeFetch(() => json(503, error('VENDOR_UNAVAILABLE'), { 'Retry-After': '5' })).fetch)).toEqual({
      kind: 'failed',
      code: 'VENDOR_UNAVAILABLE',
      retryAfter: 5,
    });
  });

  it('reports a network failure as NETWORK', async () => {
    expect(await send(fakeFetch(() => Promise.reject(new TypeError('Failed to fetch'))).fetch)).toEqual({ kind: 'failed', code: 'NETWORK' });
  });

  it.each([
    [404, 'SUBMISSION_NOT_FOUND'],
    [409, 'PROFILE_NOT_AVAILABLE'],
  ])('reports %i %s by its code', async (status, code) => {
    expect(await send(fakeFetch(() => json(status, error(code))).fetch)).toEqual({ kind: 'failed', code });
  });
});
