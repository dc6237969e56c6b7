import { DurableObject } from 'cloudflare:workers';

/**
 * Submissions per minute allowed on the whole form, and well-formed leads per form token per hour;
 * for a form with Turnstile "under-load", the rate that switches it on and for how long.
 */
export interface FormBudget {
  readonly perForm: number;
  readonly perTokenPerHour: number;
  readonly underLoad?: { readonly leadsPerMinute: number; readonly forMinutes: number };
}

export type LimitDecision = { readonly ok: true } | { readonly ok: false; readonly scope: 'client' | 'form' | 'token'; readonly retryAfterSeconds: number };

/** A spend that went through; `turnstileOn` when this lead's rate switched Turnstile on (it was off). */
export type SpendDecision = { readonly ok: true; readonly turnstileOn?: true } | Extract<LimitDecision, { ok: false }>;

/** A token bucket: `tokens` left at time `at`, refilled at `perPeriod` per period, holding at most one period's worth. */
interface Bucket {
  tokens: number;
  at: number;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
// Past this many clients (or form tokens), buckets that have refilled (idle ones) are dropped.
const PRUNE_AT = 10_000;
// The storage key of the time until which an "under-load" form asks for Turnstile.
const TURNSTILE_UNTIL = 'turnstileUntil';

function refill(bucket: Bucket | undefined, perPeriod: number, periodMs: number, now: number): Bucket {
  if (!bucket) return { tokens: perPeriod, at: now };
  return { tokens: Math.min(perPeriod, bucket.tokens + ((now - bucket.at) * perPeriod) / periodMs), at: now };
}

function secondsUntilOne(bucket: Bucket, perPeriod: number, periodMs: number): number {
  return Math.max(1, Math.ceil(((1 - bucket.tokens) * periodMs) / perPeriod / 1000));
}

function prune(buckets: Map<string, Bucket>, perPeriod: number, periodMs: number, now: number): void {
  if (buckets.size <= PRUNE_AT) return;
  for (const [key, bucket] of buckets) {
    if (refill(bucket, perPeriod, periodMs, now).tokens >= perPeriod) buckets.delete(key);
  }
}

/**
 * One Durable Object per form: the only place that counts its submissions,
 * across every isolate and location. Token buckets, so a visitor who corrects a
 * typo is not punished, while a script runs dry within a minute. The counts live
 * in memory: an object that was idle long enough to be evicted had refilled anyway.
 * Not so Turnstile's switch: it holds for minutes after the rate fell, so it is in
 * the object's storage.
 *
 * Two steps, so junk cannot jam a form: `takeClient` (every request, first) spends
 * only that client's budget; `spendForm` (only a well-formed lead that passed the
 * bot check) spends the form's budget and its form token's.
 */
export class SubmissionLimiter extends DurableObject<Env> {
  private readonly clients = new Map<string, Bucket>();
  private readonly tokens = new Map<string, Bucket>();
  private form: Bucket | undefined;
  /** When the last minute's form-budget spends happened: the form's rate, for Turnstile's auto switch. */
  private recent: number[] = [];

  /** Takes one request from the client's budget (per minute). */
  takeClient(client: string, perClient: number, now = Date.now()): LimitDecision {
    const mine = refill(this.clients.get(client), perClient, MINUTE, now);
    this.clients.set(client, mine);
    if (mine.tokens < 1) return { ok: false, scope: 'client', retryAfterSeconds: secondsUntilOne(mine, perClient, MINUTE) };
    mine.tokens -= 1;
    prune(this.clients, perClient, MINUTE, now);
    return { ok: true };
  }

  /**
   * Takes one lead from the form's budget and, when it names one, its form token's
   * (`tokenKey`, a hash of the token); from both or neither. The token is checked
   * first, so a script re-using one token does not spend the form's budget either.
   */
  async spendForm(tokenKey: string | undefined, budget: FormBudget, now = Date.now()): Promise<SpendDecision> {
    const token = tokenKey === undefined ? undefined : refill(this.tokens.get(tokenKey), budget.perTokenPerHour, HOUR, now);
    if (tokenKey !== undefined && token) this.tokens.set(tokenKey, token);
    const all = refill(this.form, budget.perForm, MINUTE, now);
    this.form = all;
    if (token && token.tokens < 1) return { ok: false, scope: 'token', retryAfterSeconds: secondsUntilOne(token, budget.perTokenPerHour, HOUR) };
    if (all.tokens < 1) return { ok: false, scope: 'form', retryAfterSeconds: secondsUntilOne(all, budget.perForm, MINUTE) };
    if (token) token.tokens -= 1;
    all.tokens -= 1;
    this.recent = this.recent.filter((at) => at > now - MINUTE);
    if (this.recent.length < PRUNE_AT) this.recent.push(now);
    prune(this.tokens, budget.perTokenPerHour, HOUR, now);
    const load = budget.underLoad;
    if (!load || this.recent.length < load.leadsPerMinute) return { ok: true };
    // At or past the threshold: Turnstile from the next lead on, until `forMinutes` after the last such lead.
    const wasOn = await this.turnstileRequired(now);
    await this.ctx.storage.put(TURNSTILE_UNTIL, now + load.forMinutes * MINUTE);
    return wasOn ? { ok: true } : { ok: true, turnstileOn: true };
  }

  /** Whether an "under-load" form asks for Turnstile now: its rate passed the threshold not long ago. */
  async turnstileRequired(now = Date.now()): Promise<boolean> {
    return ((await this.ctx.storage.get<number>(TURNSTILE_UNTIL)) ?? 0) > now;
  }

  /** Leads that spent the form's budget in the last minute. */
  formRate(now = Date.now()): number {
    this.recent = this.recent.filter((at) => at > now - MINUTE);
    return this.recent.length;
  }
}
