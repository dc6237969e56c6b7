/**
 * leadgate.js: the form as an ES module, for single-page apps (React, Vue, …)
 * that create and remove the element the form lives in. The same app, texts
 * and events as the script tag; the events also reach the callbacks given here.
 *
 * @example
 * import { mount, unmount } from 'https://forms.leadgate.example/leadgate.js';
 * await mount(document.getElementById('trial')!, { form: 'demo-perfectgym', locale: 'de', onSuccess: (d) => console.log(d.status) });
 * unmount(document.getElementById('trial')!);
 */
import type { LeadgateEventDetail, LeadgateEventName } from '../shared/frame-protocol';
import { emitLeadgateEvent } from './host/emit-event';
import { installLeadgateApi } from './host/leadgate-api';
import { type AppModule, loadForm } from './host/load-form';
import { pickLocale } from './host/pick-locale';
import { applyTheme, type ThemeSettings } from './host/theme';

export type { LeadgateEventDetail, LeadgateEventName } from '../shared/frame-protocol';
export type { ThemeSettings } from './host/theme';

type Callback = (detail: LeadgateEventDetail) => void;

export interface LeadgateMountOptions {
  /** The form id from forms.json. */
  readonly form: string;
  /** `en`, `de`, `nl`, `pl`, `es`, `fr`, `it` or `tr`; else the page's `lang`, the browser's, the form's default. */
  readonly locale?: string;
  readonly theme?: ThemeSettings;
  readonly onReady?: Callback;
  readonly onSubmit?: Callback;
  readonly onSuccess?: Callback;
  readonly onError?: Callback;
}

const CALLBACKS: Record<LeadgateEventName, keyof LeadgateMountOptions> = { ready: 'onReady', submit: 'onSubmit', success: 'onSuccess', error: 'onError' };
const origin = new URL(import.meta.url).origin;
const mounted = new WeakMap<HTMLElement, { readonly app?: AppModule; readonly root: ShadowRoot }>();

/**
 * Renders a form into `element` (in its open shadow root). Resolves once the
 * form is shown; rejects if it cannot be loaded. Mounting again replaces it;
 * an `unmount` while it loads wins.
 */
export async function mount(element: HTMLElement, options: LeadgateMountOptions): Promise<void> {
  unmount(element);
  installLeadgateApi();
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const mine = { root };
  mounted.set(element, mine);
  applyTheme(element, options.theme ?? {});
  const emit = (name: LeadgateEventName, detail: LeadgateEventDetail) => {
    emitLeadgateEvent(element, name, detail);
    (options[CALLBACKS[name]] as Callback | undefined)?.(detail);
  };
  let loaded;
  try {
    loaded = await loadForm(`${origin}/`, options.form, pickLocale(options.locale));
  } catch (error) {
    if (mounted.get(element) === mine) emit('error', { formId: options.form, code: 'LOAD_FAILED' });
    throw error;
  }
  if (mounted.get(element) !== mine) return; // unmounted or mounted anew while this one loaded
  mounted.set(element, { root, app: loaded.app });
  loaded.app.mount(root, { spec: loaded.spec as never, origin, formId: options.form, messages: loaded.messages, onEvent: emit });
}

/** Removes a form `mount` put into `element`; harmless if there is none. */
export function unmount(element: HTMLElement): void {
  const current = mounted.get(element);
  mounted.delete(element);
  current?.app?.unmount(current.root);
}
