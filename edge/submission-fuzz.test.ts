import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../shared/error-codes';
import type { FieldSpec, FormSpec } from '../shared/form-spec';
import { unhandled } from '../shared/unhandled';
import { resetBindings } from './test-migrations';
import { humanProof, request, sim } from './test-support';

const FORM = 'demo-perfectgym';
const TENANT = 'demo-gym';
/** Cases per property. */
const RUNS = { raw: 400, shaped: 300, spec: 100 } as const;
// Each case is a real request through the Worker (and, for a valid lead, the vendor simulator).
const TIMEOUT = 240_000;

let spec: FormSpec;

beforeAll(async () => {
  await resetBindings();
  await sim.reset();
  spec = (await (await request(`/v1/forms/${FORM}`)).json()) as FormSpec;
});

/** Text as attackers and broken clients send it: any code points, controls, markup, huge strings. */
const nastyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '<script>alert(1)</script>',
    "'; DROP TABLE deliveries;--",
    '\u0000',
    '\u202E',
    '\uD800',
    '{{7*7}}',
    '__proto__',
    'constructor',
    'x'.repeat(5000),
  ),
);
const anyValue = fc.oneof(
  nastyText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(nastyText, { maxLength: 3 }),
  fc.dictionary(nastyText, nastyText, { maxKeys: 3 }),
);

const word = fc.stringMatching(/^[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ' -]{0,18}[a-zß]$/);

/** A value the form's schema takes for the field, where one can be made without knowing the vendor. */
function validValue(field: FieldSpec): fc.Arbitrary<unknown> | undefined {
  const options = (field.options ?? []).map((o) => o.value);
  switch (field.type) {
    case 'text':
    case 'textarea':
      return word;
    case 'email':
      return fc.stringMatching(/^[a-z]{3,10}\.[a-z0-9]{3,8}@example\.(com|org)$/);
    case 'tel':
      return fc.constantFrom('+49 30 1234567', '030/1234567', '+44 20 7946 0958');
    case 'date':
      return fc.constant(field.range === 'past' ? '1990-05-17' : '2031-01-15');
    case 'integer':
      return fc.integer({ min: 0, max: 99 }).map(String);
    case 'yes-no':
      return fc.boolean();
    case 'consent':
      return field.required ? fc.constant(true) : fc.boolean();
    case 'select':
    case 'country':
      return options.length ? fc.constantFrom(...options) : undefined;
    case 'multiselect':
      return fc.subarray(options);
    case 'url':
      return fc.constantFrom('https://www.example.com', 'http://gym.example.org/about?x=1');
    // The consent matrix is left out: an empty one is a valid answer.
    case 'channels':
      return undefined;
    default:
      return unhandled(field.type);
  }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const [head, rest] = [path.split('.')[0]!, path.split('.').slice(1).join('.')];
  if (!rest) target[head] = value;
  else setPath((target[head] ??= {}) as Record<string, unknown>, rest, value);
}

/**
 * A lead the form takes (its required fields and some optional ones outside
 * groups), then, three times in four, one change: a field set to anything at
 * all, or a key the form does not have.
 */
const shapedLead = () => {
  const fields = spec.fields.filter((f) => validValue(f) !== undefined && (f.required || !f.name.includes('.') || f.name.startsWith('custom.')));
  return fc
    .tuple(
      fc.tuple(...fields.map((f) => (f.required ? validValue(f)! : fc.option(validValue(f)!, { nil: undefined })))),
      fc.oneof(
        { weight: 1, arbitrary: fc.constant(undefined) },
        { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...spec.fields.map((f) => f.name)), anyValue) },
        {
          weight: 1,
          arbitrary: fc.tuple(
            nastyText.filter((k) => !spec.fields.some((f) => f.name.split('.')[0] === k)),
            anyValue,
          ),
        },
      ),
    )
    .map(([values, change]) => {
      const lead: Record<string, unknown> = {};
      fields.forEach((field, i) => {
        if (values[i] !== undefined) setPath(lead, field.name, values[i]);
      });
      if (change) {
        const [name, value] = change;
        if (name.includes('.') && spec.fields.some((f) => f.name === name)) setPath(lead, name, value);
        else lead[name] = value;
      }
      return lead;
    });
};

const ALLOWED = 'http://localhost:8800';
let counts = { success: 0, delivered: 0, duplicate: 0 };

async function post(body: string, headers: Record<string, string>): Promise<Response> {
  const response = await request(`/v1/forms/${FORM}/leads`, { method: 'POST', headers, body });
  expect(response.status, await response.clone().text()).toBeLessThan(500);
  if (response.status >= 400) {
    const error = ((await response.json()) as { error?: { code?: string } }).error;
    expect(Object.keys(ERROR_CODES)).toContain(error?.code);
  } else {
    counts.success++;
    if (response.status === 201) counts.delivered++;
    if (response.status === 200) counts.duplicate++;
  }
  return response;
}

/** Every vendor call must belong to a submission we answered with success: nothing invalid was forwarded. */
async function expectOnlyValidForwarded(): Promise<void> {
  const calls = await sim.requests(TENANT);
  const validates = calls.filter((r) => r.endpoint === 'validate').length;
  const creates = calls.filter((r) => r.endpoint === 'create').length;
  expect(creates).toBe(counts.delivered);
  expect(validates).toBe(counts.delivered + counts.duplicate);
}

describe('fuzzing POST /v1/forms/:formId/leads', () => {
  it(
    'never answers 5xx or an unknown code to arbitrary bodies and headers, and forwards none of them',
    async () => {
      counts = { success: 0, delivered: 0, duplicate: 0 };
      await sim.clearRequests();
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.json(),
            fc.string({ unit: 'binary', maxLength: 300 }),
            fc.jsonValue().map((lead) => JSON.stringify({ lead })),
          ),
          fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'multipart/form-data', ''),
          fc.option(fc.string({ maxLength: 140 }), { nil: undefined }),
          async (body, contentType, key) => {
            await post(body, { 'Content-Type': contentType, Origin: ALLOWED, ...(key === undefined ? {} : { 'Idempotency-Key': key }) });
          },
        ),
        { numRuns: RUNS.raw },
      );
      await expectOnlyValidForwarded();
    },
    TIMEOUT,
  );

  it(
    "keeps to the schema for leads shaped like the form's own: valid ones arrive, the rest never reach the vendor",
    async () => {
      counts = { success: 0, delivered: 0, duplicate: 0 };
      await sim.clearRequests();
      await fc.assert(
        fc.asyncProperty(shapedLead(), fc.boolean(), async (lead, withProof) => {
          // A proof per case, as each visitor's page load has one: a single form token's leads per hour are bounded.
          await post(JSON.stringify(withProof ? { lead, proof: await humanProof(FORM) } : { lead }), {
            'Content-Type': 'application/json',
            Origin: ALLOWED,
            'Idempotency-Key': crypto.randomUUID(),
          });
        }),
        { numRuns: RUNS.shaped },
      );
      await expectOnlyValidForwarded();
      // The generator is worth its name only if both kinds of case came up.
      expect(counts.success).toBeGreaterThan(RUNS.shaped / 10);
      expect(counts.success).toBeLessThan(RUNS.shaped);
    },
    TIMEOUT,
  );

  it(
    'answers GET /v1/forms/:formId with 200 or 404 for any id and locale',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.string({ maxLength: 70 }), fc.constantFrom(FORM, 'demo-crm')), fc.string({ maxLength: 20 }), async (id, locale) => {
          const response = await request(`/v1/forms/${encodeURIComponent(id)}?locale=${encodeURIComponent(locale)}`);
          expect([200, 404]).toContain(response.status);
        }),
        { numRuns: RUNS.spec },
      );
    },
    TIMEOUT,
  );
});
