import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Lead } from '../../../shared/lead';
import type { Proof } from '../../../shared/submission';
import type { SubmitOutcome } from '../submit/submit-lead';
import { createOutbox, type OutboxEntry, type OutboxStorage } from './outbox';
import { type Redelivery, type RedeliveryState, startRedelivery } from './redelivery';
import { sendSavedLead } from './send-saved-lead';

/** What became of a lead this device had kept from an earlier visit: on its way, still waiting, sent, or refused. */
export type EarlierState = 'sending' | 'waiting' | 'sent' | 'lost';

export interface UseOutboxOptions {
  readonly formId: string;
  /** The Worker's origin. */
  readonly origin: string;
  /** A kept submission's final answer: a success, or a refusal the visitor has to act on. */
  readonly onSettled: (outcome: SubmitOutcome, byVisitor: boolean) => void;
  /** Fresh bot-check evidence for each resend, and word that a send used it up (with its answer). */
  readonly proof?: () => Promise<Proof>;
  readonly onSent?: (outcome: SubmitOutcome) => void;
}

export interface OutboxHandle {
  /** The lead found on this device when the form loaded, sent in the background; undefined if there was none. */
  readonly earlier: EarlierState | undefined;
  /** The submission `keep` saved, while it is being resent. */
  readonly kept: RedeliveryState | undefined;
  /**
   * Saves a submission whose send failed and resends it until it arrives; false if this device cannot keep it.
   * It replaces an entry found at load in storage (one per form), but that one is still resent while the page is open.
   */
  readonly keep: (key: string, lead: Lead, retryAfter: number | undefined) => boolean;
  /** Resends the kept submission at once. */
  readonly sendNow: () => void;
}

function pageStorage(): OutboxStorage | undefined {
  // Merely reading `localStorage` throws in sandboxed frames and where the visitor blocks site data.
  try {
    return localStorage;
  } catch {
    return undefined;
  }
}

function onOnline(listener: () => void): () => void {
  addEventListener('online', listener);
  return () => removeEventListener('online', listener);
}

const arrived = (outcome: SubmitOutcome) => outcome.kind === 'delivered' || outcome.kind === 'duplicate' || outcome.kind === 'accepted';

/**
 * The form's outbox: keeps a submission that could not be sent on this device
 * and resends it with the same idempotency key, and sends one kept from an
 * earlier visit when the form loads.
 */
export function useOutbox({ formId, origin, onSettled, proof, onSent }: UseOutboxOptions): OutboxHandle {
  const outbox = useMemo(() => createOutbox(pageStorage(), formId), [formId]);
  const [earlier, setEarlier] = useState<EarlierState>();
  const [kept, setKept] = useState<RedeliveryState>();
  // Two loops at most: the lead found at load and the one kept now, which may have replaced it in storage
  // but is still resent from memory while the page stays open.
  const earlierLoop = useRef<Redelivery | undefined>(undefined);
  const keptLoop = useRef<Redelivery | undefined>(undefined);
  // A resend may end minutes later; it must call the render of that moment, not the one that started it.
  const settled = useRef(onSettled);
  settled.current = onSettled;

  const resend = (entry: OutboxEntry, fromEarlier: boolean, retryAfter?: number) => {
    const loop = fromEarlier ? earlierLoop : keptLoop;
    loop.current?.stop();
    loop.current = startRedelivery({
      send: () =>
        sendSavedLead({ entry, outbox, origin, ...(proof ? { proof } : {}) }).then((outcome) => {
          onSent?.(outcome);
          return outcome;
        }),
      onOnline,
      sendFirst: fromEarlier,
      retryAfter,
      onChange: (state) => {
        if (!fromEarlier) setKept(state);
        else if (!state.sending) setEarlier('waiting');
      },
      onSettled: (outcome, byVisitor) => {
        if (fromEarlier) return setEarlier(arrived(outcome) ? 'sent' : 'lost');
        setKept(undefined);
        settled.current(outcome, byVisitor);
      },
    });
  };

  useEffect(() => {
    const entry = outbox.load();
    if (entry) {
      setEarlier('sending');
      resend(entry, true);
    }
    return () => {
      earlierLoop.current?.stop();
      keptLoop.current?.stop();
    };
  }, []);

  return {
    earlier,
    kept,
    keep(key, lead, retryAfter) {
      const entry = outbox.save(key, lead);
      if (!entry) return false;
      setKept({ sending: false, visitorTryFailed: false });
      resend(entry, false, retryAfter);
      return true;
    },
    sendNow: () => keptLoop.current?.sendNow(),
  };
}
