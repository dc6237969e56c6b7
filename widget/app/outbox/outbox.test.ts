import { beforeAll, describe, expect, it } from 'vitest';
import { type OutboxKey, openSealed, toBase64url } from '../../../shared/outbox-seal';
import { memoryStorage, throwingStorage } from '../../test-support/memory-storage';
import { createOutbox, OUTBOX_MAX_AGE_MS, sweepOutbox } from './outbox';
import { outboxKey } from './outbox-key';

const FORM = 'demo-perfectgym';
const KEY = 'key-12345678';
const lead = { firstName: 'Mia', email: 'mia@example.com', consent: { privacy: true } };
const T0 = Date.UTC(2030, 0, 1);

// The Worker's side of the key pair, as LEADGATE_OUTBOX_KEYS holds it.
let workerKey: CryptoKey;
let sealKey: OutboxKey;
beforeAll(async () => {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as CryptoKeyPair;
  workerKey = pair.privateKey;
  sealKey = { keyId: 'o1', publicKey: toBase64url(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey))) };
});

const outboxAt = (storage: ReturnType<typeof memoryStorage>['storage'], now: number, formId = FORM) => createOutbox(storage, formId, sealKey, () => now);
const stored = (savedAt: number, sealed = 'lgo1.o1.x.y.z') => JSON.stringify({ v: 2, savedAt, sealed });

describe('createOutbox', () => {
  it('keeps no clear text of the lead: only the Worker’s key opens what it stored', async () => {
    const { items, storage } = memoryStorage();
    const entry = (await outboxAt(storage, T0).save(KEY, lead))!;
    const text = items.get(outboxKey(FORM, KEY))!;
    expect(text).not.toContain('mia@example.com');
    expect(text).not.toContain('Mia');
    expect(JSON.parse(text)).toEqual({ v: 2, savedAt: T0, sealed: entry.sealed });
    expect(await openSealed(workerKey, FORM, KEY, entry.sealed)).toEqual({ savedAt: T0, lead });
  });

  it('seals the lead for its form and key: it does not open as another submission', async () => {
    const { storage } = memoryStorage();
    const entry = (await outboxAt(storage, T0).save(KEY, lead))!;
    await expect(openSealed(workerKey, FORM, 'key-87654321', entry.sealed)).rejects.toThrow();
    await expect(openSealed(workerKey, 'other-form', KEY, entry.sealed)).rejects.toThrow();
  });

  it('keeps the lead exactly as sent, key order included', async () => {
    const { storage } = memoryStorage();
    const unordered = { email: 'mia@example.com', firstName: 'Mia', custom: { q1: ['a', 'b'] }, attribution: { landingPage: 'https://gym.example/' } };
    const entry = (await outboxAt(storage, T0).save(KEY, unordered))!;
    expect(JSON.stringify((await openSealed(workerKey, FORM, KEY, entry.sealed)).lead)).toBe(JSON.stringify(unordered));
  });

  it('keeps one entry per submission: a second failure does not replace the first', async () => {
    const { items, storage } = memoryStorage();
    await outboxAt(storage, T0, 'other-form').save('other-key-1', { firstName: 'Ola' });
    const outbox = outboxAt(storage, T0 + 1);
    await outbox.save(KEY, lead);
    await outbox.save('key-87654321', { firstName: 'Mia B.' });
    expect((await outbox.load()).map((entry) => entry.key)).toEqual([KEY, 'key-87654321']);
    expect((await outboxAt(storage, T0, 'other-form').load()).map((entry) => entry.key)).toEqual(['other-key-1']);
    expect(items.size).toBe(3);
  });

  it('loads the entries oldest first, with what the resend needs', async () => {
    const { storage } = memoryStorage({ [outboxKey(FORM, 'key-newer-1')]: stored(T0 + 5), [outboxKey(FORM, KEY)]: stored(T0, 'lgo1.o1.a.b.c') });
    expect(await outboxAt(storage, T0 + 10).load()).toEqual([
      { formId: FORM, key: KEY, sealed: 'lgo1.o1.a.b.c', savedAt: T0 },
      { formId: FORM, key: 'key-newer-1', sealed: 'lgo1.o1.x.y.z', savedAt: T0 + 5 },
    ]);
  });

  it('drops an entry older than 7 days unsent, and one saved more than 7 days in the future', async () => {
    const { items, storage } = memoryStorage({
      [outboxKey(FORM, 'key-old-0001')]: stored(T0 - OUTBOX_MAX_AGE_MS - 1),
      [outboxKey(FORM, 'key-edge-001')]: stored(T0 - OUTBOX_MAX_AGE_MS),
      [outboxKey(FORM, 'key-ahead-01')]: stored(T0 + OUTBOX_MAX_AGE_MS + 1),
    });
    expect((await outboxAt(storage, T0).load()).map((entry) => entry.key)).toEqual(['key-edge-001']);
    expect([...items.keys()]).toEqual([outboxKey(FORM, 'key-edge-001')]);
  });

  it.each([
    ['not JSON', '{"v":2,'],
    ['JSON null', 'null'],
    ['no sealed copy', JSON.stringify({ v: 2, savedAt: T0 })],
    ['a time that is not a number', JSON.stringify({ v: 2, savedAt: '2030-01-01', sealed: 'x' })],
  ])('removes an unreadable entry (%s) and loads nothing', async (_, text) => {
    const { items, storage } = memoryStorage({ [outboxKey(FORM, KEY)]: text });
    expect(await outboxAt(storage, T0).load()).toEqual([]);
    expect(items.size).toBe(0);
  });

  it('leaves an entry of a later format version alone', async () => {
    const text = JSON.stringify({ v: 3, savedAt: T0, box: 'x' });
    const { items, storage } = memoryStorage({ [outboxKey(FORM, KEY)]: text });
    expect(await outboxAt(storage, T0).load()).toEqual([]);
    expect(items.get(outboxKey(FORM, KEY))).toBe(text);
  });

  it('seals a clear-text entry an earlier widget left, and removes its clear text', async () => {
    const legacy = `leadgate:outbox:${FORM}`;
    const { items, storage } = memoryStorage({ [legacy]: JSON.stringify({ v: 1, formId: FORM, key: KEY, lead, savedAt: T0 }) });
    const [entry] = await outboxAt(storage, T0 + 1000).load();
    expect(entry).toMatchObject({ key: KEY, savedAt: T0 });
    expect(items.has(legacy)).toBe(false);
    expect([...items.values()].join()).not.toContain('mia@example.com');
    expect(await openSealed(workerKey, FORM, KEY, entry!.sealed)).toEqual({ savedAt: T0, lead });
  });

  it('removes the entry with the given key only', async () => {
    const { items, storage } = memoryStorage();
    const outbox = outboxAt(storage, T0);
    await outbox.save(KEY, lead);
    await outbox.save('key-newer-1', lead);
    outbox.remove(KEY);
    expect([...items.keys()]).toEqual([outboxKey(FORM, 'key-newer-1')]);
  });

  it('keeps nothing without the Worker’s key: never a clear-text copy', async () => {
    const { items, storage } = memoryStorage();
    expect(await createOutbox(storage, FORM, undefined, () => T0).save(KEY, lead)).toBeUndefined();
    expect(items.size).toBe(0);
  });

  it('never throws when storage throws: nothing is saved, nothing loaded', async () => {
    const outbox = createOutbox(throwingStorage, FORM, sealKey, () => T0);
    expect(await outbox.save(KEY, lead)).toBeUndefined();
    expect(await outbox.load()).toEqual([]);
    expect(() => outbox.remove(KEY)).not.toThrow();
    expect(() => sweepOutbox(throwingStorage, T0)).not.toThrow();
  });

  it('saves and loads nothing without storage', async () => {
    const outbox = createOutbox(undefined, FORM, sealKey, () => T0);
    expect(await outbox.save(KEY, lead)).toBeUndefined();
    expect(await outbox.load()).toEqual([]);
    expect(() => outbox.remove(KEY)).not.toThrow();
  });
});

describe('sweepOutbox', () => {
  it('removes the expired and unreadable entries of every form, and nothing else', () => {
    const { items, storage } = memoryStorage({
      [outboxKey(FORM, 'key-old-0001')]: stored(T0 - OUTBOX_MAX_AGE_MS - 1),
      [outboxKey('other-form', 'key-old-0002')]: stored(T0 - OUTBOX_MAX_AGE_MS - 1),
      [outboxKey('other-form', 'key-fresh-01')]: stored(T0 - 1000),
      'leadgate:outbox:legacy-form': JSON.stringify({ v: 1, formId: 'legacy-form', key: KEY, lead, savedAt: T0 - OUTBOX_MAX_AGE_MS - 1 }),
      [outboxKey(FORM, 'key-broken-1')]: 'garbage',
      'someone-else': 'kept',
    });
    sweepOutbox(storage, T0);
    expect([...items.keys()].sort()).toEqual([outboxKey('other-form', 'key-fresh-01'), 'someone-else']);
  });
});
