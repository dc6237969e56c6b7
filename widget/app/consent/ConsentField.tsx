import type { ComponentChildren } from 'preact';
import type { Translator } from '../../i18n/create-translator';
import { ErrorMessage, ExternalLink, Help, RequiredMark } from '../fields/FieldParts';
import { describedBy } from '../fields/field-ids';
import type { FieldProps } from '../fields/field-props';
import { errorText, fieldLabel } from '../fields/field-text';
import { httpUrl } from '../http-url';

function privacyText(t: Translator, href: string | undefined): ComponentChildren {
  const [before = '', after = ''] = t.text('form.privacy').split('{link}');
  const link = href ? (
    <ExternalLink href={href} t={t}>
      {t.text('form.privacyLink')}
    </ExternalLink>
  ) : (
    t.text('form.privacyLink')
  );
  return (
    <>
      {before}
      {link}
      {after}
    </>
  );
}

/** One checkbox: the privacy agreement (with its policy link) or a single marketing opt-in. */
export function ConsentField({ field, value, error, ids, t, onChange, onBlur }: FieldProps<'consent'>) {
  const href = httpUrl(field.link);
  const isPrivacy = field.name === 'consent.privacy';
  // An operator's own text replaces ours; the policy link then follows it.
  const text: ComponentChildren =
    isPrivacy && !field.label ? (
      privacyText(t, href)
    ) : (
      <>
        {fieldLabel(field, t)}
        {href && (
          <>
            {' '}
            <ExternalLink href={href} t={t}>
              {t.text('form.privacyLinkAlone')}
            </ExternalLink>
          </>
        )}
      </>
    );

  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      {error && <ErrorMessage id={ids.error} text={errorText(field, error, t)} t={t} />}
      <div class="check">
        <input
          id={ids.base}
          type="checkbox"
          name={field.name}
          checked={value === true}
          aria-invalid={error ? 'true' : undefined}
          aria-required={field.required ? 'true' : undefined}
          aria-describedby={describedBy(ids, Boolean(field.help), Boolean(error))}
          onChange={(e) => onChange(field.name, e.currentTarget.checked, true)}
          onBlur={() => onBlur(field.name)}
        />
        <label for={ids.base}>
          {text}
          {field.required && <RequiredMark t={t} />}
        </label>
      </div>
      {field.help && <Help id={ids.help}>{field.help}</Help>}
    </div>
  );
}
