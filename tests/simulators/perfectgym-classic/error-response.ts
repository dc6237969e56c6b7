/** One entry of the error envelope. FACT (v1 Error datatype): code, property "if available", message "if available". */
export interface ClassicError {
  readonly code: string;
  readonly property?: string;
  readonly message?: string;
}

/** FACT for v1, COMMUNITY for v2: logical errors come with HTTP 400 and `{ "errors": [ … ] }`. */
export const errorsBody = (errors: readonly ClassicError[]) => ({ errors });

/**
 * COMMUNITY: "Check if Perfect Gym returned HTML (login page) instead of JSON": with credentials
 * it does not accept, the installation answers its login page. The integration saw it as a
 * successful answer (axios threw nothing), so it comes with a 200. GUESS: the markup, and that no
 * redirect comes first (a client that follows redirects sees the same either way).
 */
export const LOGIN_PAGE = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Log in - PerfectGym</title></head>
<body>
<form method="post" action="/Account/Login">
<h1>Log in</h1>
<label>Login <input name="Login" autocomplete="username"></label>
<label>Password <input name="Password" type="password" autocomplete="current-password"></label>
<button type="submit">Log in</button>
</form>
</body>
</html>
`;

/** GUESS: ASP.NET Web API's own bodies, for what reaches no action of the API. */
export const webApiMessage = (message: string) => ({ Message: message });

export const noResource = (url: string) => webApiMessage(`No HTTP resource was found that matches the request URI '${url}'.`);

export const methodNotSupported = (method: string) => webApiMessage(`The requested resource does not support http method '${method}'.`);

export const mediaTypeNotSupported = (type: string) => webApiMessage(`The request entity's media type '${type}' is not supported for this resource.`);

/** GUESS: the OData library's error body (`{ error: { code, message } }`, as OData v4 JSON has it). */
export const odataError = (message: string) => ({ error: { code: '', message } });

/** GUESS: an unknown subdomain, as the front web server's HTML 404 page. */
export const NOT_FOUND_PAGE = '<!DOCTYPE html><html><head><title>404 - Not Found</title></head><body><h1>404 - Not Found</h1></body></html>\n';

/** GUESS: what the web server in front answers while the application is down. */
export const UNAVAILABLE_PAGE =
  '<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h2>Service Unavailable</h2><p>HTTP Error 503. The service is unavailable.</p></body></html>\n';

const REASONS: Readonly<Record<number, string>> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  415: 'UnsupportedMediaType',
  422: 'UnprocessableEntity',
  429: 'TooManyRequests',
};

/** A fault's answer: a body and its content type. All GUESS: PerfectGym documents none of them. */
export function faultAnswer(status: number): { readonly body: string; readonly contentType: string } {
  const json = (body: unknown) => ({ body: JSON.stringify(body), contentType: 'application/json; charset=utf-8' });
  // The gateway statuses come from the web server in front, as HTML: an HTML page is not always a login page.
  if (status === 502 || status === 503 || status === 504)
    return { body: UNAVAILABLE_PAGE.replace(/503/g, String(status)), contentType: 'text/html; charset=utf-8' };
  if (status >= 500) return json(webApiMessage('An error has occurred.'));
  if (status === 401) return json(webApiMessage('Authorization has been denied for this request.'));
  const code = REASONS[status] ?? `Status${status}`;
  return json(errorsBody([{ code, message: `The request failed with status ${status}.` }]));
}
