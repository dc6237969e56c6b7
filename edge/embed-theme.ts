import * as v from 'valibot';
import { QueryValueSchema } from './middleware/validate';

// Each value as the page will write it into its own stylesheet, so only what cannot leave a
// declaration: no `;`, `}`, `<`, `\`, `(` but the colour functions', no url(), no comment.
const COLOUR = /^(?:#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})|(?:rgba?|hsla?)\([\d.%, /deg]{1,60}\)|[a-z]{3,20})$/i;
const LENGTH = /^(?:0|\d{1,4}(?:\.\d{1,3})?(?:px|rem|em|%))$/;
const FONT_NAME = `(?:[A-Za-z0-9][A-Za-z0-9 -]{0,40}|"[A-Za-z0-9 -]{1,40}"|'[A-Za-z0-9 -]{1,40}')`;
const FONT_STACK = new RegExp(`^${FONT_NAME}(?:\\s*,\\s*${FONT_NAME}){0,9}$`);

/** A parameter kept only when `pattern` matches it whole; anything else is dropped, never refused and never echoed. */
const themeValue = (pattern: RegExp) => v.fallback(v.optional(v.pipe(QueryValueSchema, v.regex(pattern))), undefined);

/**
 * The theme an iframe's URL asks for (widget/host/theme.ts: the same names the
 * loader applies once it runs), checked strictly, for the page's first paint.
 */
export const EmbedThemeEntries = {
  accent: themeValue(COLOUR),
  radius: themeValue(LENGTH),
  // GUESS: `inherit` (the host's font) is dropped here: the frame's loader resolves it; the page has no host font to name.
  font: v.fallback(
    v.optional(
      v.pipe(
        QueryValueSchema,
        v.regex(FONT_STACK),
        v.check((font) => font.trim() !== 'inherit'),
      ),
    ),
    undefined,
  ),
  spacing: themeValue(LENGTH),
  theme: v.fallback(v.optional(v.pipe(QueryValueSchema, v.picklist(['light', 'dark', 'auto']))), undefined),
};

export type EmbedTheme = v.InferOutput<v.ObjectSchema<typeof EmbedThemeEntries, undefined>>;

/** The custom properties the widget's stylesheet reads, set on the shadow root's host (`:host{…}`); empty for no theme. */
export function themeCss(theme: EmbedTheme): string {
  const properties = (['accent', 'radius', 'font', 'spacing'] as const).flatMap((name) => (theme[name] ? [`--leadgate-${name}:${theme[name]}`] : []));
  return properties.length > 0 ? `:host{${properties.join(';')}}` : '';
}
