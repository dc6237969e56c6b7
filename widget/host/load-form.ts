import type { FirstPaint } from '../../shared/first-paint';
import type { Locale } from '../../shared/locales';
import { APP_FILE, localeFile } from '../../shared/widget-files';
import type { mount, unmount } from '../app/mount';
import type { Messages } from '../i18n/en';
import { WIDGET_DIR } from './widget-files';

export interface AppModule {
  readonly mount: typeof mount;
  readonly unmount: typeof unmount;
}

export interface LoadedForm {
  readonly app: AppModule;
  /** The form spec as the Worker sent it; `mount` checks it. */
  readonly spec: { readonly locale: Locale; readonly paint?: FirstPaint } & Record<string, unknown>;
  readonly messages: Messages;
}

/** A module of the Worker's by its URL (a variable, so the bundler leaves the import to the browser). */
export const importModule = <T>(url: string) => import(/* @vite-ignore */ url) as Promise<T>;
const messagesOf = (base: string, locale: string) => importModule<{ messages: Messages }>(`${base}${WIDGET_DIR}${localeFile(locale)}`).then((m) => m.messages);

/**
 * Fetches what a form needs, all at once: the spec (unless the page inlined
 * it) with the form rendered for its first paint, the app chunk and the texts
 * of the visitor's language. Only when no language could be picked does it
 * wait for the spec to learn the form's own. `onPaint` gets the rendered form
 * as soon as the spec arrives, before the app.
 */
export async function loadForm(
  base: string,
  formId: string,
  locale: Locale | undefined,
  inlineSpec?: string | null,
  onPaint?: (paint: FirstPaint) => void,
): Promise<LoadedForm> {
  const specUrl = new URL(`v1/forms/${encodeURIComponent(formId)}${onPaint ? '?paint=1' : ''}`, base);
  if (locale) specUrl.searchParams.set('locale', locale);
  const spec: Promise<LoadedForm['spec']> = inlineSpec
    ? Promise.resolve(JSON.parse(inlineSpec))
    : fetch(specUrl, { credentials: 'omit' }).then((r) => {
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        return r.json();
      });
  const app = importModule<AppModule>(`${base}${WIDGET_DIR}${APP_FILE}`);
  const guessed = locale ? messagesOf(base, locale) : undefined;
  guessed?.catch(() => {}); // awaited below; only the spec decides whether it is used
  const loaded = await spec;
  if (loaded.paint) onPaint?.(loaded.paint);
  const messages = loaded.locale === locale && guessed ? guessed : messagesOf(base, loaded.locale);
  return { app: await app, spec: loaded, messages: await messages };
}
