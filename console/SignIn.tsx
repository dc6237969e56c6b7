import { useState } from 'preact/hooks';
import type { AdminSession } from '../shared/admin-console';
import { api, describeError, saveToken } from './api';
import { usePageTitle } from './use-page-title';

/** The admin token or a scoped token, checked against `GET /v1/admin/session` and kept for this tab only. */
export function SignIn(props: { problem: string | null; onSignedIn: (session: AdminSession) => void }) {
  usePageTitle('Sign in');
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(props.problem);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await api<AdminSession>('/session', { token: token.trim() });
      saveToken(token.trim());
      props.onSignedIn(session);
    } catch (cause) {
      setError(describeError(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="sign-in">
      <h1 tabIndex={-1}>Sign in to the Leadgate console</h1>
      <form onSubmit={submit}>
        <label for="token">Admin token or scoped token</label>
        <input id="token" type="password" autocomplete="off" required value={token} onInput={(e) => setToken(e.currentTarget.value)} />
        <p class="hint">
          The token stays in this browser tab only (sessionStorage) and is sent to this Worker's admin API. With Cloudflare Access in front of the Worker you
          are signed in without one.
        </p>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
