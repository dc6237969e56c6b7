'use client';
/**
 * @leadgate/embed/react: the form as a React component. It renders a `div`,
 * mounts the form from the operator's Worker into it after render, and
 * unmounts it when the component goes. A new `form`, `worker`, `locale` or
 * theme mounts it anew; new callbacks do not (the latest ones are called).
 *
 * @example
 * import { LeadgateForm } from '@leadgate/embed/react';
 * <LeadgateForm worker="https://forms.example.com" form="city-gym" locale="de" onSuccess={(d) => console.log(d.submissionId)} />
 */
import { createElement, type ReactElement, useEffect, useRef } from 'react';
import { type LeadgateEventDetail, type LeadgateOptions, mount, unmount } from './index.js';

export interface LeadgateFormProps extends LeadgateOptions {
  /** Class of the `div` the form is mounted on (its shadow root holds the form). */
  readonly className?: string;
}

type Callbacks = Pick<LeadgateOptions, 'onReady' | 'onSubmit' | 'onSuccess' | 'onError'>;

export function LeadgateForm(props: LeadgateFormProps): ReactElement {
  const { form, worker, locale, theme, className } = props;
  const element = useRef<HTMLDivElement>(null);
  const callbacks = useRef<Callbacks>(props);
  callbacks.current = props;
  // The theme by value: an object literal in the parent's render must not remount the form each time.
  const themeKey = JSON.stringify(theme ?? {});

  useEffect(() => {
    const el = element.current;
    if (!el) return;
    const call = (name: keyof Callbacks) => (detail: LeadgateEventDetail) => callbacks.current[name]?.(detail);
    mount(el, {
      form,
      worker,
      ...(locale === undefined ? {} : { locale }),
      theme: JSON.parse(themeKey) as LeadgateOptions['theme'],
      onReady: call('onReady'),
      onSubmit: call('onSubmit'),
      onSuccess: call('onSuccess'),
      onError: call('onError'),
    }).catch(() => {}); // reported through onError (LOAD_FAILED)
    return () => unmount(el);
  }, [form, worker, locale, themeKey]);

  return createElement('div', { ref: element, className });
}
