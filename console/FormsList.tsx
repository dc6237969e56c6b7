import { useEffect, useState } from 'preact/hooks';
import type { AdminOverview } from '../shared/admin-console';
import { api, describeError } from './api';
import { StatusLight } from './StatusLight';
import { usePageTitle } from './use-page-title';

/** Every form the operator may see, with its counts and status light. */
export function FormsList() {
  usePageTitle('Forms');
  const [overview, setOverview] = useState<AdminOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<AdminOverview>('/overview')
      .then(setOverview)
      .catch((e) => setError(describeError(e)));
  }, []);

  return (
    <>
      <h1 tabIndex={-1}>Forms</h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!overview && !error && <p class="loading">Loading…</p>}
      {overview && (
        <table class="forms">
          <caption>Leads accepted per form, and what waits for an operator</caption>
          <thead>
            <tr>
              <th scope="col">Form</th>
              <th scope="col">Vendor</th>
              <th scope="col" class="num">
                Leads 24 h
              </th>
              <th scope="col" class="num">
                Leads 30 days
              </th>
              <th scope="col" class="num">
                Held
              </th>
              <th scope="col" class="num">
                Dead letters
              </th>
              <th scope="col" class="num">
                Unknown
              </th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {overview.forms.map((form) => (
              <tr key={form.id}>
                <th scope="row">
                  <a href={`#/forms/${encodeURIComponent(form.id)}`}>{form.id}</a>
                </th>
                <td>{form.vendor}</td>
                <td class="num">{form.leads24h}</td>
                <td class="num">{form.leads30d}</td>
                <td class="num">{form.held}</td>
                <td class="num">{form.deadLetters}</td>
                <td class="num">{form.unknown}</td>
                <td>
                  <StatusLight light={form.light} reason={form.lightReason} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
