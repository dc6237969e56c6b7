import type { ComponentChildren } from 'preact';
import type { Translator } from '../i18n/create-translator';
import { Help } from './FieldParts';

interface FieldGroupProps {
  readonly prefix: string | undefined;
  readonly required: boolean;
  readonly helpId: string;
  readonly t: Translator;
  readonly children: ComponentChildren;
}

/** The fields of an all-or-none rule (an address) as one fieldset. */
export function FieldGroup({ prefix, required, helpId, t, children }: FieldGroupProps) {
  if (prefix !== 'address') return <div class="group">{children}</div>;
  return (
    <fieldset class="group" aria-describedby={helpId}>
      <legend class="group-legend">
        {t.text('form.address')}
        {!required && <span class="opt"> ({t.text('form.optional')})</span>}
      </legend>
      <Help id={helpId}>{t.text('form.addressHelp')}</Help>
      {children}
    </fieldset>
  );
}
