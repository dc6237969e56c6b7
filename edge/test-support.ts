import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { inject } from 'vitest';
import type { DeliveryDetail } from '../shared/admin';
import type { Proof } from '../shared/submission';
import { simulatorClient, turnstileToken } from '../tests/stack/simulator-client';
import { TEST_FORMS } from '../tests/worker/test-forms';
import worker from '../tests/worker/test-worker';
import { FORM_TOKEN_SECRET, issueFormToken } from './bot-check/form-token';

/** The vendor simulators the Worker under test talks to over real HTTP. */
export const sim = simulatorClient(inject('simulators')['perfectgym-next']);

/** A request into the Worker under test, as a browser on an allowed origin would send it. */
export function request(path: string, init: RequestInit = {}): Promise<Response> {
  // The Worker's default export, run in this isolate by vitest-pool-workers.
  const worker = (exports as unknown as { default: Fetcher }).default;
  return worker.fetch(new Request(`https://leadgate.test${path}`, init));
}

/** A request to the operator API with the Worker's admin token. */
export function adminRequest(path: string, init: RequestInit = {}): Promise<Response> {
  const token = (env as unknown as { LEADGATE_ADMIN_TOKEN: string }).LEADGATE_ADMIN_TOKEN;
  return request(`/v1/admin${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, ...init.headers } });
}

/** One delivery as the operator API shows it. */
export async function deliveryOf(formId: string, id: string): Promise<DeliveryDetail['delivery']> {
  const response = await adminRequest(`/forms/${formId}/deliveries/${id}`);
  if (response.status !== 200) throw new Error(`delivery ${id}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as DeliveryDetail).delivery;
}

/**
 * The bot check's evidence a person's browser sends: a form token this Worker
 * issued a minute ago (long past the minimum fill time), nothing in the trap,
 * and for a form with Turnstile a token its challenge handed out on the host page.
 */
// Each proof a token of its own (issued a millisecond apart), as each visitor's page load has: a token's leads per hour are bounded.
let proofsIssued = 0;

export async function humanProof(formId: string, extra: Partial<Proof> = {}): Promise<Proof> {
  const secret = (env as unknown as Record<string, string>)[FORM_TOKEN_SECRET]!;
  const turnstile = (await TEST_FORMS.find(formId))?.botCheck.turnstile;
  return {
    formToken: await issueFormToken(secret, formId, Date.now() - 60_000 - (proofsIssued++ % 60_000)),
    ...(turnstile ? { turnstile: await turnstileToken(inject('simulators').turnstile, turnstile.siteKey) } : {}),
    ...extra,
  };
}

/** A submission as the widget on an allowed origin sends it, with a person's proof unless `proof` says otherwise. */
export async function postLead(formId: string, lead: unknown, headers: Record<string, string> = {}, proof?: Proof | null): Promise<Response> {
  const evidence = proof === undefined ? await humanProof(formId) : proof;
  return request(`/v1/forms/${formId}/leads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:8800', ...headers },
    body: JSON.stringify(evidence === null ? { lead } : { lead, proof: evidence }),
  });
}

/**
 * A submission as postLead sends it, to the test Worker with some of its
 * bindings or vars replaced (a queue that refuses messages, another budget),
 * as wrangler.toml or an outage would set them.
 */
export async function postLeadWith(
  bindings: Partial<Record<keyof Env, unknown>>,
  formId: string,
  lead: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  const request = new Request(`https://leadgate.test/v1/forms/${formId}/leads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:8800', ...headers },
    body: JSON.stringify({ lead, proof: await humanProof(formId) }),
  });
  const ctx = createExecutionContext();
  const response = await worker.fetch(request, { ...env, ...bindings } as Env, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

/** A queue in an outage: every send throws, as Cloudflare Queues' `send` does when it cannot take a message. */
export function refusingQueue(): Queue<never> & { readonly refused: number } {
  let refused = 0;
  const refuse = async (): Promise<never> => {
    refused += 1;
    throw new Error('Queue send failed: service unavailable');
  };
  return {
    get refused() {
      return refused;
    },
    send: refuse,
    sendBatch: refuse,
    metrics: refuse,
  };
}

/** Every secret value the Worker holds, to prove none of them leaks. */
export function secretValues(): string[] {
  return Object.entries(env as unknown as Record<string, unknown>)
    .filter(([name, value]) => /_KEY$|SECRET|TOKEN|PASSWORD|_CLIENT_ID$/.test(name) && typeof value === 'string')
    .map(([, value]) => value as string);
}

let counter = 0;
/** A lead the demo-perfectgym form accepts, with a unique email. */
export function perfectGymLead(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    firstName: 'Max',
    lastName: 'Mustermann',
    email: `max.${Date.now()}.${counter}@example.com`,
    phone: '+49 30 1234567',
    custom: { '1246357243': false },
    consent: { privacy: true },
    ...overrides,
  };
}

/** Polls until `check` stops throwing: the queue retries in its own time. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
