import type { Translator } from '../../i18n/create-translator';
import type { EarlierState } from './use-outbox';

const TEXTS = {
  sending: undefined,
  waiting: 'outbox.earlierWaiting',
  sent: 'outbox.earlierSent',
  lost: 'outbox.earlierLost',
} as const;

/**
 * A line above the form about a request kept on this device from an earlier
 * visit. In the DOM from the start, even empty: screen readers only announce
 * changes to a region they already know.
 */
export function EarlierNotice({ state, t }: { readonly state: EarlierState | undefined; readonly t: Translator }) {
  const key = state && TEXTS[state];
  return (
    <p class={state === 'lost' ? 'live earlier earlier-lost' : 'live earlier'} role="status">
      {key && t.text(key)}
    </p>
  );
}
