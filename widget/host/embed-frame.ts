import type { ThemeSettings } from './theme';

/**
 * The least height the frame starts with, before it reports its own: enough for the embed page's
 * error notice, should the frame never report (GUESS).
 */
export const MIN_START_HEIGHT = 160;

export interface EmbedFrameOptions {
  /** The Worker's origin: the frame's, and the only one whose messages are read. */
  readonly origin: string;
  readonly formId: string;
  readonly locale: string | undefined;
  readonly theme: ThemeSettings;
  readonly title: string;
}

/** The frame the snippet made, its id in the bridge's messages, and the messages that came before the bridge. */
export interface EmbedFrame {
  readonly frame: HTMLIFrameElement;
  readonly id: string;
  readonly early: MessageEvent[];
  readonly stopBuffering: () => void;
}

let frames = 0;

/**
 * Appends to `element` an <iframe> of `/embed/:formId`, from the loader itself, so the frame's
 * document is asked for in the snippet's own round trip (issue 19: visible one round trip after the
 * snippet), while the bridge that sizes it and relays its events (bridge/host-frame.ts, a chunk of its
 * own) is still on its way. Until then its messages are kept, so none is lost to a slow chunk.
 */
export function createEmbedFrame(options: EmbedFrameOptions, element: HTMLElement): EmbedFrame {
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
  // window-tall frame moved it further, and a smaller first height moves it twice in sight.
  frame.style.height = `${Math.max(MIN_START_HEIGHT, Math.ceil(innerHeight - frame.getBoundingClientRect().top))}px`;

  const early: MessageEvent[] = [];
  const keep = (event: MessageEvent) => void early.push(event);
  addEventListener('message', keep);
  return { frame, id, early, stopBuffering: () => removeEventListener('message', keep) };
}
