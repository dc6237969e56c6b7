import { useState } from 'preact/hooks';
import { api, describeError } from './api';

/** Erasure and export by e-mail address (GDPR art. 15, 17): the existing admin routes, one form at a time. */
export function PrivacyTools(props: { formId: string; onChanged: (message: string) => void }) {
  const path = `/forms/${encodeURIComponent(props.formId)}`;
  const [email, setEmail] = useState('');
  const [exported, setExported] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const exportData = async () => {
    setError(null);
    try {
      const body = await api<{ submissions: unknown[] }>(`${path}/export?email=${encodeURIComponent(email.trim())}`);
      setExported(JSON.stringify(body, null, 2));
      props.onChanged(`Exported ${body.submissions.length} submissions of that address`);
    } catch (e) {
      setError(describeError(e));
    }
  };
  const erase = async () => {
    setError(null);
    setConfirming(false);
    try {
      const { erased } = await api<{ erased: number }>(`${path}/erase`, { method: 'POST', body: { email: email.trim() } });
      setExported(null);
      props.onChanged(`Erased ${erased} submissions of that address`);
    } catch (e) {
      setError(describeError(e));
    }
  };

  return (
    <section aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">Erase and export by e-mail</h2>
      <div class="privacy">
        <label for="privacy-email">E-mail address of the person</label>
        <input id="privacy-email" type="email" autocomplete="off" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        <button type="button" class="secondary" disabled={!email.trim()} onClick={exportData}>
          Export
        </button>
        {confirming ? (
          <button type="button" class="danger" onClick={erase}>
            Erase every submission of this address for good
          </button>
        ) : (
          <button type="button" class="danger" disabled={!email.trim()} onClick={() => setConfirming(true)}>
            Erase
          </button>
        )}
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {exported && (
        <>
          <h3>Exported data</h3>
          <pre class="export">{exported}</pre>
        </>
      )}
    </section>
  );
}
