import { h, hydrate, render } from 'preact';
import type { Attribution } from '../../shared/attribution';
import { SSR_ATTRIBUTE } from '../../shared/first-paint';
import type { FormSpec } from '../../shared/form-spec';
import type { LeadgateEventDetail, LeadgateEventName } from '../../shared/frame-protocol';
import type { FrameSide } from '../bridge/frame-side';
import type { Messages } from '../i18n/en';
import { App } from './App';
import { readFormValues } from './fields/read-form-values';
import { readAttribution } from './read-attribution';
import { readSpec } from './read-spec';
import { applyStyles } from './styles/apply-styles';

export interface MountOptions {
  /** The form as `GET /v1/forms/:formId` answered it; checked again here. */
  readonly spec: FormSpec;
  /** The Worker's origin, where leads are sent. */
  readonly origin: string;
  readonly formId: string;
  /** The widget's texts in the spec's language (a `widget/<hash>/locale-<xx>.js` chunk). */
  readonly messages: Messages;
  /** Told of `ready`, `submit`, `success` and `error`; gets ids and codes, never personal data. */
  readonly onEvent?: (name: LeadgateEventName, detail: LeadgateEventDetail) => void;
  /** Where the visitor came from, read at the moment of sending; by default from this page. */
  readonly attribution?: () => Attribution;
  /**
   * In the iframe embed page: the bridge to the host page (see bridge/frame-side).
   * Events and attribution then come and go through it.
   */
  readonly frame?: { readonly id: string | null; readonly parentOrigin: string | null };
}

const frames = new WeakMap<ShadowRoot | Element, HTMLElement>();
let mounted = 0;

/**
 * Renders a Leadgate form into a shadow root (or, without style isolation, an
 * element). Throws if the spec is not a FormSpec, so the loader can show its fallback.
 *
 * @example
 * const root = el.attachShadow({ mode: 'open' });
 * mount(root, { spec, messages, origin: 'https://forms.leadgate.example', formId: 'demo-perfectgym' });
 */
export function mount(host: ShadowRoot | Element, options: MountOptions): void {
  const spec = readSpec(options.spec);
  // The bridge is the embed page's alone: a chunk of its own, here by the time anything is sent.
  const embed = options.frame;
  let bridge: FrameSide | undefined;
  const connecting = embed && import('../bridge/frame-side').then((m) => (bridge = m.connectFrame(embed.id, embed.parentOrigin)));
  unmount(host);
  applyStyles(host);
  // The form the Worker rendered for the first paint is hydrated where it stands: what the visitor
  // typed, focus and caret stay. Otherwise Preact owns a new frame only, so anything else in the host survives.
  const served = [...host.children].find((child): child is HTMLElement => child.hasAttribute(SSR_ATTRIBUTE));
  const frame = served ?? document.createElement('div');
  const idPrefix = served?.getAttribute(SSR_ATTRIBUTE) || `lg${++mounted}`;
  const typed = served?.querySelector('form');
  if (!served) {
    frame.className = 'lg-frame';
    host.append(frame);
  }
  frames.set(host, frame);
  (served ? hydrate : render)(
    h(App, {
      spec,
      messages: options.messages,
      origin: options.origin.replace(/\/+$/, ''),
      formId: options.formId,
      idPrefix,
      onEvent: connecting ? (name, detail) => void connecting.then((side) => side.emit(name, detail)) : (options.onEvent ?? (() => {})),
      attribution: () => bridge?.attribution() ?? options.attribution?.() ?? readAttribution(window.location, document.referrer),
      initial: typed ? readFormValues(new FormData(typed), spec, idPrefix) : undefined,
    }),
    frame,
  );
}

/** Removes a form mounted with `mount` from that host. */
export function unmount(host: ShadowRoot | Element): void {
  const frame = frames.get(host);
  if (!frame) return;
  render(null, frame);
  frame.remove();
  frames.delete(host);
}
