import type { Translator } from '../../i18n/create-translator';
import type { FailureCode } from './post-json';
import { isRetryable } from './submit-lead';

interface FailureNoticeProps {
  readonly code: FailureCode;
  readonly retryAfter: number | undefined;
  readonly t: Translator;
  /** Words of the step's own, in place of the first step's. */
  readonly title?: string;
  readonly text?: string;
}

// Longer waits are not worth a number the visitor has to remember.
const MAX_RETRY_HINT_SECONDS = 120;

/** Says honestly that the details did not reach the gym, in the widget's words, never the server's. */
export function FailureNotice({ code, retryAfter, t, title, text }: FailureNoticeProps) {
  return (
    <div class="notice" role="alert">
      <p class="notice-title">{title ?? t.text(isRetryable(code) ? 'failure.notSent' : 'failure.failed')}</p>
      <p>{text ?? (code === 'NETWORK' ? t.text('failure.network') : (t.find(`code.${code}`) ?? t.text('code.INTERNAL_ERROR')))}</p>
      {retryAfter !== undefined && retryAfter > 0 && retryAfter <= MAX_RETRY_HINT_SECONDS && <p>{t.text('failure.retryAfter', { seconds: retryAfter })}</p>}
    </div>
  );
}
