import type { Translator } from '../i18n/create-translator';
import { isRetryable, type FailureCode } from './submit-lead';

interface FailureNoticeProps {
  readonly code: FailureCode;
  readonly retryAfter: number | undefined;
  readonly t: Translator;
}

// Longer waits are not worth a number the visitor has to remember.
const MAX_RETRY_HINT_SECONDS = 120;

/** Says honestly that the details did not reach the gym, in the widget's words, never the server's. */
export function FailureNotice({ code, retryAfter, t }: FailureNoticeProps) {
  return (
    <div class="notice" role="alert">
      <p class="notice-title">{t.text(isRetryable(code) ? 'failure.notSent' : 'failure.failed')}</p>
      <p>{code === 'NETWORK' ? t.text('failure.network') : t.text(`code.${code}`)}</p>
      {retryAfter !== undefined && retryAfter > 0 && retryAfter <= MAX_RETRY_HINT_SECONDS && (
        <p>{t.text('failure.retryAfter', { seconds: retryAfter })}</p>
      )}
    </div>
  );
}
