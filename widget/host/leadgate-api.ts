import type { LeadgateEventDetail, LeadgateEventName } from '../../shared/frame-protocol';

export type LeadgateListener = (detail: LeadgateEventDetail, element: Element) => void;

/** `window.Leadgate`: listen to every form on the page. */
export interface LeadgateApi {
  /** Marks the object as ours, so every bundle of ours on the page (loader, frame host, ES module) shares it. */
  readonly leadgate: 1;
  on(name: LeadgateEventName, listener: LeadgateListener): void;
  off(name: LeadgateEventName, listener: LeadgateListener): void;
  /** The listeners, by event; on the object, not in a module, for the same reason. */
  readonly l: Record<string, LeadgateListener[]>;
  /** Calls made before the loader arrived, by the snippet's stub: `[name, listener]`. */
  q?: unknown[];
}

type Slot = { Leadgate?: Partial<LeadgateApi> };

/**
 * Makes `window.Leadgate` ours and replays what the stub queued:
 * `window.Leadgate = window.Leadgate || { q: [], on: function (n, f) { this.q.push([n, f]); } };`
 * A global of that name that is neither ours nor the stub belongs to the host
 * page and is left alone: the DOM events and the data layer still work.
 */
export function installLeadgateApi(): void {
  const slot = window as unknown as Slot;
  const existing = slot.Leadgate;
  if (existing?.leadgate === 1 || (existing !== undefined && !Array.isArray(existing.q))) return;
  const l: LeadgateApi['l'] = {};
  const api: LeadgateApi = {
    leadgate: 1,
    l,
    on: (name, listener) => void (l[name] ||= []).push(listener),
    off: (name, listener) => void (l[name] = (l[name] || []).filter((x) => x !== listener)),
  };
  slot.Leadgate = api;
  for (const [name, listener] of (existing?.q ?? []) as [LeadgateEventName, LeadgateListener][]) {
    if (typeof listener === 'function') api.on(name, listener);
  }
}

/** Tells `Leadgate.on` listeners; one that throws does not stop the others or the form. */
export function callListeners(name: LeadgateEventName, detail: LeadgateEventDetail, element: Element): void {
  const api = (window as unknown as Slot).Leadgate;
  for (const listener of (api?.leadgate === 1 && api.l?.[name]) || []) {
    try {
      listener(detail, element);
    } catch (error) {
      console.error(error);
    }
  }
}
