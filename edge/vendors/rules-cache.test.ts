import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetBindings } from '../test-migrations';
import { cachedRules, lastKnownKey, type RulesCacheOptions } from './rules-cache';

type Rules = { version: number };

function harness(ttlSeconds = 60, lastKnown = false) {
  let now = 1_000_000;
  let version = 0;
  let down = false;
  const loads: number[] = [];
  const pending: Promise<unknown>[] = [];
  const errors: unknown[] = [];
  const options: RulesCacheOptions<Rules> = {
    kv: env.RULES_CACHE,
    key: 'rules:test',
    ttlSeconds,
    load: async () => {
      loads.push(now);
      if (down) throw new Error('vendor down');
      version += 1;
      return { version };
    },
    parse: (raw) => (typeof (raw as Rules | undefined)?.version === 'number' ? (raw as Rules) : undefined),
    waitUntil: (p) => pending.push(p),
    onRefreshError: (e) => errors.push(e),
    lastKnown,
    now: () => now,
  };
  return {
    get: () => cachedRules(options),
    advance: (seconds: number) => (now += seconds * 1000),
    setDown: (value: boolean) => (down = value),
    settle: () => Promise.all(pending.splice(0)),
    loads,
    errors,
  };
}

beforeEach(() => resetBindings());

describe('cachedRules (real KV, controlled clock)', () => {
  it('loads once, then answers from KV within the TTL', async () => {
    const h = harness();
    expect(await h.get()).toEqual({ rules: { version: 1 }, state: 'miss' });
    h.advance(59);
    expect(await h.get()).toEqual({ rules: { version: 1 }, state: 'fresh' });
    expect(h.loads).toHaveLength(1);
  });

  it('answers stale rules at once past the TTL and refreshes them in the background', async () => {
    const h = harness();
    await h.get();
    h.advance(61);
    expect(await h.get()).toEqual({ rules: { version: 1 }, state: 'stale' });
    await h.settle();
    expect(await h.get()).toEqual({ rules: { version: 2 }, state: 'fresh' });
  });

  it('keeps serving stale rules while the vendor is down', async () => {
    const h = harness();
    await h.get();
    h.setDown(true);
    h.advance(3600);
    expect(await h.get()).toEqual({ rules: { version: 1 }, state: 'stale' });
    await h.settle();
    expect(await h.get()).toEqual({ rules: { version: 1 }, state: 'stale' });
    await h.settle();
    expect(h.errors).toHaveLength(2);
  });

  it('fails when the vendor is down and nothing was ever cached', async () => {
    const h = harness();
    h.setDown(true);
    await expect(h.get()).rejects.toThrow('vendor down');
  });

  it('answers the last known rules once the cache expired and the vendor is down, to a caller that accepts them', async () => {
    const h = harness(60, true);
    await h.get();
    // The cached copy's life (7 days) is over: KV dropped it.
    await env.RULES_CACHE.delete('rules:test');
    h.setDown(true);
    h.advance(8 * 24 * 3600);
    expect(await h.get()).toEqual({ rules: { version: 1 }, state: 'last-known' });
    h.setDown(false);
    expect(await h.get()).toEqual({ rules: { version: 2 }, state: 'miss' });
    expect(JSON.parse((await env.RULES_CACHE.get(lastKnownKey('rules:test'))) ?? 'null')).toMatchObject({ value: { version: 2 } });
  });

  it('fails a caller that does not accept the last known rules, as it fails when none are known', async () => {
    const h = harness();
    await h.get();
    await env.RULES_CACHE.delete('rules:test');
    h.setDown(true);
    await expect(h.get()).rejects.toThrow('vendor down');
    await env.RULES_CACHE.delete(lastKnownKey('rules:test'));
    const accepting = harness(60, true);
    accepting.setDown(true);
    await expect(accepting.get()).rejects.toThrow('vendor down');
  });

  it('does not trust an entry its parser refuses', async () => {
    await env.RULES_CACHE.put('rules:test', JSON.stringify({ value: { wrong: true }, fetchedAt: 1_000_000 }));
    const h = harness();
    expect(await h.get()).toEqual({ rules: { version: 1 }, state: 'miss' });
  });

  it('hands out the same rules while the entry is unchanged, and reads a replaced entry anew', async () => {
    const h = harness();
    await h.get();
    const first = (await h.get()).rules;
    expect((await h.get()).rules).toBe(first);
    await env.RULES_CACHE.put('rules:test', JSON.stringify({ value: { version: 7 }, fetchedAt: 1_000_000 }));
    expect((await h.get()).rules).toEqual({ version: 7 });
    await env.RULES_CACHE.put('rules:test', 'not json');
    expect(await h.get()).toEqual({ rules: { version: 2 }, state: 'miss' });
  });

  it('makes one vendor call for concurrent misses in one isolate', async () => {
    const h = harness();
    await Promise.all(Array.from({ length: 10 }, () => h.get()));
    expect(h.loads).toHaveLength(1);
  });
});
