import type { JSX, TargetedEvent } from 'preact';
import type { FieldType } from '../../../shared/form-spec';
import { unhandled } from '../../../shared/unhandled';
import { ConsentField } from '../consent/ConsentField';
import { ConsentMatrix } from '../consent/ConsentMatrix';
import { ChoiceField } from './ChoiceField';
import { ErrorMessage, Help, RequiredMark } from './FieldParts';
import { describedBy } from './field-ids';
import type { FieldProps } from './field-props';
import { countryOptions, errorText, fieldLabel, optionLabel } from './field-text';

const AUTOCOMPLETE: Readonly<Record<string, string>> = {
  firstName: 'given-name',
  lastName: 'family-name',
  email: 'email',
  phone: 'tel',
  gender: 'sex',
  birthDate: 'bday',
  'address.street': 'address-line1',
  'address.zipCode': 'postal-code',
  'address.city': 'address-level2',
  'address.countryCode': 'country',
};

function isoDay(offsetDays: number): string {
  const day = new Date();
  day.setDate(day.getDate() + offsetDays);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
}

/** The types one <input>, <textarea> or <select> renders; each holds a string. */
type InputType = 'text' | 'email' | 'tel' | 'url' | 'textarea' | 'date' | 'integer' | 'select' | 'country';

/** The component that renders each field type. */
const CONTROLS = {
  text: InputField,
  email: InputField,
  tel: InputField,
  url: InputField,
  textarea: InputField,
  date: InputField,
  integer: InputField,
  select: InputField,
  country: InputField,
  multiselect: ChoiceField,
  'yes-no': ChoiceField,
  consent: ConsentField,
  channels: ConsentMatrix,
} satisfies { readonly [T in FieldType]: (props: FieldProps<T>) => JSX.Element };

/** One spec field, rendered by its type. */
export function Field(props: FieldProps) {
  // CONTROLS' type pairs each type with its component; TypeScript cannot follow that pairing through a lookup.
  const Control = CONTROLS[props.field.type] as (props: FieldProps) => JSX.Element;
  return <Control {...props} />;
}

function InputField({ field, value, error, ids, groupError, t, onChange, onBlur }: FieldProps<InputType>) {
  const text = typeof value === 'string' ? value : '';
  const common = {
    id: ids.base,
    name: field.name,
    class: 'control',
    'aria-invalid': error || groupError ? ('true' as const) : undefined,
    'aria-required': field.required ? ('true' as const) : undefined,
    'aria-describedby': describedBy(ids, Boolean(field.help), Boolean(error), groupError),
    autocomplete: field.autocomplete ?? AUTOCOMPLETE[field.name] ?? 'off',
    onBlur: () => onBlur(field.name),
  };
  const onInput = (e: TargetedEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange(field.name, e.currentTarget.value, false);
  const onPick = (e: TargetedEvent<HTMLInputElement | HTMLSelectElement>) => onChange(field.name, e.currentTarget.value, true);

  let control: JSX.Element;
  switch (field.type) {
    case 'textarea':
      control = <textarea {...common} rows={4} value={text} onInput={onInput} />;
      break;
    case 'select':
    case 'country': {
      const options =
        field.type === 'country' ? countryOptions(field, t.locale) : (field.options ?? []).map((o) => ({ value: o.value, label: optionLabel(o, t) }));
      control = (
        <select {...common} value={text} onChange={onPick}>
          <option value="">{t.text('form.choose')}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
      break;
    }
    case 'date':
      control = (
        <input
          {...common}
          type="date"
          value={text}
          max={field.range === 'past' ? isoDay(-1) : undefined}
          min={field.range === 'future' ? isoDay(0) : undefined}
          onInput={onInput}
          onChange={onPick}
        />
      );
      break;
    case 'integer':
      control = <input {...common} type="text" inputMode="numeric" value={text} onInput={onInput} />;
      break;
    case 'email':
      control = <input {...common} type="email" inputMode="email" spellcheck={false} value={text} onInput={onInput} />;
      break;
    case 'tel':
      control = <input {...common} type="tel" inputMode="tel" value={text} onInput={onInput} />;
      break;
    case 'url':
      control = <input {...common} type="url" inputMode="url" spellcheck={false} value={text} onInput={onInput} />;
      break;
    case 'text':
      control = <input {...common} type="text" value={text} onInput={onInput} />;
      break;
    default:
      return unhandled(field.type);
  }

  return (
    <div class="field">
      {/* The mark stays outside the <label> so the control's name is just its label. */}
      <div class="label">
        <label for={ids.base}>{fieldLabel(field, t)}</label>
        {field.required && <RequiredMark t={t} />}
      </div>
      {field.help && <Help id={ids.help}>{field.help}</Help>}
      {error && <ErrorMessage id={ids.error} text={errorText(field, error, t)} t={t} />}
      {control}
    </div>
  );
}
