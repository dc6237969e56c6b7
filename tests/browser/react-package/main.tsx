/**
 * An agency's React app: <LeadgateForm> from the installed @leadgate/embed, in StrictMode (effects run
 * twice in development, as they do for most React apps). Built with Vite by tests/browser/react-package.test.ts
 * in a folder where the packed package is installed, and type-checked there (not by the repository's tsconfig,
 * which has no @leadgate/embed to resolve and speaks Preact's JSX).
 */
import type { LeadgateEventDetail } from '@leadgate/embed';
import { LeadgateForm } from '@leadgate/embed/react';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';

/** [event, its status or code, the render whose callback heard it] */
type Call = [name: string, value: string, render: number];
declare global {
  interface Window {
    calls: Call[];
  }
}
window.calls = [];
const worker = new URLSearchParams(location.search).get('worker') ?? '';

function App() {
  const [locale, setLocale] = useState('en');
  const [shown, setShown] = useState(true);
  const [render, setRender] = useState(0);
  const record = (name: string) => (detail: LeadgateEventDetail) => window.calls.push([name, detail.status ?? detail.code ?? '', render]);
  return (
    <main>
      <button type="button" onClick={() => setRender(render + 1)}>
        Render again
      </button>
      <button type="button" onClick={() => setLocale('de')}>
        Deutsch
      </button>
      <button type="button" onClick={() => setShown(!shown)}>
        Toggle form
      </button>
      {shown && (
        <LeadgateForm
          className="trial"
          worker={worker}
          form="demo-perfectgym"
          locale={locale}
          theme={{ accent: '#0a7f5a' }}
          onReady={record('ready')}
          onSubmit={record('submit')}
          onSuccess={record('success')}
          onError={record('error')}
        />
      )}
    </main>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
