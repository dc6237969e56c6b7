// The browser script the simulator serves as `/turnstile/v0/api.js`, standing in for
// https://challenges.cloudflare.com/turnstile/v0/api.js. Like Cloudflare's, it defines
// `window.turnstile` and runs each widget's challenge in an iframe from its own origin, so a page
// needs only `script-src` and `frame-src` for it (FACT: Cloudflare's documented CSP). A classic
// script: it never evaluates strings and styles only through `element.style`, which a strict CSP
// allows.
import type { ChallengeMode, ChallengeParams, Envelope, FrameMessage, PageMessage } from './challenge-messages';

(() => {
  type Callback = (...args: never[]) => unknown;

  /** FACT: the documented render parameters this simulator honours. */
  interface RenderOptions {
    sitekey?: string;
    action?: string;
    cData?: string;
    cdata?: string;
    callback?: ((token: string) => void) | string;
    'error-callback'?: ((code: string) => unknown) | string;
    'expired-callback'?: ((token: string) => void) | string;
    'before-interactive-callback'?: (() => void) | string;
    'after-interactive-callback'?: (() => void) | string;
    theme?: 'light' | 'dark' | 'auto';
    language?: string;
    appearance?: 'always' | 'execute' | 'interaction-only';
    size?: 'normal' | 'flexible' | 'compact';
    execution?: 'render' | 'execute';
    retry?: 'auto' | 'never';
    'retry-interval'?: number;
    'refresh-expired'?: 'auto' | 'manual' | 'never';
    'response-field'?: boolean;
    'response-field-name'?: string;
  }

  interface Widget {
    readonly id: string;
    readonly container: HTMLElement;
    readonly options: RenderOptions;
    readonly input: HTMLInputElement | undefined;
    frame: HTMLIFrameElement | undefined;
    mode: ChallengeMode | undefined;
    /** Whether the frame shows something the visitor must see: a checkbox or a failure. */
    needsAttention: boolean;
    token: string | undefined;
    expired: boolean;
    timer: ReturnType<typeof setTimeout> | undefined;
  }

  type WidgetRef = string | HTMLElement | undefined;

  const PREFIX = '[Cloudflare Turnstile]';
  /** FACT: a token is valid for 300 seconds. */
  const TOKEN_LIFETIME_MS = 300_000;
  /** FACT: `retry-interval` defaults to 8000 ms and must be a positive integer below 900000. */
  const DEFAULT_RETRY_INTERVAL_MS = 8000;
  /** FACT: the widget sizes in pixels. */
  const SIZES = { normal: ['300px', '65px'], flexible: ['100%', '65px'], compact: ['150px', '140px'] } as const;

  const win = window as unknown as Record<string, unknown>;
  if (win.turnstile !== undefined) {
    console.warn(`${PREFIX} Turnstile has already been loaded on this page.`);
    return;
  }

  const script = document.currentScript as HTMLScriptElement | null;
  const scriptUrl = new URL(script?.src || `${location.origin}/turnstile/v0/api.js`);
  const frameUrl = new URL('__challenge', scriptUrl);
  const widgets = new Map<string, Widget>();

  // ---- callbacks ----

  /** A callback given as a function, or (implicit rendering) as the name of a global function. */
  function callbackOf(value: unknown): Callback | undefined {
    const found = typeof value === 'string' ? win[value] : value;
    return typeof found === 'function' ? (found as Callback) : undefined;
  }

  function call(widget: Widget, name: keyof RenderOptions, ...args: string[]): unknown {
    const callback = callbackOf(widget.options[name]) as ((...values: string[]) => unknown) | undefined;
    return callback?.(...args);
  }

  /** FACT: the client error families the widget retries by itself. */
  const retryable = (code: string) => /^(?:10[2346]|300|600)\d{3}$/.test(code) || /^1106[02]\d$/.test(code) || code === '200500';

  // ---- the frame ----

  function visible(widget: Widget): boolean {
    if (!widget.frame || widget.mode === 'invisible') return false;
    // FACT: "interaction-only" shows the widget only when the visitor has to act.
    return widget.options.appearance !== 'interaction-only' || widget.needsAttention;
  }

  function layout(widget: Widget): void {
    if (widget.frame) widget.frame.style.display = visible(widget) ? 'block' : 'none';
  }

  function setToken(widget: Widget, token: string | undefined): void {
    widget.token = token;
    if (widget.input) widget.input.value = token ?? '';
  }

  function stop(widget: Widget): void {
    clearTimeout(widget.timer);
    widget.timer = undefined;
    widget.frame?.remove();
    widget.frame = undefined;
  }

  /** Runs the challenge afresh in a new frame: on render, reset, execute, retry and refresh. */
  function start(widget: Widget): void {
    stop(widget);
    setToken(widget, undefined);
    widget.expired = false;
    widget.needsAttention = false;
    const { options } = widget;
    const params: ChallengeParams = {
      widgetId: widget.id,
      sitekey: options.sitekey ?? '',
      action: options.action ?? '',
      cdata: options.cData ?? options.cdata ?? '',
      theme: options.theme ?? 'auto',
      language: options.language ?? 'auto',
      size: options.size ?? 'normal',
      origin: location.origin,
    };
    const url = new URL(frameUrl);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    const [width, height] = SIZES[options.size ?? 'normal'] ?? SIZES.normal;
    const frame = document.createElement('iframe');
    Object.assign(frame.style, { display: 'none', width, minWidth: options.size === 'flexible' ? '300px' : '', height, border: '0', overflow: 'hidden' });
    frame.title = 'Widget containing a Cloudflare security challenge';
    frame.src = url.href;
    widget.frame = frame;
    widget.container.insertBefore(frame, widget.input ?? null);
    layout(widget);
  }

  function tellFrame(widget: Widget, message: PageMessage): void {
    const envelope: Envelope<PageMessage> = { ...message, source: 'turnstile-simulator', widgetId: widget.id };
    widget.frame?.contentWindow?.postMessage(envelope, frameUrl.origin);
  }

  function expire(widget: Widget, token: string): void {
    widget.expired = true;
    setToken(widget, undefined);
    call(widget, 'expired-callback', token);
    const refresh = widget.options['refresh-expired'] ?? 'auto';
    // FACT: refresh-expired "auto" (the default) fetches a new token by itself.
    if (refresh === 'auto') start(widget);
    else tellFrame(widget, { event: 'expired', refresh });
  }

  function fail(widget: Widget, code: string): void {
    widget.needsAttention = true;
    layout(widget);
    if ((widget.options.retry ?? 'auto') === 'auto' && retryable(code)) {
      const interval = Number(widget.options['retry-interval']);
      const delay = Number.isSafeInteger(interval) && interval > 0 && interval < 900_000 ? interval : DEFAULT_RETRY_INTERVAL_MS;
      widget.timer = setTimeout(() => start(widget), delay);
    }
    if (callbackOf(widget.options['error-callback'])) {
      call(widget, 'error-callback', code);
      return;
    }
    // FACT: without an error-callback Turnstile throws.
    setTimeout(() => {
      throw new Error(`${PREFIX} Error: ${code}.`);
    });
  }

  function receive(widget: Widget, message: FrameMessage): void {
    if ('mode' in message && message.mode) widget.mode = message.mode;
    switch (message.event) {
      case 'interactive':
        widget.needsAttention = true;
        layout(widget);
        call(widget, 'before-interactive-callback');
        return;
      case 'interacted':
        call(widget, 'after-interactive-callback');
        return;
      case 'token': {
        const { token } = message;
        widget.needsAttention = false;
        layout(widget);
        setToken(widget, token);
        widget.timer = setTimeout(() => expire(widget, token), TOKEN_LIFETIME_MS);
        call(widget, 'callback', token);
        return;
      }
      case 'error':
        return fail(widget, message.code);
      case 'refresh':
        if (widget.expired) start(widget);
        return;
    }
  }

  window.addEventListener('message', (event: MessageEvent<Envelope<FrameMessage>>) => {
    if (event.origin !== frameUrl.origin) return;
    const message = event.data;
    if (message?.source !== 'turnstile-simulator') return;
    const widget = widgets.get(message.widgetId);
    // Only the widget's current frame speaks for it: a frame a reset replaced is ignored.
    if (!widget?.frame || event.source !== widget.frame.contentWindow) return;
    receive(widget, message);
  });

  // ---- the API ----

  function find(ref: WidgetRef): Widget | undefined {
    if (ref === undefined) return widgets.values().next().value;
    if (typeof ref === 'string' && widgets.has(ref)) return widgets.get(ref);
    const container = typeof ref === 'string' ? document.querySelector(ref) : ref;
    for (const widget of widgets.values()) if (widget.container === container) return widget;
    return undefined;
  }

  /** FACT: implicit rendering reads the same options from `data-*` attributes. */
  function fromDataset(dataset: DOMStringMap): RenderOptions {
    const options: Record<string, unknown> = {};
    const names = [
      'sitekey',
      'action',
      'cdata',
      'callback',
      'error-callback',
      'expired-callback',
      'before-interactive-callback',
      'after-interactive-callback',
      'theme',
      'language',
      'appearance',
      'size',
      'execution',
      'retry',
      'retry-interval',
      'refresh-expired',
      'response-field',
      'response-field-name',
    ];
    for (const name of names) {
      const value = dataset[name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())];
      if (value === undefined) continue;
      options[name] = name === 'response-field' ? value !== 'false' : name === 'retry-interval' ? Number(value) : value;
    }
    return options as RenderOptions;
  }

  function render(container: string | HTMLElement, params: RenderOptions = {}): string {
    const target = typeof container === 'string' ? document.querySelector(container) : container;
    if (!target || target.nodeType !== Node.ELEMENT_NODE) throw new Error(`${PREFIX} Unable to find a container for "${String(container)}".`);
    const element = target as HTMLElement;
    const existing = find(element);
    if (existing) {
      console.warn(`${PREFIX} Turnstile has already been rendered in this container.`);
      return existing.id;
    }
    const options: RenderOptions = { ...fromDataset(element.dataset), ...params };
    if (typeof options.sitekey !== 'string' || options.sitekey === '') {
      throw new Error(`${PREFIX} Invalid or missing type for parameter "sitekey", expected "string", got "${typeof options.sitekey}".`);
    }
    let input: HTMLInputElement | undefined;
    // FACT: by default a hidden input named cf-turnstile-response carries the token in a form.
    if (options['response-field'] !== false) {
      input = document.createElement('input');
      input.type = 'hidden';
      input.name = options['response-field-name'] ?? 'cf-turnstile-response';
      element.append(input);
    }
    const id = `cf-chl-widget-${Math.random().toString(36).slice(2, 7)}`;
    const widget: Widget = {
      id,
      container: element,
      options,
      input,
      frame: undefined,
      mode: undefined,
      needsAttention: false,
      token: undefined,
      expired: false,
      timer: undefined,
    };
    widgets.set(id, widget);
    if ((options.execution ?? 'render') === 'render') start(widget);
    return id;
  }

  function ready(callback: () => void): void {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => callback(), { once: true });
    else queueMicrotask(callback);
  }

  win.turnstile = {
    render,
    ready,
    /** FACT: runs the challenge of a widget rendered with `execution: "execute"`, rendering it first if needed. */
    execute(container: string | HTMLElement, params?: RenderOptions): void {
      const widget = find(container);
      if (!widget) render(container, { ...params, execution: 'render' });
      else if (!widget.frame || widget.expired) start(widget);
    },
    reset(ref?: WidgetRef): void {
      const widget = find(ref);
      if (!widget) return void console.warn(`${PREFIX} Nothing to reset found for provided container.`);
      if ((widget.options.execution ?? 'render') === 'render') return start(widget);
      stop(widget);
      setToken(widget, undefined);
      widget.expired = false;
    },
    /** FACT: removes the widget's DOM and calls no callback. */
    remove(ref?: WidgetRef): void {
      const widget = find(ref);
      if (!widget) return;
      stop(widget);
      widget.input?.remove();
      widgets.delete(widget.id);
    },
    getResponse: (ref?: WidgetRef): string | undefined => find(ref)?.token,
    isExpired: (ref?: WidgetRef): boolean => find(ref)?.expired ?? false,
  };

  const explicit = scriptUrl.searchParams.get('render') === 'explicit';
  const onload = scriptUrl.searchParams.get('onload');
  ready(() => {
    if (!explicit) {
      for (const node of document.querySelectorAll<HTMLElement>('.cf-turnstile[data-sitekey]')) if (!find(node)) render(node);
    }
    if (onload === null) return;
    const callback = callbackOf(onload);
    if (callback) callback();
    else console.warn(`${PREFIX} Unable to find onload callback '${onload}'.`);
  });
})();
