import { h, render } from 'preact';
import * as v from 'valibot';
import { FormSpecSchema, type FormSpec } from '../../shared/form-spec';
import { App } from './App';
import { applyStyles } from './apply-styles';

export interface MountOptions {
  /** The form as `GET /v1/forms/:formId` answered it; checked again here. */
  readonly spec: FormSpec;
  /** The Worker's origin, where leads are sent. */
  readonly origin: string;
  readonly formId: string;
}

const frames = new WeakMap<ShadowRoot | Element, HTMLElement>();
let mounted = 0;

/**
 * Renders a Leadgate form into a shadow root (or, without style isolation, an
 * element). Throws if the spec is not a FormSpec, so the loader can show its fallback.
 *
 * @example
 * const root = el.attachShadow({ mode: 'open' });
 * mount(root, { spec, origin: 'https://forms.leadgate.example', formId: 'demo-perfectgym' });
 */
export function mount(host: ShadowRoot | Element, options: MountOptions): void {
  const spec = v.parse(FormSpecSchema, options.spec);
  unmount(host);
  applyStyles(host);
  // Preact owns this frame only, so the fallback <style> and anything else in the host survive.
  const frame = document.createElement('div');
  frame.className = 'lg-frame';
  host.append(frame);
  frames.set(host, frame);
  render(h(App, { spec, origin: options.origin.replace(/\/+$/, ''), formId: options.formId, idPrefix: `lg${++mounted}` }), frame);
}

/** Removes a form mounted with `mount` from that host. */
export function unmount(host: ShadowRoot | Element): void {
  const frame = frames.get(host);
  if (!frame) return;
  render(null, frame);
  frame.remove();
  frames.delete(host);
}
