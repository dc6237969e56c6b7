import type { ComponentChildren } from 'preact';
import type { FieldErrorCode } from '../../../shared/error-codes';
import type { Translator } from '../../i18n/create-translator';
import { ErrorMessage, Help, RequiredMark } from './FieldParts';
import { errorText, groupText } from './field-text';
import type { GroupBlock } from './layout-fields';

interface FieldGroupProps {
  readonly block: GroupBlock;
  readonly ids: { readonly help: string; readonly error: string };
  /** The error on the group itself (an at-least-one rule's), not on one of its fields. */
  readonly error: FieldErrorCode | undefined;
  readonly t: Translator;
  readonly children: ComponentChildren;
}

/**
 * The fields of a rule as one fieldset: an address (all or none), or the ways
 * to reach the visitor (at least one). The latter's fields stay optional one by
 * one; the group is what is required, so its legend says so and its help names the rule.
 */
export function FieldGroup({ block, ids, error, t, children }: FieldGroupProps) {
  const { rule } = block;
  if (rule.kind === 'at-least-one') {
    const text = groupText(rule.name, block.fields, t);
    return (
      <fieldset class="group" aria-describedby={error ? `${ids.error} ${ids.help}` : ids.help}>
        <legend class="group-legend">
          {text.legend}
          <RequiredMark t={t} spoken />
        </legend>
        <Help id={ids.help}>{text.help}</Help>
        {error && <ErrorMessage id={ids.error} text={error === 'one_required' ? text.error : errorText(undefined, error, t)} t={t} />}
        {children}
      </fieldset>
    );
  }
  if (block.prefix !== 'address') return <div class="group">{children}</div>;
  return (
    <fieldset class="group" aria-describedby={ids.help}>
      <legend class="group-legend">
        {t.text('form.address')}
        {!block.required && <span class="opt"> ({t.text('form.optional')})</span>}
      </legend>
      <Help id={ids.help}>{t.text('form.addressHelp')}</Help>
      {children}
    </fieldset>
  );
}
