import type { Ref } from 'preact';
import { CheckIcon, WaveIcon } from '../Icons';

interface ResultPanelProps {
  readonly kind: 'delivered' | 'duplicate' | 'accepted';
  readonly title: string;
  readonly message: string;
  readonly panelRef: Ref<HTMLDivElement>;
  /** Focused instead of the whole panel when a second step follows it. */
  readonly headingRef: Ref<HTMLHeadingElement>;
}

/** Takes the form's place once Leadgate has the lead (or the gym already knew the visitor). */
export function ResultPanel({ kind, title, message, panelRef, headingRef }: ResultPanelProps) {
  return (
    <div class="result" role="status" tabIndex={-1} ref={panelRef}>
      <div class="result-icon">{kind === 'duplicate' ? <WaveIcon /> : <CheckIcon />}</div>
      <h2 class="result-title" tabIndex={-1} ref={headingRef}>
        {title}
      </h2>
      <p>{message}</p>
    </div>
  );
}
