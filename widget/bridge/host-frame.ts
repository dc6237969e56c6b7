import { envelope, type HostToFrame, readFrameMessage } from '../../shared/frame-protocol';
import { emitLeadgateEvent } from '../host/emit-event';
import type { ThemeSettings } from '../host/theme';

/** The frame's height before it reports its own, and for pages without any script of ours. */
export const FALLBACK_HEIGHT = 720;

export interface HostFrameOptions {
  /** The Worker's origin: the frame's, and the only one whose messages are read. */
  readonly origin: string;
  readonly formId: string;
  readonly locale: string | undefined;
  readonly theme: ThemeSettings;
  readonly title: string;
}

let frames = 0;

/**
 * The host page's side of the iframe embed: an <iframe> of `/embed/:formId`
 * that grows to its content's height, hands the page's address in (for the
 * lead's attribution), and
 * relays the form's events to the page, on `element`, as if it were mounted there. Messages
 * go to the Worker's origin only and are read only from that frame.
 */
export function createHostFrame(options: HostFrameOptions, element: HTMLElement): HTMLIFrameElement {
  const id = `lgf${++frames}${Math.random().toString(36).slice(2, 8)}`;
  const url = new URL(`embed/${encodeURIComponent(options.formId)}`, `${options.origin}/`);
  const params: Record<string, string | undefined> = { locale: options.locale, frame: id, parent: location.origin, ...options.theme };
  for (const [key, value] of Object.entries(params)) if (value) url.searchParams.set(key, value);

  const frame = document.createElement('iframe');
  frame.src = url.href;
  frame.title = options.title;
  // At least the window's height until the frame reports its own (at its first paint): what stands
  // below it then moves while out of sight, which is no layout shift (GUESS, issue 19's CLS budget).
  frame.style.cssText = `display:block;width:100%;border:0;height:${Math.max(FALLBACK_HEIGHT, innerHeight)}px`;

  addEventListener('message', (event: MessageEvent) => {
    if (event.origin !== options.origin || event.source !== frame.contentWindow) return;
    const message = readFrameMessage(event.data, id);
    if (!message) return;
    if (message.type === 'resize') {
      frame.style.height = `${Math.ceil((message.data as { height: number }).height)}px`;
      return;
    }
    const { name, detail } = message.data as { name: Parameters<typeof emitLeadgateEvent>[1]; detail: Parameters<typeof emitLeadgateEvent>[2] };
    if (name === 'ready')
      frame.contentWindow?.postMessage(envelope<HostToFrame, 'init'>(id, 'init', { href: location.href, referrer: document.referrer }), options.origin);
    emitLeadgateEvent(element, name, detail);
  });
  return frame;
}
