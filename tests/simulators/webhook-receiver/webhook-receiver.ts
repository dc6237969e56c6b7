import { Hono } from 'hono';
import { CONTROL_PREFIX, isControlPath } from '../sim-kit';

/** One call the receiver took, as it arrived: the raw body, so a test can check the signature over the exact bytes. */
export interface ReceivedCall {
  readonly id: number;
  /** ISO time from the receiver's clock. */
  readonly time: string;
  readonly method: string;
  /** Path and query string: a test gives each webhook its own path. */
  readonly path: string;
  /** Lower-case names, every header as sent (this receiver is local and holds no secrets of its own). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** What it answered. */
  readonly status: number;
}

export interface WebhookReceiver {
  readonly app: Hono;
  readonly fetch: Hono['fetch'];
}

/**
 * A webhook receiver for the demo and the tests: it records every call to any path and
 * answers 200, or the status it was told for the next `count` calls. It checks nothing
 * itself (the tests check signatures; the README shows a receiver that does). Control:
 * `GET /__sim/requests[?path=/x]` (as every simulator's log), `POST /__sim/fail {count, status?}`, `POST /__sim/reset`.
 */
export function createWebhookReceiver(options: { readonly now?: () => number } = {}): WebhookReceiver {
  const now = options.now ?? Date.now;
  let calls: ReceivedCall[] = [];
  let failures: { remaining: number; status: number } = { remaining: 0, status: 500 };
  let nextId = 1;
  const app = new Hono();

  app.get(`${CONTROL_PREFIX}/requests`, (c) => {
    const path = c.req.query('path');
    return c.json({ requests: path ? calls.filter((call) => call.path === path) : calls });
  });
  app.post(`${CONTROL_PREFIX}/fail`, async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { count?: unknown; status?: unknown };
    const count = Number(body.count ?? 1);
    const status = Number(body.status ?? 500);
    if (!Number.isInteger(count) || count < 0 || !Number.isInteger(status) || status < 300 || status > 599) {
      return c.json({ error: 'send { "count": <whole number>, "status"?: 300-599 }' }, 400);
    }
    failures = { remaining: count, status };
    return c.json({ failing: failures });
  });
  app.post(`${CONTROL_PREFIX}/reset`, (c) => {
    calls = [];
    failures = { remaining: 0, status: 500 };
    nextId = 1;
    return c.json({ reset: true });
  });
  app.all('*', async (c) => {
    if (isControlPath(c.req.path)) return c.json({ error: 'unknown control route' }, 404);
    const failing = failures.remaining > 0;
    if (failing) failures.remaining -= 1;
    const status = failing ? failures.status : 200;
    const url = new URL(c.req.url);
    const headers: Record<string, string> = {};
    c.req.raw.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    calls.push({
      id: nextId++,
      time: new Date(now()).toISOString(),
      method: c.req.method,
      path: `${url.pathname}${url.search}`,
      headers,
      body: await c.req.text(),
      status,
    });
    return c.json(failing ? { error: 'failing on request' } : { received: true }, status as 200);
  });
  return { app, fetch: app.fetch };
}
