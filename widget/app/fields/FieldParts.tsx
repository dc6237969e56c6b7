import type { ComponentChildren } from 'preact';
import type { Translator } from '../../i18n/create-translator';
import { AlertIcon } from '../Icons';

/**
 * "*" for the eye (explained by the note above the form). Controls say
 * "required" through aria-required; a group has no such attribute, so its
 * legend also gets "(required)" for screen readers.
 */
export function RequiredMark({ t, spoken = false }: { t: Translator; spoken?: boolean }) {
  return (
    <>
      <span class="req" aria-hidden="true">
        *
      </span>
      {spoken && <span class="vh"> ({t.text('form.required')})</span>}
    </>
  );
}

export function Help({ id, children }: { id: string; children: ComponentChildren }) {
  return (
    <p id={id} class="help">
      {children}
    </p>
  );
}

export function ErrorMessage({ id, text, t }: { id: string; text: string; t: Translator }) {
  return (
    <p id={id} class="error">
      <AlertIcon />
      <span>
        <span class="vh">{t.text('form.errorPrefix')} </span>
        {text}
      </span>
    </p>
  );
}

/** A link that opens in a new tab and says so to screen readers. */
export function ExternalLink({ href, children, t }: { href: string; children: ComponentChildren; t: Translator }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
      <span class="vh"> {t.text('form.newTab')}</span>
    </a>
  );
}
