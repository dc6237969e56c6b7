import { type SubmitOutcome, shouldRetry } from '../submit/submit-lead';
import { retryDelay } from './retry-delay';

/** What the visitor may see of the resending. */
export interface RedeliveryState {
  /** A resend is on its way. */
  readonly sending: boolean;
  /** The last resend was one the visitor asked for, and it failed again. */
  readonly visitorTryFailed: boolean;
}

export interface RedeliveryOptions {
  /** One send of the saved lead, with its saved key; never throws. */
  readonly send: () => Promise<SubmitOutcome>;
  /** Subscribes to the browser coming back online; returns the unsubscribe. */
  readonly onOnline: (listener: () => void) => () => void;
  /** Called once, with the answer that ends the resending: a success or a refusal. `byVisitor` if they asked for that send. */
  readonly onSettled: (outcome: SubmitOutcome, byVisitor: boolean) => void;
  readonly onChange?: (state: RedeliveryState) => void;
  /** Send at once (an entry found at page load) instead of waiting first (a send that has just failed). */
  readonly sendFirst?: boolean;
  /** Seconds the Worker asked to wait after the send that has just failed. */
  readonly retryAfter?: number;
}

export interface Redelivery {
  /** Sends at once, unless a send is already on its way. */
  sendNow(): void;
  /** Ends the resending: no more sends, no more callbacks. The entry stays saved. */
  stop(): void;
}

/**
 * Resends a saved lead until an answer is final: on a timer with backoff (see
 * `retryDelay`), when the browser comes back online, and when the visitor asks.
 * Only one send is on its way at a time, whoever started it.
 *
 * @example
 * const redelivery = startRedelivery({ send, onOnline, onSettled: (outcome) => show(outcome) });
 * sendNowButton.onclick = () => redelivery.sendNow();
 */
export function startRedelivery(options: RedeliveryOptions): Redelivery {
  const { send, onOnline, onSettled, onChange = () => {}, sendFirst = false, retryAfter } = options;
  let tries = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight = false;
  let visitorAsked = false;
  let stopped = false;
  let unsubscribe = () => {};

  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    unsubscribe();
  };

  const wait = (seconds: number | undefined) => {
    timer = setTimeout(() => void attempt(), retryDelay(tries++, seconds));
  };

  const attempt = async () => {
    if (stopped || inFlight) return;
    clearTimeout(timer);
    inFlight = true;
    onChange({ sending: true, visitorTryFailed: false });
    const outcome = await send();
    inFlight = false;
    if (stopped) return;
    // A press while a timer's send was on its way waits for that send's answer, so it is the visitor's too.
    const byVisitor = visitorAsked;
    visitorAsked = false;
    if (shouldRetry(outcome)) {
      onChange({ sending: false, visitorTryFailed: byVisitor });
      wait(outcome.retryAfter);
      return;
    }
    stop();
    onSettled(outcome, byVisitor);
  };

  unsubscribe = onOnline(() => {
    // The connection is back: the short waits are worth trying again.
    tries = 0;
    void attempt();
  });
  if (sendFirst) void attempt();
  else wait(retryAfter);

  return {
    sendNow() {
      visitorAsked = true;
      void attempt();
    },
    stop,
  };
}
