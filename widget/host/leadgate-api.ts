import type { LeadgateEventDetail, LeadgateEventName } from '../../shared/frame-protocol';

export type LeadgateListener = (detail: LeadgateEventDetail, element: Element) => void;

/** `window.Leadgate`: listen to every form on the page. */
export interface LeadgateApi {
  /** Marks the object as ours, so a second loader (or the ES module) shares it. */
  readonly leadgate: 1;
  on(name: LeadgateEventName, listener: LeadgateListener): void;
  off(name: LeadgateEventName, listener: LeadgateListener): void;
  /** Calls made before the loader arrived, by the snippet's stub: `[name, listener]`. */
  q?: unknown[];
}

type Slot = { Leadgate?: unknown };

const listeners: Record<string, LeadgateListener[]> = {};

/**
 * Makes `window.Leadgate` ours and replays what the stub queued:
 * `window.Leadgate = window.Leadgate || { q: [], on: function (n, f) { this.q.push([n, f]); } };`
 * A global of that name that is neither ours nor the stub belongs to the host
 * page and is left alone: the DOM events and the data layer still work.
 */
export function installLeadgateApi(): LeadgateApi | undefined {
  const slot = window as unknown as Slot;
  const existing = slot.Leadgate as Partial<LeadgateApi> | undefined;
  if (existing?.leadgate === 1) return existing as LeadgateApi;
  if (existing !== undefined && !Array.isArray(existing?.q)) return undefined;
  const api: LeadgateApi = {
    leadgate: 1,
    on(name, listener) {
      (listeners[name] ||= []).push(listener);
    },
    off(name, listener) {
      listeners[name] = (listeners[name] || []).filter((l) => l !== listener);
    },
  };
  slot.Leadgate = api;
  for (const call of existing?.q ?? []) {
    const [name, listener] = call as [LeadgateEventName, LeadgateListener];
    if (typeof listener === 'function') api.on(name, listener);
  }
  return api;
}

/** Tells `Leadgate.on` listeners; one that throws does not stop the others or the form. */
export function callListeners(name: LeadgateEventName, detail: LeadgateEventDetail, element: Element): void {
  for (const listener of listeners[name] || []) {
    try {
      listener(detail, element);
    } catch (error) {
      console.error(error);
    }
  }
}
