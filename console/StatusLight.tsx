import type { StatusLight as Light } from '../shared/admin-console';

const LABELS = { green: 'OK', amber: 'Attention', red: 'Failing', grey: 'Idle' } as const satisfies Record<Light, string>;

/** A coloured dot with its label and reason in words: colour is never the only signal (WCAG 1.4.1). */
export function StatusLight(props: { light: Light; reason: string }) {
  return (
    <span class={`light light-${props.light}`}>
      <span class="dot" aria-hidden="true" />
      <strong>{LABELS[props.light]}</strong> <span class="reason">{props.reason}</span>
    </span>
  );
}
