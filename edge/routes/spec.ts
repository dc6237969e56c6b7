import type { Context } from 'hono';
import * as v from 'valibot';
import { matchLocale } from '../../shared/locales';
import type { AppEnv } from '../app-env';
import { QueryValueSchema, validate } from '../middleware/validate';
import { servedSpec } from '../served-spec';

/** `?locale=`: never refused; a language the widget does not speak means the form's default. */
export const SpecQuerySchema = v.object({
  locale: v.optional(
    v.pipe(
      QueryValueSchema,
      v.transform((tag) => matchLocale([tag])),
    ),
  ),
});

/** The spec's query, read once; it cannot fail (see SpecQuerySchema). */
export const specQuery = validate('query', SpecQuerySchema, 'INVALID_REQUEST');

type SpecContext = Context<AppEnv, string, { out: { query: v.InferOutput<typeof SpecQuerySchema> } }>;

/** The FormSpec the widget renders, in the requested locale (else the form's default). */
export async function serveFormSpec(c: SpecContext) {
  const form = c.get('form');
  const locale = c.req.valid('query').locale ?? form.defaultLocale;
  const spec = await servedSpec(c, locale);
  c.header('Cache-Control', 'public, max-age=60');
  c.set('outcome', 'spec');
  return c.json(spec);
}
