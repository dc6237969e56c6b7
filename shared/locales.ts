/**
 * Languages the widget ships text for: the markets of the vendors it serves.
 * No valibot here: the loader reads this list and must stay tiny.
 */
export const LOCALES = ['en', 'de', 'nl', 'pl', 'es', 'fr', 'it', 'tr'] as const;
export type Locale = (typeof LOCALES)[number];

/** Picks the first supported locale among candidates like "de-AT", "EN", "fr". */
export function matchLocale(candidates: readonly (string | null | undefined)[]): Locale | undefined {
  for (const candidate of candidates) {
    const base = candidate?.trim().toLowerCase().split(/[-_]/)[0];
    const found = LOCALES.find((l) => l === base);
    if (found) return found;
  }
  return undefined;
}
