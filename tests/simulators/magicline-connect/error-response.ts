import { randomUUID } from 'node:crypto';

/** FACT: the `errorCodes` enum of `ConnectApiErrorResponseDto` in the vendor's spec. */
export const CONNECT_ERROR_CODES = [
  'ENTITY_NOT_FOUND',
  'CONFLICT',
  'BAD_REQUEST',
  'REQUIRED_PARAMETER_MISSING',
  'VALIDATION_FAILED',
  'FORBIDDEN',
  'OPERATION_NOT_ALLOWED_FOR_STUDIO',
  'SERVER_ERROR',
  'FEATURE_DISABLED',
  'STUDIO_NOT_IN_GERMANY',
  'VOUCHER_VALIDATION_FAILED_INVALID_CODE',
  'VOUCHER_VALIDATION_FAILED_NOT_REDEEMABLE_HERE',
  'VOUCHER_VALIDATION_FAILED_NOT_IN_VALIDITY_PERIOD',
  'VOUCHER_VALIDATION_FAILED_NOT_ALLOWED_FOR_RATE',
  'TRIALSESSION_ALREADY_BOOKED',
  'ACTIVE_MEMBER_CANNOT_BOOK_TRIAL_SESSION',
] as const;
export type ConnectErrorCode = (typeof CONNECT_ERROR_CODES)[number];

/** FACT: `ConnectApiErrorResponseDto`; `message` is "for developer integration and logging purposes". */
export interface ConnectError {
  readonly errorCodes: readonly ConnectErrorCode[];
  readonly message?: string;
  readonly traceId?: string;
}

/** One reason to refuse a request. */
export interface ConnectProblem {
  readonly code: ConnectErrorCode;
  /** Developer English; never meant for end users. */
  readonly message: string;
}

// GUESS: the trace id's format is not documented; 32 hex digits as a 128-bit trace id.
export const newTraceId = () => randomUUID().replaceAll('-', '');

/** A single error body. */
export const connectError = (problem: ConnectProblem, traceId = newTraceId()): ConnectError => ({
  errorCodes: [problem.code],
  message: problem.message,
  traceId,
});

/**
 * FACT: a 400 is either one `ConnectApiErrorResponseDto` or an array of them. One problem is
 * answered as the object, several as the array (one entry per problem, one trace id).
 */
export function badRequestBody(problems: readonly ConnectProblem[]): ConnectError | ConnectError[] {
  const traceId = newTraceId();
  const [only] = problems;
  if (problems.length === 1 && only) return connectError(only, traceId);
  return problems.map((problem) => connectError(problem, traceId));
}

const FAULT_PROBLEMS: Readonly<Record<number, ConnectProblem>> = {
  400: { code: 'BAD_REQUEST', message: 'Bad request.' },
  403: { code: 'FORBIDDEN', message: 'The Connect API is not enabled for this license.' },
  409: { code: 'CONFLICT', message: 'The request conflicts with the current state.' },
  // GUESS: rate limits exist (FACT) but their answer is undocumented; the error DTO has no rate-limit code.
  429: { code: 'BAD_REQUEST', message: 'Too many requests. Try again later.' },
};

/** The problem a bare status (from a `fail` or `rate-limit` fault) is reported with. */
export function problemForStatus(status: number): ConnectProblem {
  return (
    FAULT_PROBLEMS[status] ??
    (status >= 500 ? { code: 'SERVER_ERROR', message: 'An internal error occurred.' } : { code: 'BAD_REQUEST', message: 'Bad request.' })
  );
}
