import { describe, expect, it } from 'vitest';
import { memoryStorage, throwingStorage } from '../../test-support/memory-storage';
import { createOutbox, OUTBOX_MAX_AGE_MS, outboxKey } from './outbox';

const FORM = 'demo-perfectgym';
const KEY = 'key-12345678';
const lead = { firstName: 'Mia', email: 'mia@example.com', consent: { privacy: true } };
const T0 = Date.UTC(2030, 0, 1);
const clock = (start = T0) => {
  const time = { now: start };
  return { time, now: () => time.now };
};

describe('createOutbox', () => {
  it('saves a submission and loads it back with the same key, lead and time', () => {
    const { storage } = memoryStorage();
    const outbox = createOutbox(storage, FORM, () => T0);
    expect(outbox.save(KEY, lead)).toEqual({ formId: FORM, key: KEY, lead, savedAt: T0 });
    expect(createOutbox(storage, FORM, () => T0 + 1000).load()).toEqual({ formId: FORM, key: KEY, lead, savedAt: T0 });
  });

  it('stores versioned JSON under leadgate:outbox:<formId>', () => {
    const { items, storage } = memoryStorage();
    createOutbox(storage, FORM, () => T0).save(KEY, lead);
    expect(outboxKey(FORM)).toBe('leadgate:outbox:demo-perfectgym');
    expect(JSON.parse(items.get('leadgate:outbox:demo-perfectgym')!)).toEqual({ v: 1, formId: FORM, key: KEY, lead, savedAt: T0 });
  });

  it('keeps the lead exactly as sent, key order included', () => {
    const { storage } = memoryStorage();
    const unordered = { email: 'mia@example.com', firstName: 'Mia', custom: { q1: ['a', 'b'] }, attribution: { landingPage: 'https://gym.example/' } };
    createOutbox(storage, FORM, () => T0).save(KEY, unordered);
    expect(JSON.stringify(createOutbox(storage, FORM, () => T0).load()!.lead)).toBe(JSON.stringify(unordered));
  });

  it('keeps one entry per form: a new save replaces the last, other forms keep theirs', () => {
    const { items, storage } = memoryStorage();
    createOutbox(storage, 'other-form', () => T0).save('other-key-1', { firstName: 'Ola' });
    const outbox = createOutbox(storage, FORM, () => T0);
    outbox.save(KEY, lead);
    outbox.save('key-87654321', { firstName: 'Mia B.' });
    expect(outbox.load()).toMatchObject({ key: 'key-87654321', lead: { firstName: 'Mia B.' } });
    expect(createOutbox(storage, 'other-form', () => T0).load()).toMatchObject({ key: 'other-key-1' });
    expect(items.size).toBe(2);
  });

  it('drops an entry older than 7 days unsent', () => {
    const { items, storage } = memoryStorage();
    const { time, now } = clock();
    const outbox = createOutbox(storage, FORM, now);
    outbox.save(KEY, lead);
    time.now = T0 + OUTBOX_MAX_AGE_MS;
    expect(outbox.load()).toMatchObject({ key: KEY });
    time.now = T0 + OUTBOX_MAX_AGE_MS + 1;
    expect(outbox.load()).toBeUndefined();
    expect(items.size).toBe(0);
  });

  it('drops an entry saved more than 7 days in the future (a clock set back)', () => {
    const { items, storage } = memoryStorage();
    createOutbox(storage, FORM, () => T0 + OUTBOX_MAX_AGE_MS + 1).save(KEY, lead);
    expect(createOutbox(storage, FORM, () => T0).load()).toBeUndefined();
    expect(items.size).toBe(0);
  });

  it.each([
    ['not JSON', '{"v":1,'],
    ['JSON null', 'null'],
    ['a string', '"hello"'],
    ['no lead', JSON.stringify({ v: 1, formId: FORM, key: KEY, savedAt: T0 })],
    ['a lead that is a list', JSON.stringify({ v: 1, formId: FORM, key: KEY, lead: [], savedAt: T0 })],
    ['a key the Worker would refuse', JSON.stringify({ v: 1, formId: FORM, key: 'no spaces!', lead, savedAt: T0 })],
    ['a time that is not a number', JSON.stringify({ v: 1, formId: FORM, key: KEY, lead, savedAt: '2030-01-01' })],
    ['another form’s entry', JSON.stringify({ v: 1, formId: 'other-form', key: KEY, lead, savedAt: T0 })],
  ])('removes an unreadable entry (%s) and loads nothing', (_, text) => {
    const { items, storage } = memoryStorage({ [outboxKey(FORM)]: text });
    expect(createOutbox(storage, FORM, () => T0).load()).toBeUndefined();
    expect(items.size).toBe(0);
  });

  it('leaves an entry of another format version alone', () => {
    const text = JSON.stringify({ v: 2, formId: FORM, entries: [] });
    const { items, storage } = memoryStorage({ [outboxKey(FORM)]: text });
    expect(createOutbox(storage, FORM, () => T0).load()).toBeUndefined();
    expect(items.get(outboxKey(FORM))).toBe(text);
  });

  it('removes the entry with the given key only', () => {
    const { items, storage } = memoryStorage();
    const outbox = createOutbox(storage, FORM, () => T0);
    outbox.save('key-newer-1', lead);
    outbox.remove(KEY);
    expect(items.size).toBe(1);
    outbox.remove('key-newer-1');
    expect(items.size).toBe(0);
  });

  it('never throws when storage throws: nothing is saved, nothing loaded', () => {
    const outbox = createOutbox(throwingStorage, FORM, () => T0);
    expect(outbox.save(KEY, lead)).toBeUndefined();
    expect(outbox.load()).toBeUndefined();
    expect(() => outbox.remove(KEY)).not.toThrow();
  });

  it('never throws when the entry cannot be removed', () => {
    const { storage } = memoryStorage({ [outboxKey(FORM)]: 'garbage' });
    const outbox = createOutbox({ ...storage, removeItem: throwingStorage.removeItem }, FORM, () => T0);
    expect(outbox.load()).toBeUndefined();
  });

  it('saves and loads nothing without storage', () => {
    const outbox = createOutbox(undefined, FORM, () => T0);
    expect(outbox.save(KEY, lead)).toBeUndefined();
    expect(outbox.load()).toBeUndefined();
    expect(() => outbox.remove(KEY)).not.toThrow();
  });
});
