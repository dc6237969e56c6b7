/**
 * The editor's live preview: the real widget app chunk (`/widget/<hash>/app.js`, the one gym pages load)
 * mounted with the spec the Worker built from the draft (`POST …/config/preview`). The console
 * frames this page and posts it each new spec; only a message from that parent, on this origin, counts.
 * Sending is switched off: a preview must never create a lead.
 */
import { APP_FILE, localeFile } from '../shared/widget-files';
import type { AppModule } from '../widget/host/load-form';
import { WIDGET_DIR } from '../widget/host/widget-files';
import type { Messages } from '../widget/i18n/en';

export interface PreviewMessage {
  readonly type: 'leadgate-preview';
  readonly formId: string;
  readonly spec: { readonly locale: string } & Record<string, unknown>;
}

const state = document.getElementById('preview-state')!;
const host = document.getElementById('preview')!;
const root = host.attachShadow({ mode: 'open' });
// Capture phase on the shadow root runs before the form's own submit handler, which never sees the event.
root.addEventListener(
  'submit',
  (event) => {
    event.preventDefault();
    event.stopImmediatePropagation();
    state.textContent = 'This is a preview: nothing is sent.';
  },
  true,
);

const load = <T>(url: string) => import(/* @vite-ignore */ url) as Promise<T>;

addEventListener('message', async (event: MessageEvent<PreviewMessage>) => {
  if (event.origin !== location.origin || event.source !== parent || event.data?.type !== 'leadgate-preview') return;
  const { spec, formId } = event.data;
  try {
    const [app, { messages }] = await Promise.all([
      load<AppModule>(`${location.origin}/${WIDGET_DIR}${APP_FILE}`),
      load<{ messages: Messages }>(`${location.origin}/${WIDGET_DIR}${localeFile(encodeURIComponent(spec.locale))}`),
    ]);
    app.mount(root, { spec: spec as never, messages, origin: location.origin, formId });
    state.textContent = `Preview of the draft (${spec.locale}); sending is off.`;
    host.dataset.rendered = String(Date.now());
  } catch (error) {
    state.textContent = `The preview could not render: ${error instanceof Error ? error.message : String(error)}`;
  }
});

parent.postMessage({ type: 'leadgate-preview-ready' }, location.origin);
