import { envelope, type HostToFrame, readFrameMessage } from '../../shared/frame-protocol';
import { emitLeadgateEvent } from '../host/emit-event';
import type { ThemeSettings } from '../host/theme';

/**
 * The least height the frame starts with, before it reports its own: enough for the embed page's
 * error notice, should the frame never report (GUESS).
 */
export const MIN_START_HEIGHT = 160;

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
 * The host page's side of the iframe embed: appends to `element` an <iframe> of `/embed/:formId`
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
  frame.style.cssText = 'display:block;width:100%;border:0';
  element.append(frame);
  // Until the frame reports its height (at its first paint), it reaches down to the window's bottom edge.
  // What stands below it on the page moves once, just out of sight, and no further (a later resize moves
  // it unseen). Layout shift scores such a move as its area on screen times the distance it moved, and
  // the host page has painted before an async snippet runs, so that one move is the least there is: a
  // window-tall frame (before) moved it further, and a smaller first height moves it twice in sight.
  frame.style.height = `${Math.max(MIN_START_HEIGHT, Math.ceil(innerHeight - frame.getBoundingClientRect().top))}px`;

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
