/** The part of Cloudflare Turnstile's explicit-render API the widget uses. */
export interface TurnstileApi {
  render(container: HTMLElement, options: Record<string, unknown>): string | undefined;
  reset(widgetId?: string): void;
  remove(widgetId?: string): void;
}

const loads = new Map<string, Promise<TurnstileApi>>();

/**
 * Loads Turnstile's script once per page (the one script the widget adds to
 * the host page; it defines `window.turnstile`). Rejects if it cannot be loaded.
 */
export function loadTurnstile(scriptUrl: string): Promise<TurnstileApi> {
  const existing = (window as { turnstile?: TurnstileApi }).turnstile;
  if (existing) return Promise.resolve(existing);
  let load = loads.get(scriptUrl);
  if (!load) {
    load = new Promise<TurnstileApi>((resolve, reject) => {
      const script = document.createElement('script');
      const url = new URL(scriptUrl);
      url.searchParams.set('render', 'explicit');
      script.src = url.href;
      script.async = true;
      script.onload = () => {
        const api = (window as { turnstile?: TurnstileApi }).turnstile;
        if (api) resolve(api);
        else reject(new Error('Turnstile did not start'));
      };
      script.onerror = () => {
        loads.delete(scriptUrl);
        reject(new Error('Turnstile could not be loaded'));
      };
      document.head.appendChild(script);
    });
    loads.set(scriptUrl, load);
  }
  return load;
}
