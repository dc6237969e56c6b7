import { describe, expect, it } from 'vitest';
import { createWebhookReceiver, type ReceivedCall } from './webhook-receiver';

const post = (receiver: ReturnType<typeof createWebhookReceiver>, path: string, body: string, headers: Record<string, string> = {}) =>
  receiver.fetch(new Request(`http://127.0.0.1:8799${path}`, { method: 'POST', headers, body }));

const calls = async (receiver: ReturnType<typeof createWebhookReceiver>, path?: string) =>
  ((await (await receiver.fetch(new Request(`http://127.0.0.1:8799/__sim/requests${path ? `?path=${path}` : ''}`))).json()) as { requests: ReceivedCall[] })
    .requests;

describe('the webhook receiver', () => {
  it('records each call with its raw body and headers, by path, and answers 200', async () => {
    const receiver = createWebhookReceiver({ now: () => Date.parse('2026-12-06T05:00:00Z') });
    const body = '{"b":1,  "a":"x"}';
    expect((await post(receiver, '/one', body, { 'Leadgate-Signature': 't=1,v1=ab' })).status).toBe(200);
    expect((await post(receiver, '/two', '{}')).status).toBe(200);
    const [call] = await calls(receiver, '/one');
    expect(call).toMatchObject({ id: 1, time: '2026-12-06T05:00:00.000Z', method: 'POST', path: '/one', body, status: 200 });
    expect(call!.headers['leadgate-signature']).toBe('t=1,v1=ab');
    expect(await calls(receiver)).toHaveLength(2);
  });

  it('fails the next k calls with the status asked for, then answers 200 again; reset forgets everything', async () => {
    const receiver = createWebhookReceiver();
    const fail = await receiver.fetch(new Request('http://x/__sim/fail', { method: 'POST', body: JSON.stringify({ count: 2, status: 503 }) }));
    expect(fail.status).toBe(200);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(receiver, '/hook', '{}')).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect((await calls(receiver)).map((call) => call.status)).toEqual([503, 503, 200]);
    expect((await receiver.fetch(new Request('http://x/__sim/fail', { method: 'POST', body: '{"count":-1}' }))).status).toBe(400);
    await receiver.fetch(new Request('http://x/__sim/reset', { method: 'POST' }));
    expect(await calls(receiver)).toEqual([]);
  });
});
