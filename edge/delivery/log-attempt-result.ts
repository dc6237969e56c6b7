import type { EventLog } from '../logger';
import type { AttemptMode, AttemptResult } from './attempt-delivery';

/**
 * The log line for what became of one attempt, the same for the visitor's
 * request and the queue consumer. Inline, a success is already the access
 * line's outcome, so only what an operator acts on gets a line; the consumer
 * has no access line and logs every attempt, numbered. A job sent back to the
 * queue is `delivery_queued` inline and `delivery_retry` from the consumer.
 */
export function logAttemptResult(result: AttemptResult, mode: AttemptMode, job: { submissionId: string; attempt: number }, log: EventLog): void {
  const { submissionId } = job;
  const attempt = mode === 'queued' ? { attempt: job.attempt } : {};
  switch (result.kind) {
    case 'settled': {
      const { outcome } = result;
      if (mode === 'queued') log('info', 'delivery', { submissionId, outcome: outcome.kind, ...attempt, queued: true });
      else if (outcome.kind === 'rejected')
        log('warn', 'delivery', { submissionId, outcome: 'rejected', vendorCode: outcome.vendorCode, fieldErrors: outcome.fields.length });
      else if (outcome.kind === 'delivered' && outcome.vendorId === undefined)
        log('warn', 'delivery', { submissionId, outcome: 'delivered', vendorId: 'unreadable' });
      return;
    }
    case 'queued':
      log(result.reason === 'paced' ? 'info' : 'warn', mode === 'inline' ? 'delivery_queued' : 'delivery_retry', {
        submissionId,
        reason: result.reason,
        inSeconds: result.delaySeconds,
        ...attempt,
      });
      return;
    case 'held':
      log('warn', 'delivery_held', { submissionId, status: result.status, errorCode: result.errorCode, ...attempt });
      return;
    case 'failed':
      log('warn', 'delivery_failed', { submissionId, reason: result.reason, errorCode: result.errorCode ?? undefined, ...attempt });
      return;
    case 'superseded':
      log('warn', 'delivery_superseded', { submissionId });
      return;
    default:
      result satisfies never;
  }
}
