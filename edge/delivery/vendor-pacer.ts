import { DurableObject } from 'cloudflare:workers';
import { durableObjectByName } from '../durable-object-by-name';

/** A slot for one delivery: take it after `waitMs`, or come back in `retryInMs`. */
export type PaceDecision = { readonly ok: true; readonly waitMs: number } | { readonly ok: false; readonly retryInMs: number };

/**
 * The share of a vendor's documented budget Leadgate plans to use. The rest
 * absorbs clock skew, the vendor's own window boundaries and our rules fetches.
 */
const STEADY_SHARE = 0.9;
const BURST_SHARE = 0.05;

/** Milliseconds between steady slots, and how far ahead of them a burst may run. */
function spacing(perMinute: number): { interval: number; tolerance: number } {
  const interval = 60_000 / (perMinute * STEADY_SHARE);
  return { interval, tolerance: Math.max(0, Math.floor(perMinute * BURST_SHARE) - 1) * interval };
}

/**
 * One Durable Object per vendor connection: the only place that hands out
 * request slots for it, across every isolate. It is a GCRA (generic cell rate)
 * scheduler: slots are spaced at 90% of the vendor's per-minute budget, and a
 * small burst (5%) is allowed at once, so any 60 s window holds at most 95% of
 * the budget, even against PerfectGym's fixed-window limiter.
 */
export class VendorPacer extends DurableObject<Env> {
  /**
   * Theoretical arrival time of the next slot (ms). Kept in the object's own
   * storage as well: slots are handed out up to 20 s ahead, and an object
   * evicted while their holders sleep must not hand them out again.
   */
  private tat: number;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.tat = ctx.storage.kv.get<number>('tat') ?? 0;
  }

  private setTat(tat: number): void {
    this.tat = tat;
    this.ctx.storage.kv.put('tat', tat);
  }

  /**
   * Reserves the next slot if it is at most `maxWaitMs` away. A refused caller
   * holds nothing and is told when to come back.
   */
  reserve(perMinute: number, maxWaitMs: number): PaceDecision {
    const now = Date.now();
    const { interval, tolerance } = spacing(perMinute);
    const next = Math.max(this.tat, now);
    const start = Math.max(now, next - tolerance);
    const waitMs = Math.ceil(start - now);
    if (waitMs > maxWaitMs) return { ok: false, retryInMs: waitMs };
    this.setTat(next + interval);
    return { ok: true, waitMs };
  }

  /** The vendor said 429: no slot for anyone on this connection for `ms`. */
  pause(ms: number, perMinute: number): void {
    const { tolerance } = spacing(perMinute);
    this.setTat(Math.max(this.tat, Date.now() + ms + tolerance));
  }
}

/** A connection's pacer, as the delivery code uses it. */
export interface Pacer {
  reserve(maxWaitMs: number): Promise<PaceDecision>;
  pause(ms: number): Promise<void>;
}

/** The pacer for a vendor connection `key` with a budget of `perMinute` requests per minute and endpoint. */
export function vendorPacer(namespace: DurableObjectNamespace<VendorPacer>, key: string, perMinute: number): Pacer {
  const stub = durableObjectByName(namespace, key);
  return {
    reserve: (maxWaitMs) => stub.reserve(perMinute, maxWaitMs),
    pause: (ms) => stub.pause(ms, perMinute),
  };
}
