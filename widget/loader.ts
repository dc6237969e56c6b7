/**
 * widget.js: the one script a gym's page includes. It finds its tags and, for
 * each, either mounts the form in a shadow root where the tag stands (the
 * spec, the app chunk and one language's texts fetched at once) or, with
 * `data-mode="iframe"`, puts the form's embed page in an auto-sized iframe.
 * No Preact here; this file is the size budget's whole point.
 *
 * @example
 * <script async src="https://forms.leadgate.example/widget.js" data-leadgate-form="demo-perfectgym"></script>
 */
import type { FirstPaint } from '../shared/first-paint';
import { envelope, type FrameToHost } from '../shared/frame-protocol';
import { FRAME_HOST_FILE } from '../shared/widget-files';
import type { bridgeHostFrame } from './bridge/host-frame';
import { createEmbedFrame } from './host/embed-frame';
import { emitLeadgateEvent } from './host/emit-event';
import { installLeadgateApi } from './host/leadgate-api';
import { importModule, loadForm } from './host/load-form';
import { pickLocale } from './host/pick-locale';
import { applyTheme, readTheme } from './host/theme';
import { WIDGET_DIR } from './host/widget-files';

const HANDLED = 'data-leadgate-mounted';
// The loader's only visible text; kept here so the loader never loads the app's messages.
const FALLBACK: Record<string, string> = {
  en: 'This form could not be loaded.',
  de: 'Dieses Formular konnte nicht geladen werden.',
  nl: 'Dit formulier kon niet worden geladen.',
  pl: 'Nie udało się załadować tego formularza.',
  es: 'No se ha podido cargar este formulario.',
  fr: "Ce formulaire n'a pas pu être chargé.",
  it: 'Non è stato possibile caricare questo modulo.',
  tr: 'Bu form yüklenemedi.',
};

function findTarget(selector: string): Element | null {
  try {
    return document.getElementById(selector) ?? document.querySelector(selector);
  } catch {
    return null; // not a valid selector
  }
}

async function hostFor(script: HTMLScriptElement): Promise<HTMLElement> {
  const target = script.dataset.target;
  if (!target) {
    const host = document.createElement('leadgate-form');
    // Inline, so a theme's `* { all: unset }` cannot make our own element inline.
    host.style.display = 'block';
    script.after(host);
    return host;
  }
  let host = findTarget(target);
  // An async script can run before the page below it is parsed.
  if (!host && document.readyState === 'loading') {
    await new Promise((r) => document.addEventListener('DOMContentLoaded', r, { once: true }));
    host = findTarget(target);
  }
  if (!(host instanceof HTMLElement)) throw new Error(`no element matches data-target "${target}"`);
  return host;
}

function shadowFor(el: HTMLElement): { root: ShadowRoot; host: HTMLElement } {
  try {
    return { root: el.shadowRoot ?? el.attachShadow({ mode: 'open' }), host: el };
  } catch {
    // Some elements (e.g. <ul>) cannot hold a shadow root; a child can.
    const child = el.appendChild(document.createElement('leadgate-form'));
    return { root: child.attachShadow({ mode: 'open' }), host: child };
  }
}

async function start(script: HTMLScriptElement): Promise<void> {
  const data = script.dataset;
  const formId = data.leadgateForm!;
  const locale = pickLocale(data.locale);
  const origin = new URL(script.src).origin;
  const theme = readTheme((key) => data[key]);

  if (data.mode === 'iframe') {
    // The bridge is a chunk of its own (script embeds never load it); the frame is made here at once,
    // so its document is asked for alongside the chunk, not one round trip after it.
    const bridge = importModule<{ bridgeHostFrame: typeof bridgeHostFrame }>(`${origin}/${WIDGET_DIR}${FRAME_HOST_FILE}`);
    const element = await hostFor(script);
    // The frame cannot see this page's fonts: "inherit" is resolved here.
    const font = theme.font === 'inherit' ? getComputedStyle(element).fontFamily : theme.font;
    const frame = createEmbedFrame({ origin, formId, locale, theme: { ...theme, font }, title: data.title ?? formId }, element);
    (await bridge).bridgeHostFrame(frame, origin, element);
    return;
  }

  // In the embed page (data-embed="frame"), the app sends its events to the host page through the bridge.
  const inFrame = data.embed === 'frame';
  let element: HTMLElement | undefined;
  let root: ShadowRoot | undefined;
  let painted: FirstPaint | undefined;
  let show = (paint: FirstPaint) => void (painted = paint);
  try {
    const loading = loadForm(`${origin}/`, formId, locale, data.spec && findTarget(data.spec)?.textContent, (paint) => show(paint));
    loading.catch(() => {}); // handled below, once the page is ready for it
    ({ root, host: element } = shadowFor(await hostFor(script)));
    const host = element;
    const shadow = root;
    applyTheme(host, inFrame ? readTheme((key) => new URLSearchParams(location.search).get(key)) : theme);
    // The form as the Worker rendered it, on screen before the app arrives; a submit waits for the app.
    let early = false;
    const hold = (event: Event) => {
      event.preventDefault();
      early = true;
    };
    show = ({ html, css }) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      shadow.adoptedStyleSheets = [sheet];
      shadow.innerHTML = html;
    };
    if (painted) show(painted);
    shadow.addEventListener('submit', hold, true);
    // The embed page came with its form laid out: the host page sizes the frame now, not once the app is here.
    if (inFrame && data.frameId && data.parentOrigin)
      parent.postMessage(
        envelope<FrameToHost, 'resize'>(data.frameId, 'resize', { height: Math.ceil(document.documentElement.getBoundingClientRect().height) }),
        data.parentOrigin,
      );
    const { app, spec, messages } = await loading;
    app.mount(root, {
      spec: spec as never,
      origin,
      formId,
      messages,
      ...(inFrame
        ? { frame: { id: data.frameId ?? null, parentOrigin: data.parentOrigin ?? null } }
        : { onEvent: (name, detail) => emitLeadgateEvent(host, name, detail) }),
    });
    shadow.removeEventListener('submit', hold, true);
    if (early) root.querySelector('form')?.requestSubmit();
  } catch (error) {
    console.warn(`Leadgate: form "${formId}" could not be loaded.`, error);
    if (element && !inFrame) emitLeadgateEvent(element, 'error', { formId, code: 'LOAD_FAILED' });
    if (root) {
      const notice = document.createElement('p');
      notice.textContent = FALLBACK[locale ?? 'en'] ?? FALLBACK.en!;
      root.replaceChildren(notice);
    }
  }
}

installLeadgateApi();
for (const script of new Set([document.currentScript, ...document.querySelectorAll('script[data-leadgate-form]')])) {
  if (script instanceof HTMLScriptElement && script.dataset.leadgateForm && script.src && !script.hasAttribute(HANDLED)) {
    script.setAttribute(HANDLED, '');
    void start(script);
  }
}
