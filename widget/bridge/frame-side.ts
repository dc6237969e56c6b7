import type { Attribution } from '../../shared/attribution';
import { envelope, type FrameToHost, type LeadgateEventDetail, type LeadgateEventName, readHostMessage } from '../../shared/frame-protocol';
import { readAttribution } from '../app/read-attribution';

export interface FrameSide {
  /** Tells the host page of an event (the snippet turns it into the page's own events). */
  emit(name: LeadgateEventName, detail: LeadgateEventDetail): void;
  /** The attribution the host page handed in, else what the frame knows (its referrer: the host page). */
  attribution(): Attribution;
}

/**
 * The embed page's side of the iframe embed. `parentOrigin` is the host
 * page's origin as the Worker checked it against the form's allowed origins;
 * without one (a plain <iframe> tag, no snippet) nothing is posted and the
 * frame keeps its fixed height.
 */
export function connectFrame(frameId: string | null, parentOrigin: string | null): FrameSide {
  let handed: Attribution | undefined;
  const post = <K extends keyof FrameToHost>(type: K, data: FrameToHost[K]) => {
    if (frameId && parentOrigin && parent !== window) parent.postMessage(envelope<FrameToHost, K>(frameId, type, data), parentOrigin);
  };
  if (frameId && parentOrigin) {
    addEventListener('message', (event: MessageEvent) => {
      if (event.origin !== parentOrigin || event.source !== parent) return;
      const message = readHostMessage(event.data, frameId);
      if (message) handed = readAttribution(new URL(message.data.href), message.data.referrer);
    });
    let last = 0;
    const report = () => {
      const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (height !== last && height > 0) post('resize', { height: (last = height) });
    };
    new ResizeObserver(report).observe(document.documentElement);
  }
  return {
    emit: (name, detail) => post('event', { name, detail }),
    attribution: () => handed ?? (document.referrer ? { referrer: document.referrer } : {}),
  };
}
