import { describe, expect, it } from 'vitest';
import type { EventLog, LogDetail, LogLevel } from '../logger';
import type { AttemptMode, AttemptResult } from './attempt-delivery';
import { logAttemptResult } from './log-attempt-result';

function linesFor(result: AttemptResult, mode: AttemptMode): [LogLevel, string, LogDetail][] {
  const lines: [LogLevel, string, LogDetail][] = [];
  const log: EventLog = (level, event, detail) => lines.push([level, event, detail]);
  logAttemptResult(result, mode, { submissionId: 'sub-0001-abcdef', attempt: 3 }, log);
  return lines;
}

const submissionId = 'sub-0001-abcdef';

describe('logAttemptResult', () => {
  it('logs nothing inline for a plain success: the access line says it', () => {
    expect(linesFor({ kind: 'settled', outcome: { kind: 'delivered', vendorId: '42' } }, 'inline')).toEqual([]);
    expect(linesFor({ kind: 'settled', outcome: { kind: 'duplicate' } }, 'inline')).toEqual([]);
  });

  it('warns inline about a rejection and about a delivery without a readable vendor id', () => {
    expect(
      linesFor({ kind: 'settled', outcome: { kind: 'rejected', vendorCode: 'INVALID', fields: [{ field: 'email', code: 'invalid_email' }] } }, 'inline'),
    ).toEqual([['warn', 'delivery', { submissionId, outcome: 'rejected', vendorCode: 'INVALID', fieldErrors: 1 }]]);
    expect(linesFor({ kind: 'settled', outcome: { kind: 'delivered', vendorId: undefined } }, 'inline')).toEqual([
      ['warn', 'delivery', { submissionId, outcome: 'delivered', vendorId: 'unreadable' }],
    ]);
  });

  it('logs every settled attempt from the queue, numbered', () => {
    expect(linesFor({ kind: 'settled', outcome: { kind: 'duplicate' } }, 'queued')).toEqual([
      ['info', 'delivery', { submissionId, outcome: 'duplicate', attempt: 3, queued: true }],
    ]);
  });

  it('names a requeue delivery_queued inline and delivery_retry from the queue, at info only when paced', () => {
    expect(linesFor({ kind: 'queued', delaySeconds: 20, reason: 'status_503' }, 'inline')).toEqual([
      ['warn', 'delivery_queued', { submissionId, reason: 'status_503', inSeconds: 20 }],
    ]);
    expect(linesFor({ kind: 'queued', delaySeconds: 2, reason: 'paced' }, 'queued')).toEqual([
      ['info', 'delivery_retry', { submissionId, reason: 'paced', inSeconds: 2, attempt: 3 }],
    ]);
  });

  it('warns about a dead letter and a superseded attempt in both modes', () => {
    const failed: AttemptResult = { kind: 'failed', reason: 'budget_exhausted', errorCode: null };
    expect(linesFor(failed, 'inline')).toEqual([['warn', 'delivery_failed', { submissionId, reason: 'budget_exhausted', errorCode: undefined }]]);
    expect(linesFor(failed, 'queued')).toEqual([['warn', 'delivery_failed', { submissionId, reason: 'budget_exhausted', errorCode: undefined, attempt: 3 }]]);
    expect(linesFor({ kind: 'superseded' }, 'queued')).toEqual([['warn', 'delivery_superseded', { submissionId }]]);
  });

  it('warns about a lead held for an operator in both modes', () => {
    const held: AttemptResult = { kind: 'held', status: 'unknown', errorCode: 'no_lookup' };
    expect(linesFor(held, 'inline')).toEqual([['warn', 'delivery_held', { submissionId, status: 'unknown', errorCode: 'no_lookup' }]]);
    expect(linesFor(held, 'queued')).toEqual([['warn', 'delivery_held', { submissionId, status: 'unknown', errorCode: 'no_lookup', attempt: 3 }]]);
  });
});
