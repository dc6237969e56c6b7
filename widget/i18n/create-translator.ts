import type { Locale } from '../../shared/locales';
import { de } from './de';
import { en, type MessageKey, type Messages } from './en';

export const MESSAGES: { readonly [L in Locale]: Messages } = { en, de };

export type TextParams = Readonly<Record<string, string | number>>;

export interface Translator {
  readonly locale: Locale;
  /** The text for a known key, with `{name}` placeholders filled in. */
  text(key: MessageKey, params?: TextParams): string;
  /** The text for a key from the spec (labelKey), or undefined if the widget has none. */
  find(key: string): string | undefined;
}

// Object.hasOwn is newer than the widget's es2020 target.
const has = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

function fill(template: string, params: TextParams | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (has(params, name) ? String(params[name]) : match));
}

export function createTranslator(locale: Locale): Translator {
  const messages = MESSAGES[locale];
  return {
    locale,
    text: (key, params) => fill(messages[key], params),
    find: (key) => (has(messages, key) ? messages[key as MessageKey] : undefined),
  };
}
