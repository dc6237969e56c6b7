import { createExecutionContext, createMessageBatch, getQueueResult, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import type { AlertEvent } from '../../shared/admin-alerts';
import type { ApiErrorBody } from '../../shared/api-error';
import type { ReceivedCall } from '../../tests/simulators/webhook-receiver/webhook-receiver';
import { webhookReceiverClient } from '../../tests/stack/webhook-receiver-client';
import worker from '../../tests/worker/test-worker';
import { FormConfigError, parseFormsFile } from '../forms/parse-forms-file';
import { resetBindings } from '../test-migrations';
import { adminRequest, deliveryOf, eventually, perfectGymLead, postLead, sim } from '../test-support';
import type { AlertMessage } from './alert-queue';
import { ALERT_MAX_ATTEMPTS } from './send-alert';
import { VENDOR_DOWN_THRESHOLD } from './vendor-outage';
import { verifyWebhookSignature } from './webhook-signature';

const FORM = 'test-alerts';
const TENANT = 'demo-gym';
const receiver = webhookReceiverClient(inject('simulators')['webhook-receiver']);
const SECRET = env.TEST_ALERTS_SIGNING_SECRET;

beforeEach(async () => {
  await resetBindings();
  await sim.reset();
  await receiver.reset();
});

const encoder = new TextEncoder();

/**
 * The signature check as a receiver writes it from the README, independent of the Worker's
 * own code: HMAC-SHA256 of "<t>.<raw body>", hex, in `v1`.
 */
async function signedWith(call: ReceivedCall, secret: string): Promise<boolean> {
  const header = call.headers['leadgate-signature'] ?? '';
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return false;
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`${match[1]}.${call.body}`)));
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('') === match[2];
}

const eventOf = (call: ReceivedCall) => JSON.parse(call.body) as AlertEvent;

/** The calls at a webhook's path once `count` have come, after a pause in which no more may come. */
async function exactly(path: string, count: number, settleMs = 1500): Promise<ReceivedCall[]> {
  await eventually(async () => expect((await receiver.calls(path)).length).toBeGreaterThanOrEqual(count));
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const calls = await receiver.calls(path);
  expect(calls.map((call) => eventOf(call).type)).toHaveLength(count);
  return calls;
}

/** Nothing of a lead's personal data in any webhook body the receiver got. */
async function expectNoPersonalData(lead: ReturnType<typeof perfectGymLead>) {
  const bodies = (await receiver.calls()).map((call) => call.body).join('\n');
  expect(bodies.length).toBeGreaterThan(0);
  for (const value of [lead.email, lead.firstName, lead.lastName, lead.phone, '1234567']) expect(bodies).not.toContain(value);
}

async function accept(formId: string, key: string, lead = perfectGymLead()) {
  const response = await postLead(formId, lead, { 'Idempotency-Key': key });
  expect(response.status).toBe(202);
  return lead;
}

describe('alert webhooks', () => {
  it('sends a held lead once, signed, with ids and codes and no personal data', async () => {
    // A 400 naming no field: the vendor's setup is wrong, the lead is held for an operator.
    await sim.fault({ tenant: TENANT, endpoint: 'validate', mode: 'fail', status: 400, count: 1 });
    const lead = await accept(FORM, 'alert-held-0001');
    const [call] = await exactly('/test-alerts', 1);
    const event = eventOf(call!);
    expect(event).toEqual({
      id: expect.stringMatching(/^evt_[0-9a-f]{32}$/),
      type: 'lead.held',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      formId: FORM,
      vendor: 'perfectgym-next',
      deliveryId: 'alert-held-0001',
      status: 'held',
      errorCode: 'MALFORMED_REQUEST',
      reason: 'vendor_rejected',
      counts: { attempts: 1 },
    });
    expect(call!.headers['leadgate-event-id']).toBe(event.id);
    expect(call!.headers['content-type']).toBe('application/json');
    expect(await signedWith(call!, SECRET)).toBe(true);
    expect(await signedWith(call!, `${SECRET}x`)).toBe(false);
    expect(await signedWith({ ...call!, body: call!.body.replace('held', 'hold') }, SECRET)).toBe(false);
    await expectNoPersonalData(lead);
  });

  it('sends a dead letter once, as lead.dead_lettered (its two failures stay below the vendor.down threshold)', async () => {
    await sim.fault({ tenant: TENANT, endpoint: 'validate', mode: 'fail', status: 502 });
    const lead = await accept(FORM, 'alert-dead-0001');
    // The next attempt, by the consumer with a budget (0.36 s) its backoff overshoots: a dead letter.
    const batch = createMessageBatch('leadgate-deliveries', [{ id: 'm1', timestamp: new Date(), attempts: 1, body: { formId: FORM, id: 'alert-dead-0001' } }]);
    const ctx = createExecutionContext();
    await worker.queue(batch as MessageBatch<never>, { ...env, DELIVERY_BUDGET_HOURS: '0.0001' } as unknown as Env, ctx);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(['m1']);
    const [call] = await exactly('/test-alerts', 1);
    expect(eventOf(call!)).toMatchObject({
      type: 'lead.dead_lettered',
      formId: FORM,
      deliveryId: 'alert-dead-0001',
      status: 'failed',
      errorCode: 'status_502',
      reason: 'budget_exhausted',
      counts: { attempts: 2 },
    });
    expect(await signedWith(call!, SECRET)).toBe(true);
    expect((await deliveryOf(FORM, 'alert-dead-0001')).deadLetteredAt).not.toBeNull();
    await expectNoPersonalData(lead);
  });

  it('sends vendor.down once per outage when the threshold of failures within five minutes is passed', async () => {
    await sim.fault({ tenant: TENANT, endpoint: 'validate', mode: 'fail', status: 503 });
    // Each lead fails once now and again on every retry (1-2 s apart): far more failures than the threshold.
    for (let i = 1; i <= VENDOR_DOWN_THRESHOLD; i++) await accept(FORM, `alert-down-000${i}`);
    // Their retries keep failing for a few seconds more: still the one alert for this outage.
    const [call] = await exactly('/test-alerts', 1, 4000);
    expect(eventOf(call!)).toEqual({
      id: expect.stringMatching(/^evt_/),
      type: 'vendor.down',
      time: expect.any(String),
      formId: FORM,
      vendor: 'perfectgym-next',
      errorCode: 'status_503',
      // The failure that passed the threshold (a retry may race it to a count of 6).
      counts: { failures: expect.any(Number), windowSeconds: 300, threshold: VENDOR_DOWN_THRESHOLD },
    });
    expect(eventOf(call!).counts!.failures).toBeGreaterThanOrEqual(VENDOR_DOWN_THRESHOLD);
    expect(await signedWith(call!, SECRET)).toBe(true);
    const failures = (await sim.requests(TENANT)).filter((r) => r.endpoint === 'validate').length;
    expect(failures).toBeGreaterThan(VENDOR_DOWN_THRESHOLD);
  });

  it('sends only the events a form chose', async () => {
    await sim.fault({ tenant: TENANT, endpoint: 'validate', mode: 'fail', status: 400, count: 1 });
    await accept('test-alerts-vendor-down-only', 'alert-chosen-0001');
    await eventually(async () => expect((await deliveryOf('test-alerts-vendor-down-only', 'alert-chosen-0001')).deadLetteredAt).not.toBeNull());
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await receiver.calls()).toEqual([]);
  });

  it('retries a receiver that fails through the queue with backoff: the third attempt delivers the same event', async () => {
    await receiver.failNext(2);
    const answer = await adminRequest(`/forms/${FORM}/alerts/test`, { method: 'POST' });
    expect(answer.status).toBe(202);
    const { eventId } = (await answer.json()) as { eventId: string };
    const calls = await eventually(async () => {
      const calls = await receiver.calls('/test-alerts');
      expect(calls.map((call) => call.status)).toEqual([500, 500, 200]);
      return calls;
    });
    for (const call of calls) {
      expect(call.headers['leadgate-event-id']).toBe(eventId);
      expect(eventOf(call)).toMatchObject({ id: eventId, type: 'test', formId: FORM });
      expect(await signedWith(call, SECRET)).toBe(true);
    }
    // ALERT_RETRY_BASE_SECONDS is 1 in the tests: 1 s, then 2 s.
    const [first, second, third] = calls.map((call) => Date.parse(call.time));
    expect(second! - first!).toBeGreaterThanOrEqual(900);
    expect(third! - second!).toBeGreaterThanOrEqual(1900);
  });

  it('gives up after its last attempt, and never otherwise', async () => {
    const sent: { body: AlertMessage; delaySeconds?: number }[] = [];
    const capturing = { sendBatch: async (messages: typeof sent) => void sent.push(...messages) } as unknown as Queue;
    const event: AlertEvent = {
      id: 'evt_0123456789abcdef0123456789abcdef',
      type: 'test',
      time: new Date().toISOString(),
      formId: FORM,
      vendor: 'perfectgym-next',
    };
    const message = (attempt: number): AlertMessage => ({
      kind: 'alert',
      event,
      webhook: { scope: 'form', url: receiver.url('/bounded'), signingSecret: 'TEST_ALERTS_SIGNING_SECRET' },
      attempt,
    });
    await receiver.failNext(2);
    const batch = createMessageBatch('leadgate-deliveries', [
      { id: 'a1', timestamp: new Date(), attempts: 1, body: message(1) },
      { id: 'a8', timestamp: new Date(), attempts: 1, body: message(ALERT_MAX_ATTEMPTS) },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch as MessageBatch<never>, { ...env, DELIVERIES: capturing } as unknown as Env, ctx);
    expect((await getQueueResult(batch, ctx)).explicitAcks.sort()).toEqual(['a1', 'a8']);
    expect((await receiver.calls('/bounded')).map((call) => call.status)).toEqual([500, 500]);
    // Attempt 1 comes back in 1 s as attempt 2; the last attempt does not come back.
    expect(sent).toEqual([{ body: { ...message(1), attempt: 2 }, delaySeconds: 1 }]);
  });
});

describe('POST /v1/admin/forms/:formId/alerts/test', () => {
  it('queues a test event to the form’s webhook and audits it', async () => {
    const answer = await adminRequest(`/forms/${FORM}/alerts/test`, { method: 'POST' });
    const body = (await answer.json()) as { queued: boolean; eventId: string; webhooks: number };
    expect([answer.status, body]).toEqual([202, { queued: true, eventId: expect.stringMatching(/^evt_[0-9a-f]{32}$/), webhooks: 1 }]);
    const [call] = await exactly('/test-alerts', 1, 500);
    expect(eventOf(call!)).toEqual({ id: body.eventId, type: 'test', time: expect.any(String), formId: FORM, vendor: 'perfectgym-next' });
    expect(await signedWith(call!, SECRET)).toBe(true);
    const audit = (await (await adminRequest('/audit')).json()) as { entries: { action: string; formId: string; target: string }[] };
    expect(audit.entries).toContainEqual(expect.objectContaining({ action: 'alert_test', formId: FORM, target: `event:${body.eventId}` }));
  });

  it('answers 422 ALERTS_NOT_CONFIGURED for a form nobody listens to', async () => {
    const answer = await adminRequest('/forms/demo-perfectgym/alerts/test', { method: 'POST' });
    expect(answer.status).toBe(422);
    expect(((await answer.json()) as ApiErrorBody).error.code).toBe('ALERTS_NOT_CONFIGURED');
  });

  it('sends to the Worker-wide webhook (ALERT_WEBHOOK_URL), signed with ALERT_WEBHOOK_SECRET; an http URL elsewhere is refused', async () => {
    const testAlert = async (url: string) => {
      const ctx = createExecutionContext();
      const request = new Request('https://leadgate.test/v1/admin/forms/demo-perfectgym/alerts/test', {
        method: 'POST',
        headers: { Authorization: `Bearer ${(env as unknown as { LEADGATE_ADMIN_TOKEN: string }).LEADGATE_ADMIN_TOKEN}` },
      });
      const response = await worker.fetch(request, { ...env, ALERT_WEBHOOK_URL: url } as Env, ctx);
      await waitOnExecutionContext(ctx);
      return response;
    };
    expect((await testAlert(receiver.url('/worker-wide'))).status).toBe(202);
    const [call] = await exactly('/worker-wide', 1, 500);
    expect(await signedWith(call!, env.ALERT_WEBHOOK_SECRET)).toBe(true);
    expect(await signedWith(call!, SECRET)).toBe(false);
    expect((await testAlert('http://alerts.example.com/hook')).status).toBe(422);
  });
});

describe('the signature a receiver checks (verifyWebhookSignature, as in the README)', () => {
  it('accepts the Worker’s signature within five minutes, and refuses another secret, another body or an old timestamp', async () => {
    await adminRequest(`/forms/${FORM}/alerts/test`, { method: 'POST' });
    const [call] = await exactly('/test-alerts', 1, 0);
    const header = call!.headers['leadgate-signature']!;
    const t = Number(/t=(\d+)/.exec(header)![1]);
    expect(await verifyWebhookSignature(header, call!.body, SECRET, t + 299)).toBe(true);
    expect(await verifyWebhookSignature(header, call!.body, 'another-secret', t)).toBe(false);
    expect(await verifyWebhookSignature(header, `${call!.body} `, SECRET, t)).toBe(false);
    expect(await verifyWebhookSignature(header, call!.body, SECRET, t + 301)).toBe(false);
    expect(await verifyWebhookSignature(null, call!.body, SECRET, t)).toBe(false);
  });
});

describe('a form’s alerts config', () => {
  const form = (alerts: unknown) => ({
    forms: [
      {
        id: 'gym',
        vendor: 'perfectgym-next',
        connection: { baseUrl: 'https://gym.perfectgym.com/v1', apiKeySecret: 'PG_KEY' },
        allowedOrigins: ['https://www.gym.example'],
        defaultLocale: 'en',
        consent: { privacyPolicyUrl: 'https://www.gym.example/privacy' },
        alerts,
      },
    ],
  });
  const problems = (alerts: unknown) => {
    try {
      parseFormsFile(form(alerts));
      return '';
    } catch (error) {
      if (error instanceof FormConfigError) return error.message;
      throw error;
    }
  };

  it('takes an https webhook (or http to this machine) with the NAME of its signing secret', () => {
    expect(problems({ webhook: { url: 'https://alerts.gym.example/leadgate', signingSecret: 'GYM_ALERTS_KEY' }, events: ['vendor.down'] })).toBe('');
    expect(problems({ webhook: { url: 'http://127.0.0.1:8790/x', signingSecret: 'GYM_ALERTS_KEY' } })).toBe('');
  });

  it('names what is wrong: a plain-http URL elsewhere, a secret value, an unknown event', () => {
    expect(problems({ webhook: { url: 'http://alerts.gym.example/x', signingSecret: 'GYM_ALERTS_KEY' } })).toContain(
      'form "gym": alerts.webhook.url: must be an https:// URL',
    );
    expect(problems({ webhook: { url: 'https://u:p@alerts.gym.example/x', signingSecret: 'GYM_ALERTS_KEY' } })).toContain('alerts.webhook.url');
    expect(problems({ webhook: { url: 'https://alerts.gym.example/x', signingSecret: 'whsec_abc123' } })).toContain(
      'alerts.webhook.signingSecret: must be the NAME of a Worker secret',
    );
    expect(problems({ webhook: { url: 'https://alerts.gym.example/x', signingSecret: 'GYM_ALERTS_KEY' }, events: ['lead.hold'] })).toContain(
      'alerts.events.0: must be lead.held, lead.dead_lettered, vendor.down',
    );
    expect(problems({ webhook: { url: 'https://alerts.gym.example/x', secret: 'GYM_ALERTS_KEY' } })).toContain(
      'alerts.webhook.secret: is not a key here (known: url, signingSecret)',
    );
  });
});
