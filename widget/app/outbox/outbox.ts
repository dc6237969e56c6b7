import { IDEMPOTENCY_KEY_PATTERN } from '../../../shared/idempotency';
import type { Lead } from '../../../shared/lead';

/** The part of `Storage` the outbox uses: `localStorage` in the page, a fake in tests. */
export type OutboxStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** A lead whose send failed for a reason that may pass, kept to be sent again. */
export interface OutboxEntry {
  readonly formId: string;
  /** The first attempt's idempotency key: every resend uses it, so the Worker never makes a second lead. */
  readonly key: string;
  readonly lead: Lead;
  /** When the failed attempt was saved, in epoch milliseconds. */
  readonly savedAt: number;
}

/** One form's saved submission on this device. Never throws: storage that fails is storage we do not have. */
export interface Outbox {
  /** Keeps the lead under its key, replacing this form's earlier entry; undefined if the device would not store it. */
  save(key: string, lead: Lead): OutboxEntry | undefined;
  /** The entry still worth sending, if any; expired or unreadable entries are removed on the way. */
  load(): OutboxEntry | undefined;
  /** Removes the entry with this key; a newer entry saved meanwhile under another key stays. */
  remove(key: string): void;
}

/**
 * Personal data must not live in a visitor's browser indefinitely, and a
 * week-old request is one the gym should hear about again from the visitor, not
 * from a stale tab; so older entries are dropped unsent.
 */
export const OUTBOX_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

// Stored with the entry, so a later format can be told apart from this one.
const VERSION = 1;

type StoredEntry = OutboxEntry & { readonly v: typeof VERSION };

/**
 * Whether stored data is an entry of this format. The lead is kept exactly as
 * it was sent, not reshaped: a resend must be the same lead under the same key,
 * and the Worker checks it again in any case.
 */
function isStoredEntry(data: unknown): data is StoredEntry {
  const entry = data as Partial<StoredEntry> | null;
  return (
    entry?.v === VERSION &&
    typeof entry.formId === 'string' &&
    typeof entry.key === 'string' &&
    IDEMPOTENCY_KEY_PATTERN.test(entry.key) &&
    typeof entry.lead === 'object' &&
    entry.lead !== null &&
    !Array.isArray(entry.lead) &&
    typeof entry.savedAt === 'number'
  );
}

/** The storage key of a form's entry. */
export function outboxKey(formId: string): string {
  return `leadgate:outbox:${formId}`;
}

/**
 * The outbox of one form, in `storage` (undefined where the page has none).
 *
 * @example
 * const outbox = createOutbox(localStorage, 'demo-perfectgym');
 * if (!outbox.save(key, lead)) showRetryButton();
 */
export function createOutbox(storage: OutboxStorage | undefined, formId: string, now: () => number = Date.now): Outbox {
  const name = outboxKey(formId);

  const read = (): unknown => {
    try {
      const text = storage?.getItem(name);
      return text == null ? undefined : JSON.parse(text);
    } catch {
      return null; // unreadable: treated like any other entry we cannot use
    }
  };
  const drop = () => {
    try {
      storage?.removeItem(name);
    } catch {
      // Nothing more we can do; an entry we cannot remove expires on its next load.
    }
  };

  return {
    save(key, lead) {
      if (!storage) return undefined;
      const entry: OutboxEntry = { formId, key, lead, savedAt: now() };
      try {
        storage.setItem(name, JSON.stringify({ v: VERSION, ...entry }));
        return entry;
      } catch {
        return undefined; // quota, Safari's private mode, a sandboxed frame
      }
    },

    load() {
      const data = read();
      if (data === undefined) return undefined;
      const version = (data as { v?: unknown } | null)?.v;
      // Another format's entry is left for the widget that wrote it, which may still be cached in another tab.
      if (typeof version === 'number' && version !== VERSION) return undefined;
      // Both ways: a clock set far back would otherwise keep an entry for ever.
      if (!isStoredEntry(data) || data.formId !== formId || !(Math.abs(now() - data.savedAt) <= OUTBOX_MAX_AGE_MS)) {
        drop();
        return undefined;
      }
      const { v: _, ...entry } = data;
      return entry;
    },

    remove(key) {
      const data = read();
      if ((data as { key?: unknown } | null)?.key === key) drop();
    },
  };
}
