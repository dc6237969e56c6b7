import type { Ref } from 'preact';
import { CheckIcon, WaveIcon } from './Icons';

interface ResultPanelProps {
  readonly kind: 'delivered' | 'duplicate';
  readonly title: string;
  readonly message: string;
  readonly panelRef: Ref<HTMLDivElement>;
}

/** Takes the form's place once the gym has the lead (or already knew the visitor). */
export function ResultPanel({ kind, title, message, panelRef }: ResultPanelProps) {
  return (
    <div class="result" role="status" tabIndex={-1} ref={panelRef}>
      <div class="result-icon">{kind === 'delivered' ? <CheckIcon /> : <WaveIcon />}</div>
      <h2 class="result-title">{title}</h2>
      <p>{message}</p>
    </div>
  );
}
