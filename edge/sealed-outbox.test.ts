import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../shared/api-error';
import type { FormSpec } from '../shared/form-spec';
import { type OutboxKey, type SealedContent, sealForWorker, toBase64url } from '../shared/outbox-seal';
import { resetBindings } from './test-migrations';
import { adminRequest, humanProof, perfectGymLead, postLead, request, sim } from './test-support';

const FORM = 'demo-perfectgym';
const TENANT = 'demo-gym';

beforeEach(async () => {
  await resetBindings();
  await sim.reset();
});

const codeOf = async (response: Response) => ((await response.json()) as ApiErrorBody).error.code;

/** The key the form spec publishes, as the widget reads it. */
async function publishedKey(): Promise<OutboxKey> {
  const spec = (await (await request(`/v1/forms/${FORM}`, { headers: { Origin: 'http://localhost:8800' } })).json()) as FormSpec;
  expect(spec.outbox).toMatchObject({ keyId: 'o1' });
  return spec.outbox!;
}

/** A resend of an outbox entry, as the widget sends it: the sealed copy and fresh proof, under the first attempt's key. */
async function resend(key: string, sealed: string): Promise<Response> {
  return request(`/v1/forms/${FORM}/leads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:8800', 'Idempotency-Key': key },
    body: JSON.stringify({ sealed, proof: await humanProof(FORM) }),
  });
}

const seal = async (key: string, content: SealedContent, to?: OutboxKey) => sealForWorker(to ?? (await publishedKey()), FORM, key, content);

async function leadsFor(email: string): Promise<number> {
  const leads = (await sim.leads(TENANT)) as { request: { leadCustomer: { email?: string } } }[];
  return leads.filter((l) => l.request.leadCustomer.email === email).length;
}

describe('the sealed outbox', () => {
  it('publishes an uncompressed P-256 point under the first key id of LEADGATE_OUTBOX_KEYS', async () => {
    const key = await publishedKey();
    const point = Uint8Array.from(atob(key.publicKey.replace(/-/g, '+').replace(/_/g, '/')), (ch) => ch.charCodeAt(0));
    expect(point.length).toBe(65);
    expect(point[0]).toBe(4);
  });

  it('opens a sealed resend and delivers it once, like the same lead sent in clear', async () => {
    const lead = perfectGymLead();
    const sealed = await seal('sealed-once-0001', { savedAt: Date.now(), lead });
    const first = await resend('sealed-once-0001', sealed);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ status: 'delivered', submissionId: 'sealed-once-0001' });
    const again = await resend('sealed-once-0001', sealed);
    expect(again.status).toBeLessThan(300);
    expect(((await again.json()) as { submissionId: string }).submissionId).toBe('sealed-once-0001');
    expect(await leadsFor(lead.email)).toBe(1);
  });

  it('takes a sealed resend of a lead first sent in clear as the same submission', async () => {
    const lead = perfectGymLead();
    expect((await postLead(FORM, lead, { 'Idempotency-Key': 'sealed-clear-0001' })).status).toBe(201);
    const again = await resend('sealed-clear-0001', await seal('sealed-clear-0001', { savedAt: Date.now(), lead }));
    expect(again.status).toBeLessThan(300);
    expect(await leadsFor(lead.email)).toBe(1);
  });

  it('checks the opened lead like a fresh one', async () => {
    const sealed = await seal('sealed-invalid-01', { savedAt: Date.now(), lead: perfectGymLead({ email: 'not an address' }) });
    const response = await resend('sealed-invalid-01', sealed);
    expect(response.status).toBe(422);
    expect(await codeOf(response)).toBe('VALIDATION_FAILED');
  });

  it.each([
    ['altered', async () => (await seal('sealed-bad-00001', { savedAt: Date.now(), lead: perfectGymLead() })).replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A'))],
    ['sealed for another submission', () => seal('sealed-other-0001', { savedAt: Date.now(), lead: perfectGymLead() })],
    [
      'sealed with another key under the published id',
      async () => {
        const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as CryptoKeyPair;
        const publicKey = toBase64url(new Uint8Array((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer));
        return seal('sealed-bad-00001', { savedAt: Date.now(), lead: perfectGymLead() }, { keyId: 'o1', publicKey });
      },
    ],
    [
      'under a key id the Worker does not list',
      async () => (await seal('sealed-bad-00001', { savedAt: Date.now(), lead: perfectGymLead() })).replace(/^lgo1\.o1\./, 'lgo1.o9.'),
    ],
    ['not a sealed copy at all', async () => 'lgo1.o1.garbage'],
  ])('refuses a sealed copy that does not open (%s) with 400 INVALID_REQUEST', async (_, make) => {
    const response = await resend('sealed-bad-00001', await make());
    expect(response.status).toBe(400);
    expect(await codeOf(response)).toBe('INVALID_REQUEST');
    expect(await sim.leads(TENANT)).toEqual([]);
  });

  it('refuses with 410 SUBMISSION_ERASED a sealed copy saved before its person was erased', async () => {
    const lead = perfectGymLead();
    const sealed = await seal('sealed-erased-01', { savedAt: Date.now() - 60_000, lead });
    // The person is erased (by e-mail) while their copy waits on a device; the first send never arrived.
    const erased = await adminRequest(`/forms/${FORM}/erase`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: lead.email }),
    });
    expect(erased.status).toBe(200);
    const response = await resend('sealed-erased-01', sealed);
    expect(response.status).toBe(410);
    expect(await codeOf(response)).toBe('SUBMISSION_ERASED');
    expect(await leadsFor(lead.email)).toBe(0);
  });

  it('delivers a sealed copy saved after the erasure: the person came back', async () => {
    const lead = perfectGymLead();
    await adminRequest(`/forms/${FORM}/erase`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: lead.email }),
    });
    // A device clock ahead of the Worker's counts as now, which is still after the erasure.
    const later = await resend('sealed-later-001', await seal('sealed-later-001', { savedAt: Date.now() + 365 * 86_400_000, lead }));
    expect(later.status).toBe(201);
    expect(await leadsFor(lead.email)).toBe(1);
  });
});
