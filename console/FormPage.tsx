import { useEffect, useState } from 'preact/hooks';
import type { ReplayResult } from '../shared/admin';
import type { DailyCounts } from '../shared/admin-console';
import { api, describeError } from './api';
import { DailyChart } from './DailyChart';
import { Deliveries } from './Deliveries';
import { EmbedCode } from './EmbedCode';
import { PrivacyTools } from './PrivacyTools';
import { usePageTitle } from './use-page-title';

/** One form: its chart, its deliveries, what to do about dead letters, erasure and export, its embed code, the alert test. */
export function FormPage(props: { formId: string }) {
  const { formId } = props;
  usePageTitle(`Form ${formId}`);
  const path = `/forms/${encodeURIComponent(formId)}`;
  const [daily, setDaily] = useState<DailyCounts | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  // Bumped after an action, so the table and the chart are read again.
  const [version, setVersion] = useState(0);

  useEffect(() => {
    api<DailyCounts>(`${path}/daily?days=30`)
      .then(setDaily)
      .catch((e) => setError(describeError(e)));
  }, [path, version]);

  const changed = (message: string) => {
    setStatus(message);
    setVersion((n) => n + 1);
  };
  const act = async (run: () => Promise<string>) => {
    setError(null);
    try {
      changed(await run());
    } catch (e) {
      setError(describeError(e));
    }
  };
  const replayAll = () =>
    act(async () => {
      const { replayed } = await api<ReplayResult>(`${path}/dead-letters/replay`, { method: 'POST' });
      return replayed.length === 0 ? 'No dead letters or held leads to replay' : `Replayed ${replayed.length}: ${replayed.join(', ')}`;
    });
  const sendTestAlert = () =>
    act(async () => {
      const { eventId } = await api<{ queued: boolean; eventId: string }>(`${path}/alerts/test`, { method: 'POST' });
      return `Test event ${eventId} queued for the form's webhook`;
    });

  return (
    <>
      <p class="crumbs">
        <a href="#/">Forms</a> / {formId}
      </p>
      <h1 tabIndex={-1}>Form {formId}</h1>
      <p>
        <a class="button" href={`#${path}/edit`}>
          Edit this form
        </a>
      </p>
      <p class="status" role="status">
        {status}
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <section aria-labelledby="chart-heading">
        <h2 id="chart-heading">Leads per day, last 30 days</h2>
        {daily ? <DailyChart days={daily.days} /> : <p class="loading">Loading…</p>}
      </section>
      <section aria-labelledby="failures-heading">
        <h2 id="failures-heading">Dead letters and held leads</h2>
        <p>Back into the queue with a fresh retry budget, every one whose lead is still kept.</p>
        <button type="button" onClick={replayAll}>
          Replay all dead letters
        </button>
      </section>
      <Deliveries formId={formId} version={version} onChanged={changed} />
      <PrivacyTools formId={formId} onChanged={changed} />
      <EmbedCode formId={formId} />
      <section aria-labelledby="alerts-heading">
        <h2 id="alerts-heading">Alerts</h2>
        <p>Sends a signed test event to the webhook this form's alerts name.</p>
        <button type="button" onClick={sendTestAlert}>
          Send test event
        </button>
      </section>
    </>
  );
}
