import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Lead } from '../../../shared/lead';
import type { OutboxKey } from '../../../shared/outbox-seal';
import type { Proof } from '../../../shared/submission';
import type { SubmitOutcome } from '../submit/submit-lead';
import type { Outbox, OutboxEntry, OutboxStorage } from './outbox';
import { OUTBOX_PREFIX } from './outbox-key';
import type { Redelivery, RedeliveryState } from './redelivery';

/** What became of the leads this device had kept from an earlier visit: on their way, still waiting, sent, or refused. */
export type EarlierState = 'sending' | 'waiting' | 'sent' | 'lost';

export interface UseOutboxOptions {
  readonly formId: string;
  /** The Worker's origin. */
  readonly origin: string;
  /** The Worker's key to seal kept leads with (the spec's `outbox`); without it nothing is kept. */
  readonly sealKey: OutboxKey | undefined;
  /** A kept submission's final answer: a success, or a refusal the visitor has to act on. */
  readonly onSettled: (outcome: SubmitOutcome, byVisitor: boolean) => void;
  /** Fresh bot-check evidence for each resend, and word that a send used it up (with its answer). */
  readonly proof?: () => Promise<Proof>;
  readonly onSent?: (outcome: SubmitOutcome) => void;
}

export interface OutboxHandle {
  /** The leads found on this device when the form loaded, sent in the background; undefined if there were none. */
  readonly earlier: EarlierState | undefined;
  /** The submission `keep` saved, while it is being resent. */
  readonly kept: RedeliveryState | undefined;
  /**
   * Seals and saves a submission whose send failed, beside any entry kept earlier, and resends it
   * until it arrives; false if this device cannot keep it.
   */
  readonly keep: (key: string, lead: Lead, retryAfter: number | undefined) => Promise<boolean>;
  /** Resends the kept submission at once. */
  readonly sendNow: () => void;
  /** Fetches the outbox's code while a send is on its way: once the connection has gone, it could not be. */
  readonly preload: () => void;
}

function pageStorage(): OutboxStorage | undefined {
  // Merely reading `localStorage` throws in sandboxed frames and where the visitor blocks site data.
  try {
    return localStorage;
  } catch {
    return undefined;
  }
}

/** Whether this site's storage holds any Leadgate outbox entry, of any form: only then is the outbox's code fetched at load. */
function anySaved(storage: OutboxStorage | undefined): boolean {
  try {
    for (let i = 0; storage && i < storage.length; i++) if (storage.key(i)?.startsWith(OUTBOX_PREFIX)) return true;
  } catch {
    // Storage we cannot list holds nothing we can use.
  }
  return false;
}

function onOnline(listener: () => void): () => void {
  addEventListener('online', listener);
  return () => removeEventListener('online', listener);
}

const arrived = (outcome: SubmitOutcome) => outcome.kind === 'delivered' || outcome.kind === 'duplicate' || outcome.kind === 'accepted';

type OutboxChunk = typeof import('./outbox-chunk');

// What the visitor is told of several earlier leads: the first state any of them is in, in this order.
const EARLIER_ORDER: readonly EarlierState[] = ['sending', 'waiting', 'lost', 'sent'];

/**
 * The form's outbox: keeps a submission that could not be sent on this device,
 * sealed for the Worker, and resends it with the same idempotency key; sends
 * those kept from an earlier visit when the form loads, after sweeping out
 * every expired entry of the site. Its code is a lazy chunk (outbox-chunk).
 */
export function useOutbox({ formId, origin, sealKey, onSettled, proof, onSent }: UseOutboxOptions): OutboxHandle {
  const storage = useMemo(pageStorage, []);
  const chunk = useRef<Promise<{ code: OutboxChunk; outbox: Outbox }> | undefined>(undefined);
  // A chunk that did not arrive is asked for again next time.
  const load = () =>
    (chunk.current ??= import('./outbox-chunk').then(
      (code) => ({ code, outbox: code.createOutbox(storage, formId, sealKey) }),
      (error: unknown) => {
        chunk.current = undefined;
        throw error;
      },
    ));
  const [earlier, setEarlier] = useState<Readonly<Record<string, EarlierState>>>({});
  const [kept, setKept] = useState<RedeliveryState>();
  // One loop per entry: those found at load and the one kept now, each resent until its answer is final.
  const loops = useRef(new Map<string, Redelivery>());
  const keptKey = useRef<string | undefined>(undefined);
  const live = useRef(true);
  // A resend may end minutes later; it must call the render of that moment, not the one that started it.
  const settled = useRef(onSettled);
  settled.current = onSettled;

  const resend = async (entry: OutboxEntry, fromEarlier: boolean, retryAfter?: number) => {
    const { code, outbox } = await load();
    if (!live.current) return;
    const mark = (state: EarlierState) => setEarlier((states) => ({ ...states, [entry.key]: state }));
    loops.current.get(entry.key)?.stop();
    loops.current.set(
      entry.key,
      code.startRedelivery({
        send: () =>
          code.sendSavedLead({ entry, outbox, origin, ...(proof ? { proof } : {}) }).then((outcome) => {
            onSent?.(outcome);
            return outcome;
          }),
        onOnline,
        sendFirst: fromEarlier,
        retryAfter,
        onChange: (state) => {
          if (!fromEarlier) setKept(state);
          else mark(state.sending ? 'sending' : 'waiting');
        },
        onSettled: (outcome, byVisitor) => {
          loops.current.delete(entry.key);
          if (fromEarlier) return mark(arrived(outcome) ? 'sent' : 'lost');
          setKept(undefined);
          settled.current(outcome, byVisitor);
        },
      }),
    );
  };

  useEffect(() => {
    if (anySaved(storage)) {
      void load()
        .then(async ({ code, outbox }) => {
          code.sweepOutbox(storage);
          for (const entry of await outbox.load()) {
            setEarlier((states) => ({ ...states, [entry.key]: 'sending' }));
            void resend(entry, true);
          }
        })
        .catch(() => undefined); // the chunk did not arrive: the entries wait for the next load
    }
    return () => {
      live.current = false;
      for (const loop of loops.current.values()) loop.stop();
    };
  }, []);

  const states = Object.values(earlier);
  return {
    earlier: EARLIER_ORDER.find((state) => states.includes(state)),
    kept,
    async keep(key, lead, retryAfter) {
      if (!storage || !sealKey) return false;
      const entry = await load()
        .then(({ outbox }) => outbox.save(key, lead))
        .catch(() => undefined);
      if (!entry) return false;
      keptKey.current = key;
      setKept({ sending: false, visitorTryFailed: false });
      await resend(entry, false, retryAfter);
      return true;
    },
    sendNow: () => {
      if (keptKey.current) loops.current.get(keptKey.current)?.sendNow();
    },
    preload: () => {
      if (storage && sealKey) void load().catch(() => undefined);
    },
  };
}
