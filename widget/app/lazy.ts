import { type ComponentType, type FunctionComponent, h } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A component whose code is a chunk of its own, fetched the first time it is
 * rendered (or when `preload` is called earlier): what most visitors never see
 * stays out of the form's critical path. Renders nothing until it arrives.
 */
export function lazy<P>(load: () => Promise<ComponentType<P>>): FunctionComponent<P> & { preload(): Promise<unknown> } {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<unknown> | undefined;
  const preload = () => (loading ??= load().then((component) => (loaded = component)));
  const Lazy = (props: P) => {
    const [, arrived] = useState(0);
    useEffect(() => {
      if (!loaded) void preload().then(() => arrived(1));
    }, []);
    return loaded ? h(loaded as ComponentType<Record<string, unknown>>, props as Record<string, unknown>) : null;
  };
  return Object.assign(Lazy, { preload });
}
