/**
 * widget.js: the one script a gym's page includes. It finds its tag, then
 * fetches the form's spec and the app chunk in parallel and mounts the form in
 * a shadow root. No Preact here; this file is the size budget's whole point.
 *
 * @example
 * <script async src="https://forms.leadgate.example/widget.js" data-leadgate-form="demo-perfectgym"></script>
 */
import type { mount } from './app/mount';

type App = { mount: typeof mount };

const HANDLED = 'data-leadgate-mounted';
// The loader's only visible text; kept here so the loader never loads the app's messages.
const FALLBACK: Record<string, string> = {
  en: 'This form could not be loaded.',
  de: 'Dieses Formular konnte nicht geladen werden.',
};

function pickLocale(script: HTMLScriptElement): string | undefined {
  for (const candidate of [script.dataset.locale, document.documentElement.lang, navigator.language]) {
    const base = candidate?.toLowerCase().split(/[-_]/)[0];
    if (base && FALLBACK.hasOwnProperty(base)) return base;
  }
  return undefined;
}

function findTarget(selector: string): Element | null {
  try {
    return document.getElementById(selector) ?? document.querySelector(selector);
  } catch {
    return null; // not a valid selector
  }
}

function shadowFor(el: Element): ShadowRoot {
  try {
    return el.shadowRoot ?? el.attachShadow({ mode: 'open' });
  } catch {
    // Some elements (e.g. <ul>) cannot hold a shadow root; a child can.
    const child = el.appendChild(document.createElement('leadgate-form'));
    return child.attachShadow({ mode: 'open' });
  }
}

async function start(script: HTMLScriptElement): Promise<void> {
  const formId = script.dataset.leadgateForm!;
  const locale = pickLocale(script);
  let root: ShadowRoot | undefined;
  try {
    const base = new URL('.', script.src);
    const specUrl = new URL(`v1/forms/${encodeURIComponent(formId)}`, base.origin + '/');
    if (locale) specUrl.searchParams.set('locale', locale);
    // The embed page inlines the spec (data-spec); elsewhere both requests leave at once, never one after the other.
    const inline = script.dataset.spec && findTarget(script.dataset.spec)?.textContent;
    const spec = inline
      ? Promise.resolve(JSON.parse(inline))
      : fetch(specUrl, { credentials: 'omit' }).then((r) => {
          if (!r.ok) throw new Error(`HTTP ${r.status}`);
          return r.json();
        });
    const app = import(/* @vite-ignore */ base.href + 'widget-app.js') as Promise<App>;
    const ready = Promise.all([app, spec]);
    // Handled below; this only stops a "rejection not handled yet" report while we wait for the DOM.
    ready.catch(() => {});

    const target = script.dataset.target;
    let host: Element | null;
    if (target) {
      host = findTarget(target);
      // An async script can run before the page below it is parsed.
      if (!host && document.readyState === 'loading') {
        await new Promise((r) => document.addEventListener('DOMContentLoaded', r, { once: true }));
        host = findTarget(target);
      }
      if (!host) throw new Error(`no element matches data-target "${target}"`);
    } else {
      host = document.createElement('leadgate-form');
      script.after(host);
    }
    root = shadowFor(host);
    const [loaded, data] = await ready;
    loaded.mount(root, { spec: data, origin: base.origin, formId });
  } catch (error) {
    console.warn(`Leadgate: form "${formId}" could not be loaded.`, error);
    if (root) {
      const notice = document.createElement('p');
      notice.textContent = FALLBACK[locale ?? 'en']!;
      root.replaceChildren(notice);
    }
  }
}

for (const script of new Set([document.currentScript, ...document.querySelectorAll('script[data-leadgate-form]')])) {
  if (script instanceof HTMLScriptElement && script.dataset.leadgateForm && script.src && !script.hasAttribute(HANDLED)) {
    script.setAttribute(HANDLED, '');
    void start(script);
  }
}
