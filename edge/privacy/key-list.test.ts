import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../shared/api-error';
import worker from '../../tests/worker/test-worker';
import { resetBindings } from '../test-migrations';
import { perfectGymLead, postLeadWith, sim } from '../test-support';

const FORM = 'demo-perfectgym';
// Secrets are not in the generated Env type: read and replaced by name.
const secrets = env as unknown as Record<string, string>;
const dataKeys = (keys: string) => ({ LEADGATE_DATA_KEYS: keys }) as unknown as Partial<Record<keyof Env, unknown>>;
const b64 = (length: number) => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(length))));

beforeEach(async () => {
  await resetBindings();
  await sim.reset();
});

/** The form's spec, from the Worker with LEADGATE_OUTBOX_KEYS replaced. */
async function specWith(outboxKeys: string): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(`https://leadgate.test/v1/forms/${FORM}`), { ...env, LEADGATE_OUTBOX_KEYS: outboxKeys } as Env, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

describe('key list secrets (LEADGATE_DATA_KEYS, LEADGATE_OUTBOX_KEYS)', () => {
  it.each([
    ['an empty list', ' , '],
    ['an entry without a key id', `:${b64(32)}`],
    ['a key id with a dot', `k.1:${b64(32)}`],
    ['a key that is not base64', 'k1:not base64!'],
    ['a key of 16 bytes', `k1:${b64(16)}`],
    ['a key id listed twice', `k1:${b64(32)},k1:${b64(32)}`],
  ])("refuse a lead with %s as data keys: the Worker's own setup, 500 INTERNAL_ERROR, naming no key material", async (_, keys) => {
    const response = await postLeadWith(dataKeys(keys), FORM, perfectGymLead());
    const text = await response.text();
    expect([response.status, (JSON.parse(text) as ApiErrorBody).error.code]).toEqual([500, 'INTERNAL_ERROR']);
    for (const part of keys.split(/[,:]/)) if (part.length > 8) expect(text).not.toContain(part);
  });

  it('take a lead under the first of two well-formed data keys', async () => {
    const response = await postLeadWith(dataKeys(` k2:${b64(32)} , k1:${b64(32)}`), FORM, perfectGymLead());
    expect(response.status).toBe(201);
  });

  it('publish the first outbox key, and refuse the spec for a malformed list, naming no key material', async () => {
    const good = await specWith(secrets.LEADGATE_OUTBOX_KEYS!);
    expect(good.status).toBe(200);
    expect(((await good.json()) as { outbox?: { keyId: string } }).outbox?.keyId).toBe(secrets.LEADGATE_OUTBOX_KEYS!.split(':')[0]);
    for (const keys of ['o1', `o1:${b64(32)}`, `${secrets.LEADGATE_OUTBOX_KEYS},${secrets.LEADGATE_OUTBOX_KEYS}`]) {
      const response = await specWith(keys);
      const text = await response.text();
      expect([response.status, (JSON.parse(text) as ApiErrorBody).error.code], keys.slice(0, 4)).toEqual([500, 'INTERNAL_ERROR']);
      if (keys.length > 8) expect(text).not.toContain(keys.slice(3, 40));
    }
  });
});
