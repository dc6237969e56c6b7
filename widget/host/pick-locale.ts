import { type Locale, matchLocale } from '../../shared/locales';

/** The visitor's language: the tag's `data-locale`, else the page's `lang`, else the browser's. */
export function pickLocale(explicit: string | undefined): Locale | undefined {
  return matchLocale([explicit, document.documentElement.lang, ...(navigator.languages || [navigator.language])]);
}
