import { beforeAll, describe, expect, it } from 'vitest';
import { type OutboxKey, toBase64url } from '../../../shared/outbox-seal';
import { fakeFetch, json } from '../../test-support/fake-fetch';
import { memoryStorage } from '../../test-support/memory-storage';
import { createOutbox } from './outbox';
import { sendSavedLead } from './send-saved-lead';

const FORM = 'demo-perfectgym';
const lead = { firstName: 'Mia', email: 'mia@example.com' };
let keys = 0;
let sealKey: OutboxKey;
beforeAll(async () => {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as CryptoKeyPair;
  sealKey = { keyId: 'o1', publicKey: toBase64url(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey))) };
});

/** A saved entry with a key of its own, so tests never share a send. */
async function saved() {
  const { items, storage } = memoryStorage();
  const outbox = createOutbox(storage, FORM, sealKey);
  const entry = (await outbox.save(`saved-key-${++keys}`, lead))!;
  return { items, outbox, entry };
}

const send = (setup: Awaited<ReturnType<typeof saved>>, fetch: typeof globalThis.fetch) =>
  sendSavedLead({ entry: setup.entry, outbox: setup.outbox, origin: 'https://edge.example', fetch });

const error = (code: string) => ({ error: { code, message: 'x' } });

describe('sendSavedLead', () => {
  it('resends the saved lead sealed, with the saved key, the same every time', async () => {
    const setup = await saved();
    const { calls, fetch } = fakeFetch(() => json(503, error('VENDOR_UNAVAILABLE')));
    await send(setup, fetch);
    await send(setup, fetch);
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      expect(call.url).toBe('https://edge.example/v1/forms/demo-perfectgym/leads');
      expect(call.init.headers).toMatchObject({ 'Idempotency-Key': setup.entry.key });
      expect(JSON.parse(String(call.init.body))).toEqual({ sealed: setup.entry.sealed });
      expect(String(call.init.body)).not.toContain(lead.email);
    }
    expect(calls[1]!.init.body).toBe(calls[0]!.init.body);
  });

  it('sends an entry only once while a send of it is on its way, and both callers get its answer', async () => {
    const setup = await saved();
    let answer: (response: Response) => void = () => {};
    const { calls, fetch } = fakeFetch(() => new Promise<Response>((resolve) => (answer = resolve)));
    const first = send(setup, fetch);
    const second = send(setup, fetch);
    answer(json(201, { status: 'delivered', submissionId: 's1' }));
    expect(await first).toMatchObject({ kind: 'delivered', submissionId: 's1' });
    expect(await second).toMatchObject({ kind: 'delivered', submissionId: 's1' });
    expect(calls).toHaveLength(1);
  });

  it('sends again once the earlier send has ended', async () => {
    const setup = await saved();
    const { calls, fetch } = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    await send(setup, fetch);
    await send(setup, fetch);
    expect(calls).toHaveLength(2);
  });

  it.each([
    [201, 'delivered'],
    [200, 'duplicate'],
    [202, 'accepted'],
  ])('removes the entry once the Worker has it (%i %s)', async (status, kind) => {
    const setup = await saved();
    expect(await send(setup, fakeFetch(() => json(status, { status: kind, submissionId: 's1' })).fetch)).toMatchObject({ kind, submissionId: 's1' });
    expect(setup.items.size).toBe(0);
  });

  it.each([
    ['no answer', () => Promise.reject(new TypeError('Failed to fetch'))],
    ['503 VENDOR_UNAVAILABLE', () => json(503, error('VENDOR_UNAVAILABLE'))],
    ['500 INTERNAL_ERROR', () => json(500, error('INTERNAL_ERROR'))],
  ])('keeps the entry after a failure worth a retry (%s)', async (_, answer) => {
    const setup = await saved();
    expect(await send(setup, fakeFetch(answer).fetch)).toMatchObject({ kind: 'failed' });
    expect(await setup.outbox.load()).toEqual([setup.entry]);
  });

  it.each([
    ['field errors', () => json(422, { error: { code: 'VALIDATION_FAILED', message: 'x', fields: [{ field: 'email', code: 'invalid_email' }] } })],
    ['VENDOR_REJECTED', () => json(422, error('VENDOR_REJECTED'))],
    ['FORM_NOT_FOUND', () => json(404, error('FORM_NOT_FOUND'))],
  ])('removes the entry after a refusal no resend can change (%s)', async (_, answer) => {
    const setup = await saved();
    expect((await send(setup, fakeFetch(answer).fetch)).kind).not.toBe('delivered');
    expect(setup.items.size).toBe(0);
  });

  it('leaves a newer entry saved while the older one was on its way', async () => {
    const setup = await saved();
    let answer: (response: Response) => void = () => {};
    const sending = send(setup, fakeFetch(() => new Promise<Response>((resolve) => (answer = resolve))).fetch);
    await setup.outbox.save('newer-key-1', { firstName: 'Mia B.' });
    answer(json(201, { status: 'delivered', submissionId: 's1' }));
    await sending;
    expect(await setup.outbox.load()).toMatchObject([{ key: 'newer-key-1' }]);
  });
});
