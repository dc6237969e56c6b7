import { ErrorMessage, Help, RequiredMark } from './FieldParts';
import { describedBy } from './field-ids';
import type { FieldProps } from './field-props';
import { errorText, fieldLabel, optionLabel } from './field-text';

type ChoiceType = 'multiselect' | 'yes-no';

/** Whether the visitor may tick several options, or picks one of yes and no. */
const MULTIPLE = { multiselect: true, 'yes-no': false } satisfies Record<ChoiceType, boolean>;

/** A yes/no question (two radios) or a multiselect (a checkbox per option), each as a fieldset. */
export function ChoiceField({ field, value, error, ids, groupError, t, onChange, onBlur }: FieldProps<ChoiceType>) {
  const multi = MULTIPLE[field.type];
  const choices = multi
    ? (field.options ?? []).map((o) => ({ key: o.value, label: optionLabel(o, t), checked: Array.isArray(value) && value.includes(o.value) }))
    : [
        { key: 'yes', label: t.text('form.yes'), checked: value === true },
        { key: 'no', label: t.text('form.no'), checked: value === false },
      ];

  const pick = (index: number, checked: boolean) => {
    if (!multi) return onChange(field.name, index === 0, true);
    const current = Array.isArray(value) ? (value as readonly string[]) : [];
    const option = field.options?.[index]?.value;
    if (option === undefined) return;
    onChange(field.name, checked ? [...current, option] : current.filter((v) => v !== option), true);
  };

  const many = multi && choices.length > 4;
  return (
    <fieldset class={`field${error ? ' field-invalid' : ''}`} aria-describedby={describedBy(ids, Boolean(field.help), Boolean(error), groupError)}>
      <legend class="label">
        {fieldLabel(field, t)}
        {field.required && <RequiredMark t={t} spoken />}
      </legend>
      {field.help && <Help id={ids.help}>{field.help}</Help>}
      {error && <ErrorMessage id={ids.error} text={errorText(field, error, t)} t={t} />}
      <div class={many ? 'options options-stack' : 'options'}>
        {choices.map((choice, i) => (
          <label class="option" key={choice.key} for={`${ids.base}-${i}`}>
            <input
              id={`${ids.base}-${i}`}
              type={multi ? 'checkbox' : 'radio'}
              name={ids.base}
              value={choice.key}
              checked={choice.checked}
              aria-invalid={error || groupError ? 'true' : undefined}
              onChange={(e) => pick(i, e.currentTarget.checked)}
              onBlur={() => onBlur(field.name)}
            />
            <span>{choice.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
