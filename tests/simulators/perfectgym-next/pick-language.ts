import type { MessageLanguage } from './error-response';

const SPOKEN: readonly MessageLanguage[] = ['en', 'de'];

const spoken = (tag: string): MessageLanguage | undefined => SPOKEN.find((language) => language === tag.trim().toLowerCase().split(/[-_]/)[0]);

/**
 * The error-message language: the best `Accept-Language` entry we have texts for, else the
 * studio language (FACT: "Default is the studio language"), else English.
 */
export function pickLanguage(acceptLanguage: string | undefined, studioLanguage: string): MessageLanguage {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag, q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag.trim() !== '' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const language = spoken(tag);
    if (language) return language;
  }
  // GUESS: a studio language we have no texts for falls back to English.
  return spoken(studioLanguage) ?? 'en';
}
