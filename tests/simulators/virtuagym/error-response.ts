/** The gateway's lead-API error envelope; FACT for 400, COMMUNITY for 404 (note the two `status` values). */
export interface GatewayError {
  readonly status: 'fail';
  readonly error: { readonly status: 'fail' | 'error'; readonly message: string };
}

/** A 400-style refusal: `{"status":"fail","error":{"status":"fail","message":…}}`. */
export const failBody = (message: string): GatewayError => ({ status: 'fail', error: { status: 'fail', message } });

/** COMMUNITY: a missing lead is `{"status":"fail","error":{"status":"error","message":"ERROR: Lead not found"}}`. */
export const notFoundBody = (message: string): GatewayError => ({ status: 'fail', error: { status: 'error', message } });

/** COMMUNITY: what the gateway answers for a missing, unknown, expired or out-of-scope token. */
export const TOKEN_NOT_VALID = { message: 'Token not valid.', status: 'fail' } as const;

/** COMMUNITY: the gateway (Kong) answer for a path no route matches. */
export const NO_ROUTE = { message: 'no Route matched with those values' } as const;

/** Keycloak's token-endpoint error body. */
export interface KeycloakError {
  readonly error: string;
  readonly error_description?: string;
}

export const keycloakError = (error: string, description?: string): KeycloakError => ({
  error,
  ...(description === undefined ? {} : { error_description: description }),
});

/** COMMUNITY: the body for an unknown client or a wrong secret. */
export const INVALID_CLIENT = keycloakError('invalid_client', 'Invalid client or Invalid client credentials');

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};
const reason = (status: number) => REASONS[status] ?? (status < 500 ? 'Client Error' : 'Server Error');

// GUESS: the gateway is Kong (COMMUNITY: "no Route matched"), so the statuses Kong itself answers
// carry Kong's default bodies; everything else comes from the lead backend in its envelope.
const KONG_MESSAGES: Readonly<Record<number, string>> = {
  429: 'API rate limit exceeded',
  502: 'An invalid response was received from the upstream server',
  503: 'failure to get a peer from the ring-balancer',
  504: 'The upstream server is timing out',
};

/** The gateway's body for any status a fault asks for. */
export function gatewayErrorBody(status: number): unknown {
  if (status === 401) return TOKEN_NOT_VALID;
  const kong = KONG_MESSAGES[status];
  if (kong !== undefined) return { message: kong };
  // GUESS: JSend-style, "fail" for client errors and "error" for server errors.
  const kind = status < 500 ? 'fail' : 'error';
  return { status: 'fail', error: { status: kind, message: reason(status) } };
}

/** The auth server's body for any status a fault asks for. */
export function tokenErrorBody(status: number): KeycloakError {
  if (status === 401) return INVALID_CLIENT;
  // GUESS: Keycloak renders server errors as `unknown_error`; other client errors as invalid_request.
  return status >= 500 ? keycloakError('unknown_error') : keycloakError('invalid_request', reason(status));
}
