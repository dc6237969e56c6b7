// The script of the challenge frame (`/turnstile/v0/__challenge`), standing in for the iframe
// Cloudflare's api.js embeds from challenges.cloudflare.com: it shows the widget's box, asks the
// simulator's `__token` for a token (clicking "Verify you are human" first when told to) and hands
// the outcome to the page. Served as a classic script under a CSP without inline code or styles,
// so it builds its DOM with createElement and textContent and styles through `element.style`.
import type { ChallengeMode, Envelope, FrameMessage, PageMessage } from './challenge-messages';

(() => {
  type Texts = Readonly<Record<'verifying' | 'human' | 'success' | 'failed' | 'expired' | 'refresh', string>>;

  /** COMMUNITY: the challenge could not be loaded. */
  const LOADING_ERROR = '200500';

  const TEXTS: Readonly<Record<string, Texts>> = {
    en: {
      verifying: 'Verifying…',
      human: 'Verify you are human',
      success: 'Success!',
      failed: 'Verification failed',
      expired: 'Verification expired',
      refresh: 'Refresh',
    },
    de: {
      verifying: 'Wird überprüft…',
      human: 'Bestätigen Sie, dass Sie ein Mensch sind',
      success: 'Erfolg!',
      failed: 'Überprüfung fehlgeschlagen',
      expired: 'Überprüfung abgelaufen',
      refresh: 'Aktualisieren',
    },
  };

  const params = new URLSearchParams(location.search);
  const param = (name: string) => params.get(name) ?? '';
  const widgetId = param('widgetId');
  // The browser's word on who embeds this frame beats the page's own claim, where the browser gives it.
  const ancestor = location.ancestorOrigins?.[0];
  const parentOrigin = ancestor && ancestor !== 'null' ? ancestor : param('origin');
  if (window.parent === window || !/^https?:\/\//.test(parentOrigin)) return;

  const language = (param('language') && param('language') !== 'auto' ? param('language') : navigator.language).toLowerCase();
  // FACT: an unsupported language falls back to English.
  const text = TEXTS[language.split('-')[0] ?? 'en'] ?? (TEXTS.en as Texts);
  const theme = param('theme');
  const dark = theme === 'dark' || (theme !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
  const compact = param('size') === 'compact';

  function element<K extends keyof HTMLElementTagNameMap>(tag: K, styles: Partial<CSSStyleDeclaration> = {}): HTMLElementTagNameMap[K] {
    const node = document.createElement(tag);
    Object.assign(node.style, styles);
    return node;
  }

  Object.assign(document.documentElement.style, { background: 'transparent', colorScheme: dark ? 'dark' : 'light' });
  Object.assign(document.body.style, { margin: '0', background: 'transparent' });
  const box = element('div', {
    display: 'flex',
    alignItems: 'center',
    gap: '12px',
    boxSizing: 'border-box',
    width: '100%',
    height: '100vh',
    flexDirection: compact ? 'column' : 'row',
    justifyContent: compact ? 'center' : 'flex-start',
    padding: '0 16px',
    border: `1px solid ${dark ? '#666666' : '#e0e0e0'}`,
    borderRadius: '4px',
    background: dark ? '#222222' : '#fafafa',
    color: dark ? '#fafafa' : '#232323',
    font: '14px/1.3 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  });
  box.setAttribute('role', 'status');
  const status = element('div', { display: 'flex', alignItems: 'center', gap: '8px' });
  const brand = element('span', { marginLeft: compact ? '' : 'auto', fontSize: '10px', opacity: '0.7' });
  brand.textContent = 'Turnstile simulator';
  box.append(status, brand);
  document.body.append(box);

  function tell(message: FrameMessage): void {
    const envelope: Envelope<FrameMessage> = { ...message, source: 'turnstile-simulator', widgetId };
    window.parent.postMessage(envelope, parentOrigin);
  }

  function say(words: string): void {
    status.replaceChildren();
    status.textContent = words;
  }

  function askForClick(mode: ChallengeMode): void {
    status.replaceChildren();
    const label = element('label', { display: 'flex', alignItems: 'center', gap: '8px', cursor: 'pointer' });
    const checkbox = element('input', { width: '20px', height: '20px', margin: '0', cursor: 'pointer' });
    checkbox.type = 'checkbox';
    const caption = element('span');
    caption.textContent = text.human;
    label.append(checkbox, caption);
    checkbox.addEventListener(
      'change',
      () => {
        if (!checkbox.checked) return;
        // The box stays, ticked, while the challenge goes on and after: a test that ticks it sees it ticked.
        checkbox.disabled = true;
        tell({ event: 'interacted' });
        void solve((words) => {
          caption.textContent = words;
        });
      },
      { once: true },
    );
    status.append(label);
    tell({ event: 'interactive', mode });
  }

  const isMode = (value: unknown): value is ChallengeMode => value === 'managed' || value === 'non-interactive' || value === 'invisible';

  /** Runs the challenge; `clicked` shows its progress beside the ticked box once the visitor clicked. */
  async function solve(clicked?: (words: string) => void): Promise<void> {
    const show = clicked ?? say;
    const interacted = clicked !== undefined;
    show(text.verifying);
    const body = new URLSearchParams({
      sitekey: param('sitekey'),
      hostname: new URL(parentOrigin).hostname,
      action: param('action'),
      cdata: param('cdata'),
      interaction: interacted ? '1' : '0',
    });
    let answer: { token?: unknown; challenge?: unknown; error?: unknown; mode?: unknown } | undefined;
    try {
      const response = await fetch('__token', { method: 'POST', body, cache: 'no-store' });
      answer = (await response.json()) as typeof answer;
    } catch {
      answer = undefined;
    }
    const mode = isMode(answer?.mode) ? answer.mode : undefined;
    if (typeof answer?.token === 'string' && mode) {
      show(text.success);
      return tell({ event: 'token', token: answer.token, mode });
    }
    if (answer?.challenge === 'interactive' && mode) return askForClick(mode);
    show(text.failed);
    const code = typeof answer?.error === 'string' && /^\d{6}$/.test(answer.error) ? answer.error : LOADING_ERROR;
    tell({ event: 'error', code, ...(mode ? { mode } : {}) });
  }

  window.addEventListener('message', (event: MessageEvent<Envelope<PageMessage>>) => {
    if (event.origin !== parentOrigin || event.source !== window.parent) return;
    const message = event.data;
    if (message?.source !== 'turnstile-simulator' || message.widgetId !== widgetId || message.event !== 'expired') return;
    say(text.expired);
    if (message.refresh !== 'manual') return;
    const button = element('button', { font: 'inherit', cursor: 'pointer' });
    button.type = 'button';
    button.textContent = text.refresh;
    button.addEventListener('click', () => tell({ event: 'refresh' }), { once: true });
    status.append(button);
  });

  void solve();
})();
