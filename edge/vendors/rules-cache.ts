/** How long a vendor's rules are kept to answer with while the vendor is down. */
export const STALE_FOR_SECONDS = 7 * 24 * 3600;

/**
 * How long the last rules a vendor gave are kept under a second key, for a
 * caller that accepts them (a submission, checked against the spec its widget
 * already holds) once the cache itself has expired and the vendor is down.
 * Each successful fetch writes it anew.
 */
export const LAST_KNOWN_FOR_SECONDS = 365 * 24 * 3600;

/** The KV key the last known rules of `key` are kept under. */
export const lastKnownKey = (key: string): string => `${key}:last-known`;

interface CacheEntry {
  readonly value: unknown;
  readonly fetchedAt: number;
}

export interface RulesCacheOptions<Rules> {
  readonly kv: KVNamespace;
  readonly key: string;
  readonly ttlSeconds: number;
  /** Fetches fresh rules from the vendor; throws when it cannot. */
  readonly load: () => Promise<Rules>;
  /** Checks an entry read back from KV; undefined means "do not trust it". */
  readonly parse: (raw: unknown) => Rules | undefined;
  readonly waitUntil: (promise: Promise<unknown>) => void;
  readonly onRefreshError?: (error: unknown) => void;
  /** When the vendor cannot be reached and the cache holds nothing, answer with the last rules it gave. */
  readonly lastKnown?: boolean;
  readonly now?: () => number;
}

export type RulesState = 'fresh' | 'stale' | 'miss' | 'last-known';

// One vendor fetch per key at a time within this isolate.
const inflight = new Map<string, Promise<unknown>>();

// The KV entry last read per key, as text, and what it parsed to: an unchanged entry is parsed
// once per isolate and keeps its identity (what the spec and schema memos key on). Compared by
// its whole text, so a refreshed, replaced or refused entry is read anew.
const parsed = new Map<string, { readonly text: string; readonly entry: CacheEntry; readonly rules: unknown }>();

/** The entry under `key` and its rules (undefined when `parse` refuses them), or null when there is none. */
async function readEntry<Rules>(options: RulesCacheOptions<Rules>): Promise<{ entry: CacheEntry; rules: Rules | undefined } | null> {
  const text = await options.kv.get(options.key, 'text').catch(() => null);
  if (text === null) return null;
  const memo = parsed.get(options.key);
  if (memo?.text === text) return { entry: memo.entry, rules: memo.rules as Rules };
  let entry: CacheEntry;
  try {
    entry = JSON.parse(text) as CacheEntry;
  } catch {
    return null;
  }
  const rules = options.parse(entry.value);
  if (rules !== undefined) parsed.set(options.key, { text, entry, rules });
  return { entry, rules };
}

async function refresh<Rules>(options: RulesCacheOptions<Rules>, now: number): Promise<Rules> {
  const running = inflight.get(options.key) as Promise<Rules> | undefined;
  if (running) return running;
  const task = (async () => {
    const value = await options.load();
    const text = JSON.stringify({ value, fetchedAt: now } satisfies CacheEntry);
    await Promise.all([
      options.kv.put(options.key, text, { expirationTtl: STALE_FOR_SECONDS }),
      options.kv.put(lastKnownKey(options.key), text, { expirationTtl: LAST_KNOWN_FOR_SECONDS }),
    ]);
    return value;
  })().finally(() => inflight.delete(options.key));
  inflight.set(options.key, task);
  return task;
}

/**
 * A vendor's form rules from KV: fresh within the TTL; past it, the stale copy
 * is answered at once and refreshed in the background, so a vendor outage
 * never takes a form down once its rules have been seen. Past the stale copy's
 * life too, a caller that asks for them gets the last known rules.
 */
export async function cachedRules<Rules>(options: RulesCacheOptions<Rules>): Promise<{ rules: Rules; state: RulesState }> {
  const now = (options.now ?? Date.now)();
  const read = await readEntry(options);
  if (read && read.rules !== undefined) {
    const { entry, rules } = read;
    if (now - entry.fetchedAt < options.ttlSeconds * 1000) return { rules, state: 'fresh' };
    options.waitUntil(refresh(options, now).catch((error: unknown) => options.onRefreshError?.(error)));
    return { rules, state: 'stale' };
  }
  try {
    return { rules: await refresh(options, now), state: 'miss' };
  } catch (error) {
    const last = options.lastKnown ? await readEntry({ ...options, key: lastKnownKey(options.key) }) : null;
    if (last?.rules === undefined) throw error;
    return { rules: last.rules, state: 'last-known' };
  }
}

/**
 * Marks the rules under `key` as expired without deleting them: the next read
 * fetches them anew, and while the vendor cannot be reached the old rules
 * still answer (stale-if-error), so expiring never takes a form down.
 */
export async function expireRules(kv: KVNamespace, key: string): Promise<boolean> {
  const text = await kv.get(key, 'text');
  if (text === null) return false;
  let entry: CacheEntry;
  try {
    entry = JSON.parse(text) as CacheEntry;
  } catch {
    await kv.delete(key);
    return true;
  }
  await kv.put(key, JSON.stringify({ value: entry.value, fetchedAt: 0 } satisfies CacheEntry), { expirationTtl: STALE_FOR_SECONDS });
  return true;
}
