import { DurableObject } from 'cloudflare:workers';

/** Submissions per minute allowed from one client on a form, and on the form in all. */
export interface SubmissionLimits {
  readonly perClient: number;
  readonly perForm: number;
}

export type LimitDecision = { readonly ok: true } | { readonly ok: false; readonly scope: 'client' | 'form'; readonly retryAfterSeconds: number };

/** A token bucket: `tokens` left at time `at`, refilled at the limit per minute, holding at most one minute's worth. */
interface Bucket {
  tokens: number;
  at: number;
}

// Past this many clients, buckets that have refilled (idle clients) are dropped.
const PRUNE_AT = 10_000;

function refill(bucket: Bucket | undefined, perMinute: number, now: number): Bucket {
  if (!bucket) return { tokens: perMinute, at: now };
  return { tokens: Math.min(perMinute, bucket.tokens + ((now - bucket.at) * perMinute) / 60_000), at: now };
}

function secondsUntilOne(bucket: Bucket, perMinute: number): number {
  return Math.max(1, Math.ceil(((1 - bucket.tokens) * 60_000) / perMinute / 1000));
}

/**
 * One Durable Object per form: the only place that counts its submissions,
 * across every isolate and location. Token buckets, so a visitor who corrects a
 * typo is not punished, while a script runs dry within a minute. The counts live
 * in memory: an object that was idle long enough to be evicted had refilled anyway.
 */
export class SubmissionLimiter extends DurableObject<Env> {
  private readonly clients = new Map<string, Bucket>();
  private form: Bucket | undefined;

  /** Takes one submission from the client's and the form's budgets, or neither. */
  take(client: string, limits: SubmissionLimits, now = Date.now()): LimitDecision {
    const mine = refill(this.clients.get(client), limits.perClient, now);
    const all = refill(this.form, limits.perForm, now);
    this.clients.set(client, mine);
    this.form = all;
    if (mine.tokens < 1) return { ok: false, scope: 'client', retryAfterSeconds: secondsUntilOne(mine, limits.perClient) };
    if (all.tokens < 1) return { ok: false, scope: 'form', retryAfterSeconds: secondsUntilOne(all, limits.perForm) };
    mine.tokens -= 1;
    all.tokens -= 1;
    if (this.clients.size > PRUNE_AT) this.prune(limits.perClient, now);
    return { ok: true };
  }

  private prune(perClient: number, now: number): void {
    for (const [client, bucket] of this.clients) {
      if (refill(bucket, perClient, now).tokens >= perClient) this.clients.delete(client);
    }
  }
}
