/**
 * @leadgate/embed: mounts a Leadgate form from the operator's Worker into an
 * element of a single-page app. The form's code is not in this package: it is
 * loaded from `${worker}/leadgate.js`, the same module the script tag's sites
 * get, so every site runs the release the Worker serves.
 *
 * @example
 * import { mount, unmount } from '@leadgate/embed';
 * await mount(document.getElementById('trial')!, { worker: 'https://forms.example.com', form: 'city-gym', onSuccess: (d) => console.log(d.status) });
 * unmount(document.getElementById('trial')!);
 */
import type { LeadgateEventDetail, LeadgateMountOptions } from '../../../widget/module';

export type { LeadgateEventDetail, LeadgateEventName, LeadgateMountOptions, ThemeSettings } from '../../../widget/module';

export interface LeadgateOptions extends LeadgateMountOptions {
  /** The operator's Worker, e.g. `https://forms.example.com`: the form, its texts and its code load from its origin. */
  readonly worker: string;
}

/** What `${worker}/leadgate.js` exports. */
interface LeadgateModule {
  mount(element: HTMLElement, options: LeadgateMountOptions): Promise<void>;
  unmount(element: HTMLElement): void;
}

const modules = new Map<string, Promise<LeadgateModule>>();
/** Per element: the mount in progress or done, and the module it went to once known. */
const mounted = new WeakMap<HTMLElement, { module?: LeadgateModule }>();

/** `${origin}/leadgate.js` of the Worker; only its origin counts, as the module finds its Worker by its own URL. */
function moduleUrl(worker: string): string {
  let url: URL;
  try {
    url = new URL(worker);
  } catch {
    throw new TypeError(`@leadgate/embed: worker must be the Worker's URL, like https://forms.example.com (got ${JSON.stringify(worker)})`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`@leadgate/embed: worker must be an http(s) URL (got ${url.protocol})`);
  return `${url.origin}/leadgate.js`;
}

function load(url: string): Promise<LeadgateModule> {
  let module = modules.get(url);
  if (!module) {
    // A URL only known at run time: bundlers must leave this import to the browser.
    module = import(/* @vite-ignore */ /* webpackIgnore: true */ url) as Promise<LeadgateModule>;
    module.catch(() => modules.delete(url)); // a failed load is tried again on the next mount
    modules.set(url, module);
  }
  return module;
}

/**
 * Renders the form into `element` (in its open shadow root). Resolves once the
 * form is shown; rejects if it cannot be loaded (after `onError` with
 * `LOAD_FAILED`). Mounting again replaces it; an `unmount` while it loads wins.
 */
export async function mount(element: HTMLElement, options: LeadgateOptions): Promise<void> {
  const { worker, ...rest } = options;
  const url = moduleUrl(worker);
  unmount(element);
  const mine: { module?: LeadgateModule } = {};
  mounted.set(element, mine);
  let module: LeadgateModule;
  try {
    module = await load(url);
  } catch (error) {
    if (mounted.get(element) === mine) {
      mounted.delete(element);
      const detail: LeadgateEventDetail = { formId: options.form, code: 'LOAD_FAILED' };
      options.onError?.(detail);
    }
    throw error;
  }
  if (mounted.get(element) !== mine) return; // unmounted or mounted anew while the module loaded
  mine.module = module;
  await module.mount(element, rest);
}

/** Removes a form `mount` put into `element`; harmless if there is none. */
export function unmount(element: HTMLElement): void {
  const current = mounted.get(element);
  mounted.delete(element);
  current?.module?.unmount(element);
}
