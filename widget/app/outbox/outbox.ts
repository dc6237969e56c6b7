import { IDEMPOTENCY_KEY_PATTERN } from '../../../shared/idempotency';
import type { Lead } from '../../../shared/lead';
import { type OutboxKey, sealForWorker } from '../../../shared/outbox-seal';
import { OUTBOX_PREFIX, outboxKey } from './outbox-key';

/** The part of `Storage` the outbox uses: `localStorage` in the page, a fake in tests. */
export type OutboxStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

/**
 * A submission whose send failed for a reason that may pass, kept to be sent again:
 * sealed for the Worker, so the host page's other scripts cannot read the lead.
 */
export interface OutboxEntry {
  readonly formId: string;
  /** The first attempt's idempotency key: every resend uses it, so the Worker never makes a second lead. */
  readonly key: string;
  /** The lead exactly as first sent, and its saved time, sealed for the Worker (see shared/outbox-seal). */
  readonly sealed: string;
  /** When the failed attempt was saved, in epoch milliseconds. */
  readonly savedAt: number;
}

/** One form's saved submissions on this device, one entry each. Never throws: storage that fails is storage we do not have. */
export interface Outbox {
  /** Seals the lead and keeps it under its key beside the form's other entries; undefined if the device would not keep it. */
  save(key: string, lead: Lead): Promise<OutboxEntry | undefined>;
  /** The entries still worth sending, oldest first; expired or unreadable ones are removed on the way. */
  load(): Promise<OutboxEntry[]>;
  /** Removes the entry with this key; the form's other entries stay. */
  remove(key: string): void;
}

/**
 * Personal data must not live in a visitor's browser indefinitely, and a
 * week-old request is one the gym should hear about again from the visitor, not
 * from a stale tab; so older entries are dropped unsent.
 */
export const OUTBOX_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

// Stored with the entry, so a later format can be told apart from this one. Every
// version keeps `savedAt` in clear (a time, not personal data): the sweep reads only that.
const VERSION = 2;

interface StoredEntry {
  readonly v: typeof VERSION;
  readonly savedAt: number;
  readonly sealed: string;
}

/** Version 1, from before sealing: one clear-text entry per form under `leadgate:outbox:<formId>`. */
interface ClearEntry {
  readonly v: 1;
  readonly formId: string;
  readonly key: string;
  readonly lead: Lead;
  readonly savedAt: number;
}

// Both ways: a clock set far back would otherwise keep an entry for ever.
const fresh = (savedAt: unknown, now: number) => typeof savedAt === 'number' && Math.abs(now - savedAt) <= OUTBOX_MAX_AGE_MS;

function read(storage: OutboxStorage, name: string): unknown {
  try {
    const text = storage.getItem(name);
    return text == null ? undefined : JSON.parse(text);
  } catch {
    return null; // unreadable: treated like any other entry we cannot use
  }
}

function drop(storage: OutboxStorage, name: string): void {
  try {
    storage.removeItem(name);
  } catch {
    // Nothing more we can do; an entry we cannot remove expires on a later load.
  }
}

/** The storage keys of every outbox entry on this origin, of any form. */
function outboxNames(storage: OutboxStorage): string[] {
  const names: string[] = [];
  try {
    for (let i = 0; i < storage.length; i++) {
      const name = storage.key(i);
      if (name?.startsWith(OUTBOX_PREFIX)) names.push(name);
    }
  } catch {
    // Storage we cannot list holds nothing we can use.
  }
  return names;
}

/**
 * Removes every outbox entry of this site, of any Leadgate form, that is past
 * OUTBOX_MAX_AGE_MS or unreadable: a form the visitor never opens again must not
 * keep their lead for ever. Reads only the clear `savedAt`, never the sealed lead.
 */
export function sweepOutbox(storage: OutboxStorage | undefined, now: number = Date.now()): void {
  if (!storage) return;
  for (const name of outboxNames(storage)) {
    if (!fresh((read(storage, name) as { savedAt?: unknown } | null)?.savedAt, now)) drop(storage, name);
  }
}

function isStoredEntry(data: unknown): data is StoredEntry {
  const entry = data as Partial<StoredEntry> | null;
  return entry?.v === VERSION && typeof entry.savedAt === 'number' && typeof entry.sealed === 'string';
}

function isClearEntry(data: unknown, formId: string): data is ClearEntry {
  const entry = data as Partial<ClearEntry> | null;
  return (
    entry?.v === 1 &&
    entry.formId === formId &&
    typeof entry.key === 'string' &&
    IDEMPOTENCY_KEY_PATTERN.test(entry.key) &&
    typeof entry.lead === 'object' &&
    entry.lead !== null &&
    !Array.isArray(entry.lead)
  );
}

/**
 * The outbox of one form, in `storage` (undefined where the page has none), sealed
 * with the Worker's published key (undefined when the spec has none: nothing is kept).
 *
 * @example
 * const outbox = createOutbox(localStorage, 'demo-perfectgym', spec.outbox);
 * if (!(await outbox.save(key, lead))) showRetryButton();
 */
export function createOutbox(storage: OutboxStorage | undefined, formId: string, sealKey: OutboxKey | undefined, now: () => number = Date.now): Outbox {
  const prefix = outboxKey(formId, '');

  const save = async (key: string, lead: Lead, savedAt = now()): Promise<OutboxEntry | undefined> => {
    if (!storage || !sealKey) return undefined;
    try {
      const sealed = await sealForWorker(sealKey, formId, key, { savedAt, lead });
      storage.setItem(outboxKey(formId, key), JSON.stringify({ v: VERSION, savedAt, sealed } satisfies StoredEntry));
      return { formId, key, sealed, savedAt };
    } catch {
      return undefined; // no WebCrypto (a page not on https), quota, Safari's private mode, a sandboxed frame
    }
  };

  return {
    save: (key, lead) => save(key, lead),

    async load() {
      if (!storage) return [];
      // A clear-text entry an earlier widget left is sealed now, and its clear text removed.
      const legacy = `${OUTBOX_PREFIX}${formId}`;
      const clear = read(storage, legacy);
      if (isClearEntry(clear, formId) && fresh(clear.savedAt, now()) && (await save(clear.key, clear.lead, clear.savedAt))) drop(storage, legacy);

      const entries: OutboxEntry[] = [];
      for (const name of outboxNames(storage)) {
        const key = name.slice(prefix.length);
        if (!name.startsWith(prefix) || !IDEMPOTENCY_KEY_PATTERN.test(key)) continue;
        const data = read(storage, name);
        const version = (data as { v?: unknown } | null)?.v;
        // Another format's entry is left for the widget that wrote it, which may still be cached in another tab.
        if (typeof version === 'number' && version !== VERSION) continue;
        if (isStoredEntry(data) && fresh(data.savedAt, now())) entries.push({ formId, key, sealed: data.sealed, savedAt: data.savedAt });
        else drop(storage, name);
      }
      return entries.sort((a, b) => a.savedAt - b.savedAt);
    },

    remove(key) {
      if (storage) drop(storage, outboxKey(formId, key));
    },
  };
}
