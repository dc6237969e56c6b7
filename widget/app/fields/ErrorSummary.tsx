import type { Ref } from 'preact';
import type { Translator } from '../../i18n/create-translator';
import { AlertIcon } from '../Icons';

export interface SummaryItem {
  readonly key: string;
  /** The field's label; absent for an error the form has no field for. */
  readonly label: string | undefined;
  readonly text: string;
  /** The control to jump to from the summary. */
  readonly focusId: string | undefined;
}

interface ErrorSummaryProps {
  readonly items: readonly SummaryItem[];
  readonly t: Translator;
  readonly onJump: (focusId: string) => void;
  readonly boxRef: Ref<HTMLDivElement>;
}

/**
 * The list of problems above the form. The live region stays in the DOM even
 * when empty: screen readers only announce changes to a region they already know.
 */
export function ErrorSummary({ items, t, onJump, boxRef }: ErrorSummaryProps) {
  return (
    <div class="live" aria-live="assertive">
      {items.length > 0 && (
        <div class="summary" tabIndex={-1} ref={boxRef}>
          <p class="summary-title">
            <AlertIcon />
            {t.text('summary.title')}
          </p>
          <ul>
            {items.map((item) => (
              <li key={item.key}>
                {item.label !== undefined && item.focusId !== undefined ? (
                  <a
                    href={`#${item.focusId}`}
                    // A fragment link cannot reach into a shadow root; move focus ourselves.
                    onClick={(e) => {
                      e.preventDefault();
                      onJump(item.focusId!);
                    }}
                  >
                    {item.label}
                  </a>
                ) : (
                  item.label
                )}
                {item.label !== undefined && ': '}
                {item.text}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
