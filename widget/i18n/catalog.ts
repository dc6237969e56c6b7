import type { Locale } from '../../shared/locales';
import { de } from './de';
import { en, type Messages } from './en';
import { es } from './es';
import { fr } from './fr';
import { it } from './it';
import { nl } from './nl';
import { pl } from './pl';
import { tr } from './tr';

/**
 * Every language's messages at once, for tests and the build. The widget never
 * imports this: it loads the one language it needs as its own chunk.
 */
export const CATALOG: { readonly [L in Locale]: Messages } = { en, de, nl, pl, es, fr, it, tr };
