/**
 * Everything that crosses the iframe boundary, in one map. Each message is an
 * envelope with this protocol name and the frame's id, sent to one explicit
 * origin and checked on receipt (origin, source window, shape) before use.
 */
export const FRAME_PROTOCOL = 'leadgate-frame/1';

/** What the host page hears from a form, in either embed mode. */
export const LEADGATE_EVENTS = ['ready', 'submit', 'success', 'error'] as const;
export type LeadgateEventName = (typeof LEADGATE_EVENTS)[number];

/** An event's detail: ids and codes only, never what the visitor typed. */
export interface LeadgateEventDetail {
  readonly formId: string;
  /** `success`: how the lead ended. */
  readonly status?: 'delivered' | 'duplicate' | 'accepted';
  readonly submissionId?: string;
  /** `error`: an error code of the Worker, `NETWORK`, or `LOAD_FAILED`. */
  readonly code?: string;
}

/** From the embed page to the host page. */
export interface FrameToHost {
  /** The form's document height in CSS pixels. */
  readonly resize: { readonly height: number };
  readonly event: { readonly name: LeadgateEventName; readonly detail: LeadgateEventDetail };
}

/** From the host page to the embed page. */
export interface HostToFrame {
  /**
   * The host page's address and referrer: the frame only sees its own URL, so
   * the campaign parameters and landing page are read from these.
   */
  readonly init: { readonly href: string; readonly referrer: string };
}

export type Envelope<M, K extends keyof M = keyof M> = {
  readonly protocol: typeof FRAME_PROTOCOL;
  readonly frame: string;
  readonly type: K;
  readonly data: M[K];
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Wraps a message for `postMessage`. */
export function envelope<M, K extends keyof M>(frame: string, type: K, data: M[K]): Envelope<M, K> {
  return { protocol: FRAME_PROTOCOL, frame, type, data };
}

/** A message from the frame, if `data` is one for `frame` and well formed; anything else is ignored. */
export function readFrameMessage(data: unknown, frame: string): Envelope<FrameToHost> | undefined {
  if (!isObject(data) || data.protocol !== FRAME_PROTOCOL || data.frame !== frame || !isObject(data.data)) return undefined;
  const body = data.data;
  if (data.type === 'resize') {
    return typeof body.height === 'number' && body.height > 0 && body.height < 100_000 ? (data as unknown as Envelope<FrameToHost>) : undefined;
  }
  if (data.type === 'event') {
    const ok = (LEADGATE_EVENTS as readonly unknown[]).includes(body.name) && isObject(body.detail) && typeof body.detail.formId === 'string';
    return ok ? (data as unknown as Envelope<FrameToHost>) : undefined;
  }
  return undefined;
}

const isWebAddress = (value: unknown) => typeof value === 'string' && value.length <= 4000 && /^https?:\/\//.test(value);

/** A message from the host page, if well formed: its address (http or https) and its referrer (the same, or empty). */
export function readHostMessage(data: unknown, frame: string): Envelope<HostToFrame> | undefined {
  if (!isObject(data) || data.protocol !== FRAME_PROTOCOL || data.frame !== frame || data.type !== 'init' || !isObject(data.data)) return undefined;
  const { href, referrer } = data.data;
  return isWebAddress(href) && (referrer === '' || isWebAddress(referrer)) ? (data as unknown as Envelope<HostToFrame>) : undefined;
}
