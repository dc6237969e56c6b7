import type { Ref } from 'preact';
import type { Translator } from '../../i18n/create-translator';
import { ClockIcon } from '../Icons';
import type { RedeliveryState } from './redelivery';

interface SavedPanelProps {
  readonly state: RedeliveryState | undefined;
  readonly t: Translator;
  readonly onSendNow: () => void;
  readonly panelRef: Ref<HTMLDivElement>;
}

/**
 * Takes the form's place when the details could not be sent but are kept on
 * this device: says plainly that the gym does not have them yet and that they
 * will go out on their own. The result panel replaces it once they arrive.
 */
export function SavedPanel({ state, t, onSendNow, panelRef }: SavedPanelProps) {
  const sending = state?.sending ?? false;
  return (
    <>
      <div class="result" role="status" tabIndex={-1} ref={panelRef}>
        <div class="result-icon result-icon-wait">
          <ClockIcon />
        </div>
        <h2 class="result-title">{t.text('outbox.savedTitle')}</h2>
        <p>{t.text('outbox.saved')}</p>
        {state?.visitorTryFailed && <p>{t.text('outbox.stillNotSent')}</p>}
      </div>
      <div class="actions saved-actions">
        {/* aria-disabled, not disabled: a disabled button drops focus, and a press while sending is harmless. */}
        <button class="button" type="button" aria-disabled={sending} onClick={onSendNow}>
          {sending && <span class="spinner" aria-hidden="true" />}
          {t.text(sending ? 'form.sending' : 'outbox.sendNow')}
        </button>
      </div>
    </>
  );
}
