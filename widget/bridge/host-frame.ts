import { envelope, type HostToFrame, readFrameMessage } from '../../shared/frame-protocol';
import type { EmbedFrame } from '../host/embed-frame';
import { emitLeadgateEvent } from '../host/emit-event';

/**
 * The host page's side of the iframe embed, for the frame the loader made (host/embed-frame.ts):
 * grows the frame to its content's height, hands the page's address in (for the lead's
 * attribution), and relays the form's events to the page, on `element`, as if it were mounted
 * there. It first reads the messages that came before it, then listens. Messages go to the
 * Worker's origin only and are read only from that frame.
 */
export function bridgeHostFrame({ frame, id, early, stopBuffering }: EmbedFrame, origin: string, element: HTMLElement): void {
  const receive = (event: MessageEvent) => {
    if (event.origin !== origin || event.source !== frame.contentWindow) return;
    const message = readFrameMessage(event.data, id);
    if (!message) return;
    if (message.type === 'resize') {
      frame.style.height = `${Math.ceil((message.data as { height: number }).height)}px`;
      return;
    }
    const { name, detail } = message.data as { name: Parameters<typeof emitLeadgateEvent>[1]; detail: Parameters<typeof emitLeadgateEvent>[2] };
    if (name === 'ready')
      frame.contentWindow?.postMessage(envelope<HostToFrame, 'init'>(id, 'init', { href: location.href, referrer: document.referrer }), origin);
    emitLeadgateEvent(element, name, detail);
  };
  addEventListener('message', receive);
  stopBuffering();
  for (const event of early.splice(0)) receive(event);
}
