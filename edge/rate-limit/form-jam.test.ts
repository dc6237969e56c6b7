import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../shared/api-error';
import { resetBindings } from '../test-migrations';
import { humanProof, perfectGymLead, postLead, request, sim } from '../test-support';

// test-jam (tests/test-forms.json): 3 per client a minute, 5 leads a minute for the whole form, 2 leads per form token an hour.
const FORM = 'test-jam';
const TENANT = 'demo-gym';

beforeEach(async () => {
  await resetBindings();
  await sim.reset();
});

/** 200 client addresses, a quarter of them IPv6 (each in a /64 of its own). */
const ADDRESSES = Array.from({ length: 200 }, (_, i) =>
  i % 4 === 3 ? `2001:db8:${i.toString(16)}:1::${i.toString(16)}` : `198.51.${Math.floor(i / 250)}.${i % 250}`,
);

function post(ip: string, body: string): Promise<Response> {
  return request(`/v1/forms/${FORM}/leads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:8800', 'CF-Connecting-IP': ip },
    body,
  });
}

/** What a jamming script sends: bodies that are not JSON, not a submission, carry forged tokens, or a lead the form refuses. */
async function junk(ip: string, kind: number): Promise<Response> {
  switch (kind % 4) {
    case 0:
      return post(ip, '{"lead": ');
    case 1:
      return post(ip, JSON.stringify({ nonsense: true }));
    case 2:
      return post(ip, JSON.stringify({ lead: perfectGymLead(), proof: { formToken: `v1.${Date.now() - 60_000}.${'A'.repeat(43)}` } }));
    default:
      return post(ip, JSON.stringify({ lead: perfectGymLead({ email: 'not an email' }), proof: await humanProof(FORM) }));
  }
}

/** Every junk request of every address at once, then what each was answered. */
async function jam(rounds: number): Promise<number[]> {
  // One refused lead first loads the form's rules into the cache, as the form's first visitor did long ago.
  expect((await junk('203.0.113.250', 3)).status).toBe(422);
  const requests = ADDRESSES.flatMap((ip, i) => Array.from({ length: rounds }, (_, round) => junk(ip, i + round)));
  return Promise.all(requests.map(async (r) => (await r).status));
}

const created = async () => (await sim.requests(TENANT)).filter((r) => r.endpoint === 'create').length;
const codeOf = async (response: Response) => ((await response.json()) as ApiErrorBody).error.code;

describe('a form nobody can jam', () => {
  it('accepts and delivers a real visitor’s lead while 200 addresses send junk at full speed', async () => {
    const visitor = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return postLead(FORM, perfectGymLead(), { 'CF-Connecting-IP': '203.0.113.77' });
    })();
    const [statuses, answer] = await Promise.all([jam(1), visitor]);
    expect(answer.status).toBe(201);
    // The junk got its 4xx, never a 5xx.
    expect(statuses.every((s) => s >= 400 && s < 500)).toBe(true);
    expect(await created()).toBe(1);
  }, 120_000);

  it('does not spend the form’s budget on junk: the form’s 5 a minute still go through after 200 addresses sent junk, and the sixth lead is refused', async () => {
    await jam(1);
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await postLead(FORM, perfectGymLead(), { 'CF-Connecting-IP': `203.0.113.${i + 1}` })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    expect(await created()).toBe(5);
  }, 120_000);

  it('keeps the per-client limit first: a fourth request from one address is refused even when well-formed', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await postLead(FORM, perfectGymLead(), { 'CF-Connecting-IP': '2001:db8:77:1::1' })).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    // The same /64, spelled another way.
    expect((await postLead(FORM, perfectGymLead(), { 'CF-Connecting-IP': '2001:0db8:0077:0001:ffff::9' })).status).toBe(429);
  });

  it('refuses a script re-using one form token past its leads per hour with 429 RATE_LIMITED, from any address', async () => {
    const proof = await humanProof(FORM);
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await postLead(FORM, perfectGymLead(), { 'CF-Connecting-IP': `192.0.2.${i + 1}` }, proof));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 429]);
    expect(await codeOf(answers[2]!)).toBe('RATE_LIMITED');
    // Two a hour: the next comes back in half an hour.
    expect(Number(answers[2]!.headers.get('Retry-After'))).toBeGreaterThan(1700);
    expect(await created()).toBe(2);
    // A fresh token (another page load) is not affected.
    expect((await postLead(FORM, perfectGymLead(), { 'CF-Connecting-IP': '192.0.2.9' })).status).toBe(201);
  });

  it('does not count a repeat of the same submission (same Idempotency-Key) against the token', async () => {
    const proof = await humanProof(FORM);
    const lead = perfectGymLead();
    const headers = { 'CF-Connecting-IP': '192.0.2.50', 'Idempotency-Key': crypto.randomUUID() };
    for (let i = 0; i < 3; i++) expect((await postLead(FORM, lead, headers, proof)).status).toBe(201);
    expect((await postLead(FORM, perfectGymLead(), { 'CF-Connecting-IP': '192.0.2.51' }, proof)).status).toBe(201);
  });
});
