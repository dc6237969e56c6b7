import { useCallback, useEffect, useState } from 'preact/hooks';
import type { AdminSession } from '../shared/admin-console';
import { ApiError, api, describeError, forgetToken, savedToken } from './api';
import { FormEditor } from './FormEditor';
import { FormPage } from './FormPage';
import { FormsList } from './FormsList';
import { SignIn } from './SignIn';

/** Where the console is: a hash route, so every page is the one static index.html. */
type Route = { page: 'forms' } | { page: 'form'; formId: string } | { page: 'edit'; formId: string };

function readRoute(hash: string): Route {
  const match = /^#\/forms\/([^/]+)(\/edit)?$/.exec(hash);
  if (!match) return { page: 'forms' };
  const formId = decodeURIComponent(match[1]!);
  return match[2] ? { page: 'edit', formId } : { page: 'form', formId };
}

/**
 * The console: who is signed in decides everything. It asks `GET /v1/admin/session` first with no
 * token (behind Cloudflare Access the browser is already signed in) or the one kept in this tab,
 * and shows the sign-in page only when that is refused.
 */
export function Console() {
  const [session, setSession] = useState<AdminSession | null | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  const [route, setRoute] = useState<Route>(() => readRoute(location.hash));

  useEffect(() => {
    api<AdminSession>('/session')
      .then(setSession)
      .catch((error) => {
        if (!(error instanceof ApiError && error.status === 401) && savedToken() === null) setProblem(describeError(error));
        if (error instanceof ApiError && error.status === 401) forgetToken();
        setSession(null);
      });
    const onHash = () => setRoute(readRoute(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  const signOut = useCallback(() => {
    forgetToken();
    setSession(null);
  }, []);

  if (session === undefined) return <p class="loading">Loading…</p>;
  if (session === null) return <SignIn problem={problem} onSignedIn={setSession} />;
  return (
    <>
      <header class="top">
        <a class="brand" href="#/">
          Leadgate console
        </a>
        <span class="who">
          Signed in as <strong>{session.actor}</strong> (
          {session.via === 'access' ? 'Cloudflare Access' : session.via === 'scoped-token' ? 'scoped token' : 'admin token'})
        </span>
        {session.via !== 'access' && (
          <button type="button" class="secondary" onClick={signOut}>
            Sign out
          </button>
        )}
      </header>
      <main id="main">
        {route.page === 'forms' && <FormsList />}
        {route.page === 'form' && <FormPage formId={route.formId} />}
        {route.page === 'edit' && <FormEditor formId={route.formId} />}
      </main>
    </>
  );
}
