import { useCallback, useEffect, useState } from 'preact/hooks';
import { DELIVERY_STATUSES, type DeliveryList, type DeliverySummary } from '../shared/admin';
import { api, describeError } from './api';
import { LeadDetails } from './LeadDetails';

interface Filter {
  status: string;
  since: string;
  until: string;
}

/** The day after a `YYYY-MM-DD` date: "until" in the form includes its day, the API's excludes it. */
const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function query(filter: Filter, cursor: string | undefined): string {
  const params = new URLSearchParams({ limit: '20' });
  if (filter.status) params.set('status', filter.status);
  if (filter.since) params.set('since', filter.since);
  if (filter.until) params.set('until', dayAfter(filter.until));
  if (cursor) params.set('cursor', cursor);
  return params.toString();
}

/** A form's deliveries, newest first: by status and day, a page at a time, each with its error code and reason. */
export function Deliveries(props: { formId: string; version: number; onChanged: (message: string) => void }) {
  const { formId } = props;
  const [filter, setFilter] = useState<Filter>({ status: '', since: '', until: '' });
  const [draft, setDraft] = useState<Filter>(filter);
  // The cursors of the pages before this one, so "Newer" goes back without the API paging backwards.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<DeliveryList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  const cursor = cursors.at(-1);
  const load = useCallback(() => {
    setError(null);
    api<DeliveryList>(`/forms/${encodeURIComponent(formId)}/deliveries?${query(filter, cursor)}`)
      .then(setPage)
      .catch((e) => setError(describeError(e)));
  }, [formId, filter, cursor]);
  useEffect(load, [load, props.version]);

  const apply = (event: Event) => {
    event.preventDefault();
    setFilter(draft);
    setCursors([undefined]);
  };

  return (
    <section aria-labelledby="deliveries-heading">
      <h2 id="deliveries-heading">Deliveries</h2>
      <form class="filters" onSubmit={apply}>
        <label>
          Status
          <select value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.currentTarget.value })}>
            <option value="">Any</option>
            {DELIVERY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          From (UTC day)
          <input type="date" value={draft.since} onInput={(e) => setDraft({ ...draft, since: e.currentTarget.value })} />
        </label>
        <label>
          To (UTC day)
          <input type="date" value={draft.until} onInput={(e) => setDraft({ ...draft, until: e.currentTarget.value })} />
        </label>
        <button type="submit">Filter</button>
      </form>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {page && page.deliveries.length === 0 && <p>No deliveries match.</p>}
      {page && page.deliveries.length > 0 && (
        <table class="deliveries">
          <caption>Deliveries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Submission</th>
              <th scope="col">Status</th>
              <th scope="col" class="num">
                Attempts
              </th>
              <th scope="col">Error code</th>
              <th scope="col">Reason</th>
              <th scope="col">Submitted</th>
            </tr>
          </thead>
          <tbody>
            {page.deliveries.map((d: DeliverySummary) => (
              <tr key={d.id} class={`status-${d.status}`}>
                <th scope="row">
                  <button type="button" class="link" aria-expanded={open === d.id} onClick={() => setOpen(open === d.id ? null : d.id)}>
                    {d.id}
                  </button>
                </th>
                <td>
                  <span class={`badge badge-${d.status}`}>{d.status}</span>
                  {d.outcomeUnknown && d.status !== 'unknown' ? ' (outcome unknown)' : ''}
                </td>
                <td class="num">{d.attempts}</td>
                <td>
                  <code>{d.lastErrorCode ?? '–'}</code>
                </td>
                <td>{d.failureReason ?? '–'}</td>
                <td>
                  <time dateTime={d.createdAt}>{d.createdAt.replace('T', ' ').slice(0, 19)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav class="pager" aria-label="Pages of deliveries">
        <button type="button" class="secondary" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
          Newer
        </button>
        <button type="button" class="secondary" disabled={!page?.nextCursor} onClick={() => setCursors([...cursors, page?.nextCursor])}>
          Older
        </button>
      </nav>
      {open && (
        <LeadDetails
          formId={formId}
          id={open}
          onClose={() => setOpen(null)}
          onChanged={(message) => {
            props.onChanged(message);
            load();
          }}
        />
      )}
    </section>
  );
}
