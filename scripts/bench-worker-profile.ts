/**
 * The Worker's own CPU, measured inside its isolate: a V8 CPU profile taken through the DevTools
 * inspector that `wrangler dev` exposes (`--inspector-port`), CDP's `Profiler` domain.
 *
 * Why not a Tail Worker's `cpuTime`: locally workerd reports it as 0 for every invocation (its
 * server's `RequestObserverWithTracer` calls `setOutcome(outcome, 0 ms cpu, 0 ms wall)`), so
 * the only measure of the isolate's CPU under `wrangler dev` is sampling it.
 *
 * The isolate is the Worker's: its routes and both Durable Object classes (they run in the
 * Worker's isolate locally). The local D1 database and KV namespace run in miniflare's own
 * isolates in the same workerd process, so they are not in the profile but are in the
 * process's /proc figure.
 */

/** The parts of a CDP `Profiler.Profile` a summary needs. */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly scriptId: string; readonly url: string; readonly lineNumber: number };
    readonly children?: readonly number[];
  }[];
  readonly samples: readonly number[];
  /** Microseconds since the previous sample (the first: since `startTime`). */
  readonly timeDeltas: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

/** Milliseconds of sampled time, by what the isolate was doing. */
export interface ProfileSummary {
  /** The profile's span: start to stop. */
  readonly spanMs: number;
  /** Running the Worker's JavaScript (and the runtime's APIs it called: crypto, JSON, streams). */
  readonly jsMs: number;
  /** V8's garbage collector, in this isolate. */
  readonly gcMs: number;
  /** V8's "(program)": the thread busy outside any JavaScript of this isolate (the runtime, other isolates). */
  readonly programMs: number;
  readonly idleMs: number;
  /**
   * How many samples fell in each state. V8 drops a tick whenever the isolate is not locked by its thread (workerd
   * enters isolates through `v8::Locker`; libsampler's `SamplerManager::DoSample` skips the sample then), so under
   * workerd the isolate is sampled only while it runs, and the time-weighted figures credit every gap (idle, other
   * isolates, other processes) to the next sample: the count times the sampling interval is the estimate to use.
   */
  readonly samples: { readonly js: number; readonly gc: number; readonly program: number; readonly idle: number };
  /** Self time of the JavaScript and GC by source module (bundle path, e.g. `node_modules/hono/…`, `edge/…`). */
  readonly byModule: readonly { readonly module: string; readonly selfMs: number }[];
  /** The functions with the most self time. */
  readonly topFunctions: readonly { readonly name: string; readonly module: string; readonly selfMs: number }[];
  /**
   * Time with a module anywhere on the stack (its callees included), for our own modules (`edge/…`,
   * `shared/…`): e.g. `edge/logger.ts` is what the log lines cost, `console.log` and all.
   */
  readonly inclusiveByModule: readonly { readonly module: string; readonly ms: number }[];
}

const round2 = (ms: number) => Math.round(ms * 100) / 100;

/**
 * A module finder for a bundle that esbuild wrote without minifying (as `wrangler dev` does): each
 * module's code follows a `// path/to/module.ts` comment line. Lines are 0-based, as CDP's.
 */
export function bundleModules(source: string): (line: number) => string {
  const starts: { line: number; module: string }[] = [];
  for (const [line, text] of source.split('\n').entries()) {
    const match = /^\/\/ ((?:\.\.\/)*[\w@.\-/]+\.(?:[cm]?[jt]sx?|json))$/.exec(text);
    if (match) starts.push({ line, module: match[1]!.replace(/^(\.\.\/)+/, '') });
  }
  return (line) => {
    let low = 0;
    let high = starts.length - 1;
    let found = '(bundle prologue)';
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (starts[middle]!.line <= line) {
        found = starts[middle]!.module;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found;
  };
}

/** Groups a node_modules path by its package; our own paths stay as they are. */
function moduleGroup(module: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(module);
  return match ? `node_modules/${match[1]}` : module;
}

/** Sums a profile's samples by state and by module; `moduleOf` maps a script and line to its module. */
export function summarizeProfile(profile: CpuProfile, moduleOf: (scriptId: string, url: string, line: number) => string, top = 25): ProfileSummary {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const selfUs = new Map<number, number>();
  const count = new Map<number, number>();
  for (const id of profile.samples) count.set(id, (count.get(id) ?? 0) + 1);
  const samples = { js: 0, gc: 0, program: 0, idle: 0 };
  // Each delta is the time up to its sample; V8's own viewers credit it to that sample's node.
  for (const [index, id] of profile.samples.entries()) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  let js = 0;
  let gc = 0;
  let program = 0;
  let idle = 0;
  const byModule = new Map<string, number>();
  const byFunction = new Map<string, { name: string; module: string; us: number }>();
  for (const [id, us] of selfUs) {
    const frame = nodes.get(id);
    if (!frame) continue;
    const n = count.get(id) ?? 0;
    if (frame.functionName === '(idle)') {
      idle += us;
      samples.idle += n;
    } else if (frame.functionName === '(program)') {
      program += us;
      samples.program += n;
    } else {
      if (frame.functionName === '(garbage collector)') {
        gc += us;
        samples.gc += n;
      } else {
        js += us;
        samples.js += n;
      }
      const module = frame.url ? moduleGroup(moduleOf(frame.scriptId, frame.url, frame.lineNumber)) : '(native)';
      byModule.set(module, (byModule.get(module) ?? 0) + us);
      const name = frame.functionName || '(anonymous)';
      const key = `${name}@${frame.url}:${frame.lineNumber}`;
      const entry = byFunction.get(key) ?? { name, module, us: 0 };
      entry.us += us;
      byFunction.set(key, entry);
    }
  }
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const ownModule = new Map<number, string | undefined>();
  for (const node of profile.nodes) {
    const { url, scriptId, lineNumber } = node.callFrame;
    const module = url ? moduleOf(scriptId, url, lineNumber) : undefined;
    ownModule.set(node.id, module && /^(edge|shared)\//.test(module) ? module : undefined);
  }
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const on = new Set<string>();
    for (let node: number | undefined = id; node !== undefined; node = parentOf.get(node)) {
      const module = ownModule.get(node);
      if (module) on.add(module);
    }
    for (const module of on) inclusive.set(module, (inclusive.get(module) ?? 0) + us);
  }
  return {
    spanMs: round2((profile.endTime - profile.startTime) / 1000),
    jsMs: round2(js / 1000),
    gcMs: round2(gc / 1000),
    programMs: round2(program / 1000),
    idleMs: round2(idle / 1000),
    samples,
    byModule: [...byModule].map(([module, us]) => ({ module, selfMs: round2(us / 1000) })).sort((a, b) => b.selfMs - a.selfMs),
    topFunctions: [...byFunction.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map(({ name, module, us }) => ({ name, module, selfMs: round2(us / 1000) })),
    inclusiveByModule: [...inclusive].map(([module, us]) => ({ module, ms: round2(us / 1000) })).sort((a, b) => b.ms - a.ms),
  };
}

/**
 * Maps a profile's frames to source modules: `wrangler dev` runs a bundle it deletes on exit, so the
 * scripts' sources are read from the isolate (`sources`, by script id) once each, after a run.
 */
export async function profileModuleReader(profile: CpuProfile, sources: (scriptIds: readonly string[]) => Promise<ReadonlyMap<string, string>>) {
  const ids = [...new Set(profile.nodes.flatMap((node) => (node.callFrame.url ? [node.callFrame.scriptId] : [])))];
  const texts = await sources(ids);
  const finders = new Map([...texts].map(([id, text]) => [id, bundleModules(text)] as const));
  return (scriptId: string, url: string, line: number) => {
    const finder = finders.get(scriptId);
    // A runtime-internal script (`cloudflare-internal:d1-api`, `node-internal:…`) is its own module.
    return finder && !url.includes(':') ? finder(line) : url;
  };
}

export interface WorkerProfiler {
  start(): Promise<void>;
  stop(): Promise<CpuProfile>;
  /** The sources of the isolate's scripts by id, read with the debugger on for just that long. */
  sources(scriptIds: readonly string[]): Promise<ReadonlyMap<string, string>>;
  close(): void;
}

/** The sampling interval: 1 ms, V8's default in DevTools. GUESS: fine enough for thousands of leads a run. */
const SAMPLING_INTERVAL_US = 1000;

/**
 * Connects to the Worker's isolate through `wrangler dev`'s inspector, or workerd's own under Miniflare, on `port` (its `/json` list names the
 * Worker's DevTools WebSocket). Needs a global WebSocket: Node ≥ 22, or Node 20 with `--experimental-websocket`
 * (`npm run bench` passes it).
 */
export async function connectWorkerProfiler(port: number): Promise<WorkerProfiler> {
  if (typeof WebSocket === 'undefined') throw new Error('no global WebSocket: run Node 22+, or Node 20 with --experimental-websocket');
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as { id?: string; webSocketDebuggerUrl?: string }[];
  // workerd's own inspector (the Miniflare runtime) lists every isolate, Miniflare's KV, D1, queues and router among
  // them; the Worker's is service `core:user:<name>`. wrangler's inspector proxy lists the Worker's alone.
  const url = (
    targets.find((target) => target.id?.startsWith('core:user:') && target.webSocketDebuggerUrl) ?? targets.find((target) => target.webSocketDebuggerUrl)
  )?.webSocketDebuggerUrl;
  if (!url) throw new Error(`the inspector on ${port} lists no Worker to attach to`);
  // wrangler's inspector proxy refuses a handshake without an allowed Origin (DNS rebinding); Node's WebSocket
  // (undici) takes headers as an extension of the standard's second argument.
  const socket = new WebSocket(url, { headers: { Origin: `http://127.0.0.1:${port}` } } as unknown as string[]);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error(`could not open the Worker's inspector at ${url}`)), { once: true });
  });
  let nextId = 0;
  const pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
    const waiter = message.id === undefined ? undefined : pending.get(message.id);
    if (!waiter || message.id === undefined) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(message.error.message));
    else waiter.resolve(message.result);
  });
  const send = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = (nextId += 1);
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
  const sourceCache = new Map<string, string>();
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  return {
    start: async () => {
      await send('Profiler.start');
    },
    stop: async () => ((await send('Profiler.stop')) as { profile: CpuProfile }).profile,
    sources: async (scriptIds) => {
      const texts = new Map<string, string>();
      const missing = scriptIds.filter((id) => !sourceCache.has(id));
      if (missing.length > 0) {
        await send('Debugger.enable');
        try {
          for (const scriptId of missing) {
            sourceCache.set(
              scriptId,
              await send('Debugger.getScriptSource', { scriptId }).then(
                (r) => (r as { scriptSource: string }).scriptSource,
                () => '',
              ),
            );
          }
        } finally {
          await send('Debugger.disable');
        }
      }
      for (const id of scriptIds) texts.set(id, sourceCache.get(id) ?? '');
      return texts;
    },
    close: () => socket.close(),
  };
}
