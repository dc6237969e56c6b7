import type { Locale } from '../../shared/locales';
import type { MessageKey, Messages } from './en';

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

/**
 * The widget's texts in one language. The messages come as an argument: each
 * language is a chunk of its own (widget/<hash>/locale-<xx>.js), loaded beside the app,
 * so a visitor downloads one language, not eight.
 */
export function createTranslator(locale: Locale, messages: Messages): Translator {
  return {
    locale,
    text: (key, params) => fill(messages[key], params),
    find: (key) => (has(messages, key) ? messages[key as MessageKey] : undefined),
  };
}
