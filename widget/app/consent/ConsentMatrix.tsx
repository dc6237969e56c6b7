import { ErrorMessage, Help } from '../fields/FieldParts';
import { describedBy } from '../fields/field-ids';
import type { FieldProps } from '../fields/field-props';
import { categoryLabel, channelLabel, errorText, fieldLabel } from '../fields/field-text';
import type { ChannelsValue } from '../fields/form-values';

/**
 * Marketing consent per message category and channel: one row per category,
 * one labelled checkbox per channel, each row a named group.
 */
export function ConsentMatrix({ field, value, error, ids, t, onChange, onBlur }: FieldProps<'channels'>) {
  const chosen: ChannelsValue = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as ChannelsValue) : {};
  const toggle = (category: string, channel: string, on: boolean) => {
    const current = chosen[category] ?? [];
    const next = on ? [...current, channel] : current.filter((c) => c !== channel);
    onChange(field.name, { ...chosen, [category]: next }, true);
  };

  return (
    <fieldset class={`field${error ? ' field-invalid' : ''}`} aria-describedby={describedBy(ids, true, Boolean(error))}>
      <legend class="label">{fieldLabel(field, t)}</legend>
      <Help id={ids.help}>{field.help ?? t.text('form.channelsHelp')}</Help>
      {error && <ErrorMessage id={ids.error} text={errorText(field, error, t)} t={t} />}
      <div class="matrix-rows">
        {(field.matrix?.categories ?? []).map(({ category, label, channels }, ci) => (
          <div class="matrix-row" role="group" aria-labelledby={`${ids.base}-${ci}-label`} key={category}>
            <span class="matrix-cat" id={`${ids.base}-${ci}-label`}>
              {label ?? categoryLabel(category, t)}
            </span>
            <div class="chips">
              {channels.map((channel, hi) => (
                <label class="chip" key={channel} for={`${ids.base}-${ci}-${hi}`}>
                  <input
                    id={`${ids.base}-${ci}-${hi}`}
                    type="checkbox"
                    name={`${field.name}.${category}`}
                    value={channel}
                    checked={chosen[category]?.includes(channel) ?? false}
                    onChange={(e) => toggle(category, channel, e.currentTarget.checked)}
                    onBlur={() => onBlur(field.name)}
                  />
                  {/* The category in the name too, so each box makes sense alone (e.g. in a list of controls). */}
                  <span>
                    <span class="vh">{categoryLabel(category, t)}: </span>
                    {channelLabel(channel, t)}
                  </span>
                </label>
              ))}
            </div>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
