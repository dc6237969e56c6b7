/** How a gym dresses its form: data attributes on the tag (or iframe URL parameters), else host CSS custom properties. */
export interface ThemeSettings {
  readonly accent?: string | undefined;
  readonly radius?: string | undefined;
  /** A font stack, or `inherit` for the host page's own font where the form stands. */
  readonly font?: string | undefined;
  readonly spacing?: string | undefined;
  /** `light` (default), `dark`, or `auto` (the visitor's system setting). */
  readonly theme?: string | undefined;
}

export const THEME_KEYS = ['accent', 'radius', 'font', 'spacing', 'theme'] as const;

/** The settings named in a tag's data attributes or a URL's parameters. */
export function readTheme(read: (key: string) => string | null | undefined): ThemeSettings {
  const settings: Record<string, string> = {};
  for (const key of THEME_KEYS) {
    const value = read(key);
    if (value) settings[key] = value;
  }
  return settings;
}

/**
 * Sets the settings as the custom properties the widget's stylesheet reads
 * (`--leadgate-accent`, …) and the theme as an attribute, on the element whose
 * shadow root holds the form. Through the CSSOM, so a strict CSP allows it.
 */
export function applyTheme(host: HTMLElement, settings: ThemeSettings): void {
  const font = settings.font === 'inherit' && host.parentElement ? getComputedStyle(host.parentElement).fontFamily : settings.font;
  const properties: Record<string, string | undefined> = { accent: settings.accent, radius: settings.radius, font, spacing: settings.spacing };
  for (const [name, value] of Object.entries(properties)) {
    if (value) host.style.setProperty(`--leadgate-${name}`, value);
  }
  if (settings.theme) host.setAttribute('data-leadgate-theme', settings.theme);
}
