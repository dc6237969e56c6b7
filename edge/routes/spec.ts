import type { Context } from 'hono';
import * as v from 'valibot';
import { matchLocale } from '../../shared/locales';
import type { AppEnv } from '../app-env';
import { firstPaint } from '../first-paint';
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
  /** `?paint=1`: the loader's request, which also wants the form rendered for its first paint. */
  paint: v.optional(
    v.pipe(
      QueryValueSchema,
      v.transform((value) => value === '1'),
    ),
  ),
});

/** The spec's query, read once; it cannot fail (see SpecQuerySchema). */
export const specQuery = validate('query', SpecQuerySchema, 'INVALID_REQUEST');

type SpecContext = Context<AppEnv, string, { out: { query: v.InferOutput<typeof SpecQuerySchema> } }>;

/** The FormSpec the widget renders, in the requested locale (else the form's default), and with `?paint=1` the form rendered for its first paint. */
export async function serveFormSpec(c: SpecContext) {
  const form = c.get('form');
  const query = c.req.valid('query');
  const spec = await servedSpec(c, query.locale ?? form.defaultLocale);
  c.header('Cache-Control', 'public, max-age=60');
  c.set('outcome', 'spec');
  return c.json(query.paint ? { ...spec, paint: firstPaint(spec, new URL(c.req.url).origin) } : spec);
}
