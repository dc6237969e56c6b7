import type { Context } from 'hono';
import { matchLocale } from '../../shared/locales';
import type { AppEnv } from '../app-env';
import { servedSpec } from '../served-spec';

/** The FormSpec the widget renders, in the requested locale (else the form's default). */
export async function serveFormSpec(c: Context<AppEnv>) {
  const form = c.get('form');
  const locale = matchLocale([c.req.query('locale')]) ?? form.defaultLocale;
  const spec = await servedSpec(c, locale);
  c.header('Cache-Control', 'public, max-age=60');
  c.set('outcome', 'spec');
  return c.json(spec);
}
