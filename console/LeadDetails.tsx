import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { DeliveryDetail, ReplayResult, ResolveResult } from '../shared/admin';
import { api, describeError } from './api';

type Detail = DeliveryDetail['delivery'];

/** A lead's fields as label/value pairs, nested ones (address, custom, consent) by their dotted name. */
function flatten(value: unknown, prefix = ''): [string, string][] {
  if (value === null || typeof value !== 'object') return [[prefix, String(value)]];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => flatten(inner, prefix ? `${prefix}.${key}` : key));
}

/**
 * One delivery with its lead while it is kept (each read is in the audit log), and what an operator
 * can do with it: replay a dead letter or held lead, mark an unknown one as arrived, erase it.
 */
export function LeadDetails(props: { formId: string; id: string; onClose: () => void; onChanged: (message: string) => void }) {
  const base = `/forms/${encodeURIComponent(props.formId)}/deliveries/${encodeURIComponent(props.id)}`;
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmErase, setConfirmErase] = useState(false);

  useEffect(() => {
    setDetail(null);
    setConfirmErase(false);
    api<DeliveryDetail>(base)
      .then((d) => setDetail(d.delivery))
      .catch((e) => setError(describeError(e)));
  }, [base]);

  const act = async (run: () => Promise<string>) => {
    setError(null);
    try {
      props.onChanged(await run());
      setDetail((await api<DeliveryDetail>(base).catch(() => null))?.delivery ?? null);
    } catch (e) {
      setError(describeError(e));
    }
  };
  const replay = () => act(async () => `Replayed ${(await api<ReplayResult>(`${base}/replay`, { method: 'POST' })).replayed.join(', ')}`);
  const arrived = () => act(async () => `${(await api<ResolveResult>(`${base}/arrived`, { method: 'POST' })).id} marked as arrived`);
  const erase = () =>
    act(async () => {
      await api(`/forms/${encodeURIComponent(props.formId)}/erase`, { method: 'POST', body: { submissionId: props.id } });
      props.onClose();
      return `Submission ${props.id} erased`;
    });

  return (
    <section class="details" aria-labelledby="details-heading">
      <h3 id="details-heading">Submission {props.id}</h3>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {detail && (
        <>
          <dl class="meta">
            <dt>Status</dt>
            <dd>{detail.status}</dd>
            <dt>Attempts</dt>
            <dd>{detail.attempts}</dd>
            <dt>Last error code</dt>
            <dd>{detail.lastErrorCode ?? '–'}</dd>
            <dt>Failure reason</dt>
            <dd>{detail.failureReason ?? '–'}</dd>
            <dt>Vendor id</dt>
            <dd>{detail.vendorId ?? '–'}</dd>
            <dt>Updated</dt>
            <dd>{detail.updatedAt}</dd>
          </dl>
          <h4>Lead</h4>
          {detail.lead ? (
            <dl class="lead">
              {flatten(detail.lead).map(([key, value]) => (
                <Fragment key={key}>
                  <dt>{key}</dt>
                  <dd>{value}</dd>
                </Fragment>
              ))}
            </dl>
          ) : (
            <p>The lead is no longer kept{detail.purgedAt ? ` (deleted ${detail.purgedAt})` : ''}: only its codes and counts remain.</p>
          )}
          <div class="actions">
            {(detail.status === 'failed' || detail.status === 'held') && detail.lead && (
              <button type="button" onClick={replay}>
                Replay
              </button>
            )}
            {detail.status === 'unknown' && (
              <button type="button" onClick={arrived}>
                Mark as arrived
              </button>
            )}
            {confirmErase ? (
              <button type="button" class="danger" onClick={erase}>
                Erase for good
              </button>
            ) : (
              <button type="button" class="danger" onClick={() => setConfirmErase(true)}>
                Erase
              </button>
            )}
            <button type="button" class="secondary" onClick={props.onClose}>
              Close
            </button>
          </div>
        </>
      )}
    </section>
  );
}
