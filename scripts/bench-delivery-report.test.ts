import { describe, expect, it } from 'vitest';
import type { SimRequest } from '../tests/stack/simulator-client';
import { DEFAULT_BENCH_OPTIONS } from './bench-delivery-options';
import {
  type BenchSubmission,
  buildReport,
  formatReport,
  percentile,
  type ReportInput,
  readPostAnswer,
  reportFileName,
  vendorLeadEmail,
} from './bench-delivery-report';

const machine = { platform: 'linux 6.1.0 x64', cpuModel: 'Test CPU @ 3.00GHz', cpus: 8, totalMemoryBytes: 16 * 1024 ** 3, node: 'v20.20.2' };

/** A lead as the PerfectGym simulator stores it. */
const stored = (email: string) => ({ id: 1, request: { leadCustomer: { email, firstName: 'Max' } } });

const answered = (httpStatus: number, extra: { result?: 'delivered' | 'accepted' | 'duplicate'; errorCode?: string } = {}, latencyMs = 10) =>
  ({ kind: 'answered', httpStatus, latencyMs, ...extra }) as const;

function vendorRequest(path: string, status: number, body?: unknown): SimRequest {
  return { time: '2026-05-01T12:00:00.000Z', method: 'POST', path, status, headers: {}, body };
}

function input(overrides: Partial<ReportInput> = {}): ReportInput {
  const submissions: BenchSubmission[] = [
    { email: 'bench.r.0@example.com', answer: answered(201, { result: 'delivered' }, 10) },
    { email: 'bench.r.1@example.com', answer: answered(202, { result: 'accepted' }, 20) },
    { email: 'bench.r.2@example.com', answer: answered(200, { result: 'duplicate' }, 30) },
    { email: 'bench.r.3@example.com', answer: answered(503, { errorCode: 'VENDOR_UNAVAILABLE' }, 40) },
    { email: 'bench.r.4@example.com', answer: { kind: 'timeout', latencyMs: 30_000 } },
    { email: 'bench.r.5@example.com', answer: { kind: 'not-sent' } },
  ];
  return {
    startedAt: new Date('2026-05-01T12:00:00.123Z'),
    formId: 'demo-perfectgym',
    options: DEFAULT_BENCH_OPTIONS,
    machine,
    submissions,
    maxSendLagMs: 3.4,
    vendorLeads: [stored('bench.r.0@example.com'), stored('BENCH.r.1@example.com'), stored('bench.r.2@example.com'), stored('someone@else.com')],
    vendorRequests: [
      vendorRequest('/demo-gym/v1/leads/create', 429),
      vendorRequest('/demo-gym/v1/leads/validate', 429),
      vendorRequest('/demo-gym/v1/leads/create', 200, { leadCustomer: { email: 'bench.r.0@example.com' } }),
    ],
    finalCounts: { delivered: 2, duplicate: 1, failed: 1 },
    timing: { firstSentAt: 1000, lastSentAt: 61_000, drainedAt: 91_500 },
    ...overrides,
  };
}

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2, 3], 0)).toBe(1);
  });

  it('is null without values', () => {
    expect(percentile([], 50)).toBeNull();
  });
});

describe('readPostAnswer', () => {
  it('reads the result of a success and the code of an error', () => {
    expect(readPostAnswer(201, '{"status":"delivered","submissionId":"k"}', 5)).toEqual({
      kind: 'answered',
      httpStatus: 201,
      latencyMs: 5,
      result: 'delivered',
    });
    expect(readPostAnswer(503, '{"error":{"code":"VENDOR_UNAVAILABLE","message":"down"}}', 5)).toEqual({
      kind: 'answered',
      httpStatus: 503,
      latencyMs: 5,
      errorCode: 'VENDOR_UNAVAILABLE',
    });
  });

  it('keeps only the status of a body it cannot read', () => {
    expect(readPostAnswer(502, '<html>Bad gateway</html>', 5)).toEqual({ kind: 'answered', httpStatus: 502, latencyMs: 5 });
    expect(readPostAnswer(200, '{"ok":true}', 5)).toEqual({ kind: 'answered', httpStatus: 200, latencyMs: 5 });
  });
});

describe('vendorLeadEmail', () => {
  it('reads a stored PerfectGym lead, a logged request body and a flat lead, in lower case', () => {
    expect(vendorLeadEmail(stored('Max@Example.com'))).toBe('max@example.com');
    expect(vendorLeadEmail({ leadCustomer: { email: 'a@example.com' } })).toBe('a@example.com');
    expect(vendorLeadEmail({ request: { email: 'b@example.com' } })).toBe('b@example.com');
    expect(vendorLeadEmail({ request: {} })).toBeUndefined();
    expect(vendorLeadEmail('text')).toBeUndefined();
  });
});

describe('buildReport', () => {
  it('counts answers by kind, errors by status and code, and what reached the vendor', () => {
    const report = buildReport(input());
    expect(report.sent).toBe(5);
    expect(report.notSentOnTime).toBe(1);
    expect(report.maxSendLagMs).toBe(3);
    expect(report.accepted).toEqual({ total: 3, delivered: 1, accepted: 1, duplicate: 1 });
    expect(report.errors).toEqual({ '503 VENDOR_UNAVAILABLE': 1, timeout: 1 });
    expect(report.latencyMs).toEqual({ p50: 20, p95: 40, p99: 40, max: 40 });
    expect(report.vendor).toEqual({ delivered: 3, duplicates: 0, lost: 0, rateLimited: 2, duplicateRefusals: 0, requests: 3 });
    expect(report.deadLetters).toBe(1);
    expect(report.drain).toEqual({ drained: true, fromLastSendMs: 30_500, fromFirstSendMs: 90_500 });
    expect(report.startedAt).toBe('2026-05-01T12:00:00.123Z');
    expect(report.passed).toBe(true);
    expect(report.failures).toEqual([]);
  });

  it('fails on a 2xx submission the vendor never got, and on a second lead for one email', () => {
    const report = buildReport(
      input({
        vendorLeads: [stored('bench.r.0@example.com'), stored('bench.r.0@example.com'), stored('bench.r.2@example.com')],
      }),
    );
    expect(report.vendor.lost).toBe(1);
    expect(report.vendor.duplicates).toBe(1);
    expect(report.vendor.delivered).toBe(2);
    expect(report.passed).toBe(false);
    expect(report.failures).toEqual(['1 lost: answered 2xx but never reached the vendor', '1 duplicate(s) at the vendor']);
  });

  it('counts a create the vendor refused as already known for a bench email', () => {
    const refused = vendorRequest('/demo-gym/v1/leads/create', 409, { leadCustomer: { email: 'bench.r.1@example.com' } });
    const other = vendorRequest('/demo-gym/v1/leads/create', 409, { leadCustomer: { email: 'someone@else.com' } });
    expect(buildReport(input({ vendorRequests: [refused, other] })).vendor.duplicateRefusals).toBe(1);
  });

  it('fails and has no drain times when the queue did not drain', () => {
    const report = buildReport(input({ timing: { firstSentAt: 1000, lastSentAt: 61_000, drainedAt: null } }));
    expect(report.drain).toEqual({ drained: false, fromLastSendMs: null, fromFirstSendMs: null });
    expect(report.failures).toEqual(['the queue did not drain within 900 s']);
  });

  it('counts a 2xx without a readable result as an error', () => {
    const report = buildReport(input({ submissions: [{ email: 'bench.r.0@example.com', answer: answered(200) }] }));
    expect(report.errors).toEqual({ '200 unreadable body': 1 });
    expect(report.accepted.total).toBe(0);
  });
});

describe('formatReport', () => {
  it('summarises the run on the terminal', () => {
    const text = formatReport(buildReport(input()), 'bench/results/delivery-2026-05-01T12-00-00Z.json');
    expect(text).toContain('Delivery benchmark, 2026-05-01T12:00:00.123Z: 2000 submissions over 60 s to demo-perfectgym (at most 256 in flight)');
    expect(text).toContain('Machine: Test CPU @ 3.00GHz x 8, 16.0 GiB, Node v20.20.2, linux 6.1.0 x64');
    expect(text).toMatch(/^Accepted \(2xx\) +3$/m);
    expect(text).toMatch(/^ {2}delivered \(201\) +1$/m);
    expect(text).toMatch(/^ {2}503 VENDOR_UNAVAILABLE +1$/m);
    expect(text).toMatch(/^POST latency +p50 20 ms, p95 40 ms, p99 40 ms, max 40 ms$/m);
    expect(text).toMatch(/^Vendor: 429 answers +2$/m);
    expect(text).toMatch(/^Drain +30\.5 s after the last send, 90\.5 s after the first$/m);
    expect(text).toContain('\nPASS\nReport: bench/results/delivery-2026-05-01T12-00-00Z.json\n');
  });

  it('names every failure', () => {
    const text = formatReport(buildReport(input({ vendorLeads: [] })));
    expect(text).toContain('FAIL: 3 lost: answered 2xx but never reached the vendor');
  });
});

describe('reportFileName', () => {
  it('is the ISO start time to the second, with - for :', () => {
    expect(reportFileName(new Date('2026-05-01T12:03:04.567Z'))).toBe('delivery-2026-05-01T12-03-04Z.json');
  });
});
