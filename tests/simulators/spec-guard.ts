import type { Context, MiddlewareHandler } from 'hono';
import type { OpenApiOperation, OpenApiValidator, SpecProblem } from './openapi-validator';

/** A response a simulator was about to send that its vendor's OpenAPI document does not allow. */
export interface SpecViolation {
  /** ISO time from the simulator's clock. */
  readonly time: string;
  readonly method: string;
  /** Path and query string, as requested. */
  readonly path: string;
  readonly operationId: string | undefined;
  readonly status: number;
  /** The offending body: parsed JSON, or the raw text. */
  readonly body?: unknown;
  readonly problems: readonly SpecProblem[];
}

export interface SpecGuardOptions {
  readonly validator: OpenApiValidator;
  /** The request path as the document writes paths, e.g. without the tenant segment; undefined skips the guard. */
  specPath(c: Context): string | undefined;
  /** The vendor's answer to a request that fails the document (its 400). */
  rejectRequest(c: Context, problems: readonly SpecProblem[]): Response;
  /** Called for each response that fails the document; a simulator bug. */
  onViolation(violation: SpecViolation): void;
  /** What is sent instead of a response that failed the document (the vendor's 500). */
  violationResponse(c: Context, violation: SpecViolation): Response;
  readonly now?: () => number;
}

/** The operation the guard matched, for handlers that want it. */
export type SpecGuardVariables = { specOperation: OpenApiOperation };

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Holds a simulator to its vendor's OpenAPI document: every request of a documented operation is
 * checked before the handler runs (failures get the vendor's 400), and every response the handler
 * produces is checked before it leaves (failures are recorded and replaced by the vendor's 500, so
 * a simulator bug cannot pass for vendor behaviour). Undocumented paths and methods pass through
 * untouched to the app's own 404 and 405 handling.
 *
 * @example
 * app.use('/:tenant/*', specGuard({ validator, specPath: (c) => c.req.path.replace(/^\/[^/]+/, ''), rejectRequest, onViolation, violationResponse }));
 */
export function specGuard(options: SpecGuardOptions): MiddlewareHandler<{ Variables: SpecGuardVariables }> {
  const now = options.now ?? Date.now;
  return async (c, next) => {
    const path = options.specPath(c);
    // HEAD is answered by the GET handler, as servers do; its (empty) body is not checked.
    const isHead = c.req.method === 'HEAD';
    const found = path === undefined ? undefined : options.validator.match(isHead ? 'GET' : c.req.method, path);
    if (found?.kind !== 'operation') return next();
    const { operation, pathParams } = found;
    c.set('specOperation', operation);
    const url = new URL(c.req.url);
    const problems = operation.checkRequest({
      pathParams,
      query: url.searchParams,
      contentType: c.req.header('content-type') ?? null,
      body: c.req.method === 'GET' || isHead ? '' : await c.req.text(),
    });
    if (problems.length > 0) {
      c.res = options.rejectRequest(c, problems);
    } else {
      await next();
    }
    if (isHead) return c.res;
    const text = await c.res.clone().text();
    const responseProblems = operation.checkResponse({ status: c.res.status, contentType: c.res.headers.get('content-type'), body: text });
    if (responseProblems.length === 0) return c.res;
    const violation: SpecViolation = {
      time: new Date(now()).toISOString(),
      method: c.req.method,
      path: url.pathname + url.search,
      operationId: operation.operationId,
      status: c.res.status,
      ...(text === '' ? {} : { body: parseBody(text) }),
      problems: responseProblems,
    };
    options.onViolation(violation);
    c.res = undefined;
    c.res = options.violationResponse(c, violation);
    return c.res;
  };
}
