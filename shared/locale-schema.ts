import * as v from 'valibot';
import { LOCALES } from './locales';

/** A language the widget ships text for (see `LOCALES`). */
export const LocaleSchema = v.picklist(LOCALES, `must be one of ${LOCALES.join(', ')}`);
