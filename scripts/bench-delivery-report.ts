import * as v from 'valibot';
import type { DeliveryStatus } from '../shared/admin';
import { ApiErrorBodySchema } from '../shared/api-error';
import { type SubmissionResult, SubmissionResultSchema } from '../shared/submission';
import type { SimRequest } from '../tests/stack/simulator-client';
import type { BenchOptions } from './bench-delivery-options';

/** What one POST of the burst got back. */
export type PostAnswer =
  | {
      readonly kind: 'answered';
      readonly httpStatus: number;
      readonly latencyMs: number;
      /** The success's `status`, when the body is a SubmissionResult. */
      readonly result?: SubmissionResult['status'];
      /** The error's `code`, when the body is the Worker's error shape. */
      readonly errorCode?: string;
    }
  | { readonly kind: 'timeout' | 'network'; readonly latencyMs: number }
  | { readonly kind: 'not-sent' };

export interface BenchSubmission {
  readonly email: string;
  readonly answer: PostAnswer;
}

export interface MachineInfo {
  readonly platform: string;
  readonly cpuModel: string;
  readonly cpus: number;
  readonly totalMemoryBytes: number;
  readonly node: string;
}

export interface ReportInput {
  readonly startedAt: Date;
  readonly formId: string;
  readonly options: BenchOptions;
  readonly machine: MachineInfo;
  readonly submissions: readonly BenchSubmission[];
  readonly maxSendLagMs: number;
  /** The vendor simulator's stored leads for the form's tenant. */
  readonly vendorLeads: readonly unknown[];
  /** The vendor simulator's request log for the form's tenant. */
  readonly vendorRequests: readonly SimRequest[];
  /** The admin stats once drained (or at the drain timeout); null if never read. */
  readonly finalCounts: Partial<Record<DeliveryStatus, number>> | null;
  /** `performance.now()` readings; drainedAt is null when the drain timed out. */
  readonly timing: { readonly firstSentAt: number | null; readonly lastSentAt: number | null; readonly drainedAt: number | null };
}

/** The JSON written to bench/results/ and summarised on the terminal. */
export interface DeliveryBenchReport {
  readonly benchmark: 'delivery';
  readonly startedAt: string;
  readonly formId: string;
  readonly options: BenchOptions;
  readonly machine: MachineInfo;
  readonly sent: number;
  /** Due while `maxInFlight` requests were open, so never sent. */
  readonly notSentOnTime: number;
  readonly maxSendLagMs: number;
  /** 2xx answers by the body's status: delivered (201), accepted (202), duplicate (200). */
  readonly accepted: { readonly total: number; readonly delivered: number; readonly accepted: number; readonly duplicate: number };
  /** Everything else, by `<HTTP status> <error code>`, `timeout` or `network error`. */
  readonly errors: Readonly<Record<string, number>>;
  readonly latencyMs: { readonly p50: number | null; readonly p95: number | null; readonly p99: number | null; readonly max: number | null };
  readonly vendor: {
    /** Distinct bench emails among the vendor's stored leads. */
    readonly delivered: number;
    /** Stored leads beyond one per bench email. */
    readonly duplicates: number;
    /** Submissions answered 2xx whose email the vendor never stored. */
    readonly lost: number;
    /** Requests the vendor answered 429. */
    readonly rateLimited: number;
    /** Creates for a bench email the vendor refused as already known: the Worker sent a lead twice. */
    readonly duplicateRefusals: number;
    readonly requests: number;
  };
  /** Deliveries in `failed` once drained. */
  readonly deadLetters: number | null;
  readonly finalCounts: Partial<Record<DeliveryStatus, number>> | null;
  readonly drain: { readonly drained: boolean; readonly fromLastSendMs: number | null; readonly fromFirstSendMs: number | null };
  readonly passed: boolean;
  readonly failures: readonly string[];
}

/** The nearest-rank percentile (`p` from 0 to 100) of `values`; null when there are none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

/** A POST's answer from its status and body text, read with the shared schemas. */
export function readPostAnswer(httpStatus: number, text: string, latencyMs: number): PostAnswer {
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    return { kind: 'answered', httpStatus, latencyMs };
  }
  const success = v.safeParse(SubmissionResultSchema, body);
  if (success.success) return { kind: 'answered', httpStatus, latencyMs, result: success.output.status };
  const failure = v.safeParse(ApiErrorBodySchema, body);
  if (failure.success) return { kind: 'answered', httpStatus, latencyMs, errorCode: failure.output.error.code };
  return { kind: 'answered', httpStatus, latencyMs };
}

/**
 * The email of a lead the vendor simulator stored or was sent: PerfectGym
 * keeps it at `leadCustomer.email`, a flat lead at `email`.
 */
export function vendorLeadEmail(lead: unknown): string | undefined {
  const request = isRecord(lead) && isRecord(lead.request) ? lead.request : lead;
  if (!isRecord(request)) return undefined;
  const email = isRecord(request.leadCustomer) ? request.leadCustomer.email : request.email;
  return typeof email === 'string' ? email.trim().toLowerCase() : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isSuccess = (status: number) => status >= 200 && status <= 299;

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

export function buildReport(input: ReportInput): DeliveryBenchReport {
  const accepted = { total: 0, delivered: 0, accepted: 0, duplicate: 0 };
  const errors: Record<string, number> = {};
  const latencies: number[] = [];
  let notSentOnTime = 0;
  for (const { answer } of input.submissions) {
    if (answer.kind === 'not-sent') {
      notSentOnTime += 1;
      continue;
    }
    if (answer.kind !== 'answered') {
      increment(errors, answer.kind === 'timeout' ? 'timeout' : 'network error');
      continue;
    }
    latencies.push(answer.latencyMs);
    if (isSuccess(answer.httpStatus) && answer.result) {
      accepted.total += 1;
      accepted[answer.result] += 1;
    } else if (isSuccess(answer.httpStatus)) {
      increment(errors, `${answer.httpStatus} unreadable body`);
    } else {
      increment(errors, `${answer.httpStatus} ${answer.errorCode ?? 'no error code'}`);
    }
  }

  const benchEmails = new Set(input.submissions.map((s) => s.email.toLowerCase()));
  const storedPerEmail = new Map<string, number>();
  for (const lead of input.vendorLeads) {
    const email = vendorLeadEmail(lead);
    if (email !== undefined && benchEmails.has(email)) storedPerEmail.set(email, (storedPerEmail.get(email) ?? 0) + 1);
  }
  const duplicates = [...storedPerEmail.values()].reduce((sum, count) => sum + count - 1, 0);
  const lost = input.submissions.filter(
    (s) => s.answer.kind === 'answered' && isSuccess(s.answer.httpStatus) && !storedPerEmail.has(s.email.toLowerCase()),
  ).length;
  const duplicateRefusals = input.vendorRequests.filter((request) => {
    const email = vendorLeadEmail(request.body);
    return request.status === 409 && /\/leads\/create$/.test(request.path) && email !== undefined && benchEmails.has(email);
  }).length;

  const { firstSentAt, lastSentAt, drainedAt } = input.timing;
  const since = (from: number | null) => (drainedAt === null || from === null ? null : Math.round(drainedAt - from));
  const failures = [
    ...(lost > 0 ? [`${lost} lost: answered 2xx but never reached the vendor`] : []),
    ...(duplicates > 0 ? [`${duplicates} duplicate(s) at the vendor`] : []),
    ...(drainedAt === null ? [`the queue did not drain within ${input.options.drainTimeoutSeconds} s`] : []),
  ];
  const round = (value: number | null) => (value === null ? null : Math.round(value));
  return {
    benchmark: 'delivery',
    startedAt: input.startedAt.toISOString(),
    formId: input.formId,
    options: input.options,
    machine: input.machine,
    sent: input.submissions.length - notSentOnTime,
    notSentOnTime,
    maxSendLagMs: Math.round(input.maxSendLagMs),
    accepted,
    errors,
    latencyMs: {
      p50: round(percentile(latencies, 50)),
      p95: round(percentile(latencies, 95)),
      p99: round(percentile(latencies, 99)),
      max: round(percentile(latencies, 100)),
    },
    vendor: {
      delivered: storedPerEmail.size,
      duplicates,
      lost,
      rateLimited: input.vendorRequests.filter((request) => request.status === 429).length,
      duplicateRefusals,
      requests: input.vendorRequests.length,
    },
    deadLetters: input.finalCounts === null ? null : (input.finalCounts.failed ?? 0),
    finalCounts: input.finalCounts,
    drain: { drained: drainedAt !== null, fromLastSendMs: since(lastSentAt), fromFirstSendMs: since(firstSentAt) },
    passed: failures.length === 0,
    failures,
  };
}

const ms = (value: number | null) => (value === null ? '-' : `${value} ms`);
const seconds = (value: number | null) => (value === null ? '-' : `${(value / 1000).toFixed(1)} s`);
const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;

function lines(entries: readonly (readonly [string, string | number])[]): string {
  const width = Math.max(...entries.map(([key]) => key.length));
  return entries.map(([key, value]) => `${key.padEnd(width)}  ${value}`.trimEnd()).join('\n');
}

/** The report as the terminal shows it. */
export function formatReport(report: DeliveryBenchReport, file?: string): string {
  const { options, machine, accepted, vendor, latencyMs, drain } = report;
  const errorEntries = Object.entries(report.errors).sort(([, a], [, b]) => b - a);
  const errorTotal = errorEntries.reduce((sum, [, count]) => sum + count, 0);
  const body = lines([
    ['Sent', `${report.sent} (${report.notSentOnTime} not sent on time; sends at most ${report.maxSendLagMs} ms late)`],
    ['Accepted (2xx)', accepted.total],
    ['  delivered (201)', accepted.delivered],
    ['  accepted (202)', accepted.accepted],
    ['  duplicate (200)', accepted.duplicate],
    ['Errors', errorTotal],
    ...errorEntries.map(([key, count]): [string, number] => [`  ${key}`, count]),
    ['POST latency', `p50 ${ms(latencyMs.p50)}, p95 ${ms(latencyMs.p95)}, p99 ${ms(latencyMs.p99)}, max ${ms(latencyMs.max)}`],
    ['Vendor: delivered', `${vendor.delivered} distinct bench emails`],
    ['Vendor: duplicates', vendor.duplicates],
    ['Vendor: lost', vendor.lost],
    ['Vendor: 429 answers', vendor.rateLimited],
    ['Vendor: dup. refusals', `${vendor.duplicateRefusals} (creates refused as already known)`],
    ['Vendor: requests', vendor.requests],
    ['Dead letters', report.deadLetters ?? '-'],
    [
      'Drain',
      drain.drained
        ? `${seconds(drain.fromLastSendMs)} after the last send, ${seconds(drain.fromFirstSendMs)} after the first`
        : `not drained within ${options.drainTimeoutSeconds} s`,
    ],
  ]);
  const verdict = report.passed ? 'PASS' : `FAIL: ${report.failures.join('; ')}`;
  return [
    `Delivery benchmark, ${report.startedAt}: ${options.count} submissions over ${options.seconds} s to ${report.formId} (at most ${options.maxInFlight} in flight)`,
    `Lost answers: ${options.lostAnswersPct} % of creates stored by the vendor but answered only after the form's timeout`,
    `Machine: ${machine.cpuModel} x ${machine.cpus}, ${gib(machine.totalMemoryBytes)}, Node ${machine.node}, ${machine.platform}`,
    '',
    body,
    '',
    verdict,
    ...(file ? [`Report: ${file}`] : []),
    '',
  ].join('\n');
}

/** `delivery-2026-05-01T12-00-00Z.json`: the ISO time, with `-` for `:` so every file system takes it. */
export function reportFileName(startedAt: Date): string {
  return `delivery-${startedAt.toISOString().slice(0, 19).replace(/:/g, '-')}Z.json`;
}
