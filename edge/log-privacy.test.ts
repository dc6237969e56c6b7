import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetBindings } from './test-migrations';
import { perfectGymLead, postLead, request, secretValues, sim } from './test-support';

const FORM = 'demo-perfectgym';
const TENANT = 'demo-gym';

// Personal data no log line may hold, in every spelling a log could take it.
const PERSON = {
  firstName: 'Quirinus',
  lastName: 'Zwetschgenbaum',
  email: `quirinus.zw.${Date.now()}@example.org`,
  phone: '+49 170 5550199',
  note: 'My left knee hurts after squats',
};
const forbidden = [PERSON.firstName, PERSON.lastName, PERSON.email, PERSON.email.split('@')[0]!, '5550199', '170 5550199', 'knee hurts'];

let lines: string[] = [];

beforeEach(async () => {
  await resetBindings();
  await sim.reset();
  lines = [];
  for (const method of ['log', 'info', 'warn', 'error'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    });
  }
});

afterEach(() => {
  vi.restoreAllMocks();
});

const lead = (extra: Record<string, unknown> = {}) => perfectGymLead({ ...PERSON, ...extra });

describe("the Worker's logs", () => {
  it('are one JSON object per line, each request with its request id, form id and outcome code', async () => {
    await postLead(FORM, lead());
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = records.filter((r) => r.event === 'request');
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ level: 'info', formId: FORM, method: 'POST', route: '/v1/forms/:formId/leads', status: 201, outcome: 'delivered' });
    expect(requests[0]!.requestId).toMatch(/^[\w-]{8,}$/);
    expect(records.every((r) => typeof r.level === 'string' && typeof r.event === 'string')).toBe(true);
  });

  it('never hold a name, an email or a phone number, whatever becomes of the submission', async () => {
    await postLead(FORM, lead()); // delivered
    await postLead(FORM, lead({ email: 'taken@example.com' })); // the vendor knows this person
    await postLead(FORM, lead({ birthDate: '31.12.1990' })); // refused by our schema
    await postLead(FORM, lead({ lastName: `${PERSON.lastName}\u0000` })); // refused characters
    await postLead(FORM, lead(), {}, { formToken: 'v1.1.forged', trap: PERSON.email }); // the bot check
    await postLead(FORM, lead(), { Origin: 'https://evil.example' }); // a foreign origin
    await sim.fault({ tenant: TENANT, endpoint: 'validate', mode: 'validate-status', validateStatus: 'INVALID_LEAD_DATA', count: 1 });
    await postLead(FORM, lead()); // refused by the vendor, held for the operator
    await sim.fault({ tenant: TENANT, endpoint: 'create', mode: 'fail', status: 503, count: 1 });
    await postLead(FORM, lead({ email: `other.${PERSON.email}` })); // the vendor is down: stored and queued
    await request(`/v1/forms/${FORM}/leads`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:8800' },
      body: `{"lead":{"firstName":"${PERSON.firstName}","email":"${PERSON.email}"`, // a parser quoting its input
    });

    const outcomes = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((r) => r.event === 'request')
      .map((r) => r.outcome);
    expect(outcomes).toEqual([
      'delivered',
      'duplicate',
      'VALIDATION_FAILED',
      'VALIDATION_FAILED',
      'BOT_CHECK_FAILED',
      'ORIGIN_NOT_ALLOWED',
      'accepted',
      'accepted',
      'INVALID_JSON',
    ]);
    const leaks = lines.filter((line) => forbidden.some((value) => line.includes(value)));
    expect(leaks).toEqual([]);
    const secrets = secretValues();
    expect(secrets.length).toBeGreaterThan(2);
    expect(lines.filter((line) => secrets.some((secret) => line.includes(secret)))).toEqual([]);
  });
});
