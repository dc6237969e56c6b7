/**
 * A NestJS `HttpException` body. GUESS for the exact shape: the kit is a NestJS app, whose
 * built-in exceptions answer `{ message, error, statusCode }`, with `message` an array of
 * strings when the ValidationPipe refuses a body.
 */
export interface NestError {
  readonly message: string | readonly string[];
  readonly error?: string;
  readonly statusCode: number;
}

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};
const reason = (status: number) => REASONS[status] ?? (status < 500 ? 'Client Error' : 'Server Error');

/** What `new XxxException(message)` answers, e.g. `new BadRequestException('Email already exists')`. */
export const nestError = (statusCode: number, message: string | readonly string[]): NestError => ({
  message,
  error: reason(statusCode),
  statusCode,
});

/** The ValidationPipe's 400. */
export const validationError = (messages: readonly string[]): NestError => nestError(400, messages);

/** FACT (the kit's `/auth/me`): `{"statusCode":401,"message":"Unauthorized"}`; GUESS that the lead routes answer the same. */
export const UNAUTHORIZED: NestError = { message: 'Unauthorized', statusCode: 401 };

/** FACT: the page's 403 "Access denied" for a user without the permission. */
export const ACCESS_DENIED = nestError(403, 'Access denied');

/** Express's 404 as NestJS renders it: no route for this method and path (Express knows no 405). */
export const noRoute = (method: string, path: string) => nestError(404, `Cannot ${method} ${path}`);

/** The body for any status a fault asks for, as NestJS would send it. */
export function faultBody(status: number): NestError {
  if (status === 401) return UNAUTHORIZED;
  // GUESS: @nestjs/throttler's ThrottlerException.
  if (status === 429) return { message: 'ThrottlerException: Too Many Requests', statusCode: 429 };
  // NestJS's answer to an error that is no HttpException.
  if (status === 500) return { message: 'Internal server error', statusCode: 500 };
  // A built-in exception thrown without a message: `new ServiceUnavailableException()`.
  return { message: reason(status), statusCode: status };
}
