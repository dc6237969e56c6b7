import type { ReceivedCall } from '../simulators/webhook-receiver/webhook-receiver';

async function ok(response: Response): Promise<Response> {
  if (!response.ok) throw new Error(`webhook receiver control call failed: ${response.status} ${await response.text()}`);
  return response;
}

/** The webhook receiver's control API (`/__sim`), as the tests use it over HTTP. */
export function webhookReceiverClient(url: string) {
  const call = (path: string, init?: RequestInit) => fetch(`${url}/__sim${path}`, init).then(ok);
  return {
    /** The URL a webhook at `path` has, e.g. `http://127.0.0.1:8799/test-alerts`. */
    url: (path: string) => `${url}${path}`,
    reset: () => call('/reset', { method: 'POST' }),
    /** The next `count` calls are answered `status` (500 unless said). */
    failNext: (count: number, status = 500) =>
      call('/fail', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ count, status }) }),
    async calls(path?: string): Promise<ReceivedCall[]> {
      const response = await call(`/requests${path ? `?path=${encodeURIComponent(path)}` : ''}`);
      return ((await response.json()) as { requests: ReceivedCall[] }).requests;
    },
  };
}
