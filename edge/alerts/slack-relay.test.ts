import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import relay from '../../docs/examples/slack-relay-worker';
import type { ReceivedCall } from '../../tests/simulators/webhook-receiver/webhook-receiver';
import { webhookReceiverClient } from '../../tests/stack/webhook-receiver-client';
import { resetBindings } from '../test-migrations';
import { adminRequest, eventually } from '../test-support';
import { signWebhook } from './webhook-signature';

const receiver = webhookReceiverClient(inject('simulators')['webhook-receiver']);
const SECRET = env.TEST_ALERTS_SIGNING_SECRET;
const relayEnv = (secret: string) => ({ LEADGATE_SIGNING_SECRET: secret, SLACK_WEBHOOK_URL: receiver.url('/slack') });

beforeEach(async () => {
  await resetBindings();
  await receiver.reset();
});

/** The Worker's real call to the test-alerts webhook, as the relay would receive it. */
async function realCall(): Promise<ReceivedCall> {
  expect((await adminRequest('/forms/test-alerts/alerts/test', { method: 'POST' })).status).toBe(202);
  return eventually(async () => {
    const [call] = await receiver.calls('/test-alerts');
    expect(call).toBeDefined();
    return call!;
  });
}

const asRequest = (call: ReceivedCall, headers: Record<string, string> = {}) =>
  new Request('https://relay.example/', { method: 'POST', headers: { ...call.headers, ...headers }, body: call.body });

describe('the README’s Slack relay Worker (docs/examples/slack-relay-worker.ts)', () => {
  it('checks the signature of a real alert and posts it to Slack', async () => {
    const call = await realCall();
    const answer = await relay.fetch(asRequest(call), relayEnv(SECRET));
    expect(answer.status).toBe(204);
    const [slack] = await receiver.calls('/slack');
    expect(JSON.parse(slack!.body)).toEqual({ text: '*test-alerts*: test alert: the webhook works' });
  });

  it('refuses another secret, a changed body and a signature older than five minutes, and posts nothing', async () => {
    const call = await realCall();
    expect((await relay.fetch(asRequest(call), relayEnv('not-the-secret'))).status).toBe(401);
    expect((await relay.fetch(new Request(asRequest(call), { body: call.body.replace('test-alerts', 'other-form') }), relayEnv(SECRET))).status).toBe(401);
    const old = await signWebhook(SECRET, Math.floor(Date.now() / 1000) - 301, call.body);
    expect((await relay.fetch(asRequest(call, { 'leadgate-signature': old }), relayEnv(SECRET))).status).toBe(401);
    expect(await receiver.calls('/slack')).toEqual([]);
  });
});
