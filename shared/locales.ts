import * as v from 'valibot';

/** Languages the widget ships text for. */
export const LOCALES = ['en', 'de'] as const;
export const LocaleSchema = v.picklist(LOCALES);
export type Locale = v.InferOutput<typeof LocaleSchema>;

/** Picks the first supported locale among candidates like "de-AT", "EN", "fr". */
export function matchLocale(candidates: readonly (string | null | undefined)[]): Locale | undefined {
  for (const candidate of candidates) {
    const base = candidate?.trim().toLowerCase().split(/[-_]/)[0];
    const found = LOCALES.find((l) => l === base);
    if (found) return found;
  }
  return undefined;
}
