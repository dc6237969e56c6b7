import { FORM_TOKEN_SECRET, issueFormToken } from '../edge/bot-check/form-token';
import { demoLead } from '../tests/stack/post-demo-lead';
import type { SimulatorClient } from '../tests/stack/simulator-client';
import { type LoadAnswer, runForDuration, windowStats } from './bench-closed-loop';
import { ownCpuMs, type WorkerRuntime, workerCpuReader } from './bench-process-cpu';
import { type LatencySummary, summarizeLatencies } from './bench-stats';
import { type ProfileSummary, profileModuleReader, summarizeProfile, type WorkerProfiler } from './bench-worker-profile';

/** The form and vendor tenant the edge benchmark posts to: demo-gym's rules, a limit no run reaches. */
export const EDGE_FORM_ID = 'bench-perfectgym';
export const EDGE_TENANT = 'bench-gym';

export const EDGE_ROUTES = ['passthrough', 'real'] as const;
export type EdgeRoute = (typeof EDGE_ROUTES)[number];

/** The path each route takes a lead on: Leadgate's own, and the bare passthrough it is measured against. */
export function edgeRoutePath(route: EdgeRoute, formId = EDGE_FORM_ID): string {
  return route === 'real' ? `/v1/forms/${formId}/leads` : `/v1/bench/passthrough/forms/${formId}/leads`;
}

export interface CpuPerRequest {
  readonly worker: number;
  readonly devProxy: number;
  readonly wrangler: number;
  readonly benchProcess: number;
}

/** One closed-loop run of one route at one concurrency. */
export interface EdgeRun {
  readonly round: number;
  readonly route: EdgeRoute;
  readonly concurrency: number;
  readonly completed: number;
  readonly requestsPerSecond: number;
  readonly latencyMs: LatencySummary;
  readonly answers: Readonly<Record<string, number>>;
  readonly errors: number;
  /**
   * CPU ms per request over the whole run (warm-up included), by process: the Worker's
   * workerd, wrangler's dev proxy, wrangler's Node (under Miniflare: no proxy, and the
   * Miniflare host's Node), and this one (load generator and simulators); see WorkerCpu.
   * Null where /proc cannot be read.
   */
  readonly cpuMsPerRequest: CpuPerRequest | null;
  /**
   * The Worker's own CPU ms per request, sampled inside its isolate over the whole run (warm-up
   * included, as the /proc figures): `--worker-profile` only. See bench-worker-profile.ts.
   */
  readonly workerProfile?: WorkerProfilePerRequest;
}

/** A run's profile of the Worker's isolate, in ms per request (the run's answered requests). */
export interface WorkerProfilePerRequest {
  /** JavaScript plus garbage collection: the Worker's own CPU. */
  readonly isolateMs: number;
  readonly gcMs: number;
  /** The thread busy outside this isolate's JavaScript, while sampled (the runtime, other isolates). */
  readonly programMs: number;
  /** The profile's span and its idle samples, in ms for the whole run (not per request). */
  readonly spanMs: number;
  readonly idleMs: number;
  readonly samples: ProfileSummary['samples'];
  /** The isolate's samples (JavaScript and GC) per request: a count, not weighted by the gaps between samples. */
  readonly isolateSamplesPerRequest: number;
  readonly byModule: ProfileSummary['byModule'];
  readonly topFunctions: ProfileSummary['topFunctions'];
  readonly inclusiveByModule: ProfileSummary['inclusiveByModule'];
}

export interface EdgeOverheadOptions {
  readonly workerUrl: string;
  readonly sim: SimulatorClient;
  readonly secrets: Readonly<Record<string, string>>;
  readonly rounds: number;
  readonly concurrency: readonly number[];
  readonly warmupSeconds: number;
  readonly seconds: number;
  readonly vendorDelayMs: number;
  readonly say: (message: string) => void;
  /** How the Worker runs, so its processes' CPU is read by the right names. */
  readonly runtime: WorkerRuntime;
  /** A profiler attached to the Worker's isolate, to sample every run with; none: not profiled. */
  readonly profiler?: WorkerProfiler;
}

const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Leadgate's lead route against the bare passthrough, with the vendor answering
 * every call after `vendorDelayMs`: for each round and concurrency, one run of
 * each route back to back, which one first alternating, so the machine's
 * noise falls on both. Before each run the simulator starts empty, so its
 * duplicate check has as many leads to look through for either route.
 */
export async function runEdgeOverhead(options: EdgeOverheadOptions): Promise<EdgeRun[]> {
  // Each lead its own form token, as each visitor gets one: the route spends a budget per token
  // (10 leads an hour), which one token shared by the whole run would exhaust at once (all 429).
  const formTokenSecret = options.secrets[FORM_TOKEN_SECRET] ?? '';
  const tokenEpoch = Date.now() - 60_000;
  let tokensIssued = 0;
  const runId = Date.now().toString(36);
  let runIndex = 0;
  const workerCpu = workerCpuReader(Number(new URL(options.workerUrl).port), options.runtime);
  const post = async (route: EdgeRoute, name: string): Promise<LoadAnswer> => {
    const email = `bench.${name}@example.com`;
    // A token is its issue time and a MAC: one millisecond apart each, so no two leads share one.
    const formToken = await issueFormToken(formTokenSecret, EDGE_FORM_ID, tokenEpoch - (tokensIssued += 1));
    return fetch(`${options.workerUrl}${edgeRoutePath(route)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:8800', 'Idempotency-Key': `bench-${name.replace(/\./g, '-')}` },
      body: JSON.stringify({ lead: demoLead(email), proof: { formToken } }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    }).then(
      async (response) => {
        await response.arrayBuffer();
        return response.status;
      },
      (error: unknown) => (error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'network'),
    );
  };
  const freshVendor = async () => {
    await options.sim.reset();
    await options.sim.fault({ mode: 'hang', delayMs: options.vendorDelayMs, tenant: EDGE_TENANT });
  };

  // Fails now, not after minutes of errors, when a route is off or broken.
  await freshVendor();
  for (const route of EDGE_ROUTES) {
    const answer = await post(route, `${runId}.check-${route}`);
    if (answer !== 201) throw new Error(`POST ${edgeRoutePath(route)} answered ${answer}, not 201: is BENCH_PASSTHROUGH "1" and the simulator up?`);
  }

  const runs: EdgeRun[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    for (const [step, concurrency] of options.concurrency.entries()) {
      // Which route goes first alternates by round at each concurrency, and by concurrency within a round.
      const order = (round + step) % 2 === 1 ? EDGE_ROUTES : [...EDGE_ROUTES].reverse();
      for (const route of order) {
        await freshVendor();
        const prefix = `${runId}.${(runIndex += 1)}`;
        await options.profiler?.start();
        const cpuBefore = { worker: workerCpu?.(), own: ownCpuMs() };
        const run = await runForDuration({
          concurrency,
          warmupMs: options.warmupSeconds * 1000,
          measureMs: options.seconds * 1000,
          send: (index) => post(route, `${prefix}.${index}`),
        });
        const stats = windowStats(run);
        const cpuAfter = { worker: workerCpu?.(), own: ownCpuMs() };
        const rawProfile = await options.profiler?.stop();
        const profile = options.profiler && rawProfile && summarizeProfile(rawProfile, await profileModuleReader(rawProfile, options.profiler.sources));
        const perRequest = (ms: number) => Math.round((ms / run.samples.length) * 100) / 100;
        const perRequest3 = (ms: number) => Math.round((ms / run.samples.length) * 1000) / 1000;
        runs.push({
          round,
          route,
          concurrency,
          completed: stats.completed,
          requestsPerSecond: Math.round(stats.requestsPerSecond * 10) / 10,
          latencyMs: summarizeLatencies(stats.latenciesMs),
          answers: stats.answers,
          errors: stats.errors,
          cpuMsPerRequest:
            cpuBefore.worker && cpuAfter.worker && run.samples.length > 0
              ? {
                  worker: perRequest(cpuAfter.worker.workerMs - cpuBefore.worker.workerMs),
                  devProxy: perRequest(cpuAfter.worker.devProxyMs - cpuBefore.worker.devProxyMs),
                  wrangler: perRequest(cpuAfter.worker.wranglerMs - cpuBefore.worker.wranglerMs),
                  benchProcess: perRequest(cpuAfter.own - cpuBefore.own),
                }
              : null,
          ...(profile && run.samples.length > 0
            ? {
                workerProfile: {
                  isolateMs: perRequest(profile.jsMs + profile.gcMs),
                  gcMs: perRequest(profile.gcMs),
                  programMs: perRequest(profile.programMs),
                  spanMs: profile.spanMs,
                  idleMs: profile.idleMs,
                  samples: profile.samples,
                  isolateSamplesPerRequest: perRequest3(profile.samples.js + profile.samples.gc),
                  byModule: profile.byModule.map(({ module, selfMs }) => ({ module, selfMs: perRequest3(selfMs) })),
                  topFunctions: profile.topFunctions.map((f) => ({ ...f, selfMs: perRequest3(f.selfMs) })),
                  inclusiveByModule: profile.inclusiveByModule.map(({ module, ms }) => ({ module, ms: perRequest3(ms) })),
                },
              }
            : {}),
        });
        options.say(
          `round ${round}/${options.rounds}, ${concurrency} in flight, ${route}: ${stats.requestsPerSecond.toFixed(1)} req/s, ` +
            `p50 ${runs.at(-1)?.latencyMs.p50} ms, ${stats.errors} errors` +
            (runs.at(-1)?.workerProfile ? `, isolate CPU ${runs.at(-1)?.workerProfile?.isolateMs} ms/request` : ''),
        );
      }
    }
  }
  await options.sim.reset();
  return runs;
}
