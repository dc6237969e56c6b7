import type { LeadgateEventDetail, LeadgateEventName } from '../../shared/frame-protocol';
import { callListeners } from './leadgate-api';

/**
 * Tells the host page what a form did, three ways: a DOM CustomEvent
 * (`leadgate:success`, …) on the element the form is mounted on, bubbling out
 * of the shadow root; a `window.dataLayer` entry for Google Tag Manager when the
 * page has one (`{ event: 'leadgate.success', leadgate: detail }`); and the
 * `Leadgate.on` listeners. The detail has ids and codes, never personal data.
 */
export function emitLeadgateEvent(element: Element, name: LeadgateEventName, detail: LeadgateEventDetail): void {
  element.dispatchEvent(new CustomEvent(`leadgate:${name}`, { detail, bubbles: true, composed: true }));
  const layer = (window as { dataLayer?: unknown }).dataLayer;
  if (Array.isArray(layer)) layer.push({ event: `leadgate.${name}`, leadgate: detail });
  callListeners(name, detail, element);
}
