import * as v from 'valibot';

/** How the operator signed in: the Worker's admin token, a scoped token, or Cloudflare Access. */
export const SIGN_IN_METHODS = ['token', 'scoped-token', 'access'] as const;

/** `GET /v1/admin/session`: who is signed in, and which forms they may see (`"*"`: every form). */
export const AdminSessionSchema = v.object({
  actor: v.string(),
  via: v.picklist(SIGN_IN_METHODS),
  forms: v.union([v.literal('*'), v.array(v.string())]),
});
export type AdminSession = v.InferOutput<typeof AdminSessionSchema>;

/**
 * A form's status light, from its recent deliveries: `red` a dead letter in the last 24 hours,
 * `amber` held or unknown leads waiting for an operator (or leads still being retried), `green`
 * every recent lead reached the vendor, `grey` no lead in 30 days. Always shown with `lightReason`,
 * never by colour alone.
 */
export const STATUS_LIGHTS = ['green', 'amber', 'red', 'grey'] as const;
export type StatusLight = (typeof STATUS_LIGHTS)[number];

/** One row of the operator's overview: counts only, never personal data. */
export const FormOverviewSchema = v.object({
  id: v.string(),
  vendor: v.string(),
  /** Submissions accepted in the last 24 hours and 30 days (rejected ones, never accepted, not counted). */
  leads24h: v.number(),
  leads30d: v.number(),
  /** Waiting for an operator now: held leads, dead letters, unknown outcomes. */
  held: v.number(),
  deadLetters: v.number(),
  unknown: v.number(),
  light: v.picklist(STATUS_LIGHTS),
  lightReason: v.string(),
});
export type FormOverview = v.InferOutput<typeof FormOverviewSchema>;

/** `GET /v1/admin/overview`: every form the caller may see, in id order. */
export const AdminOverviewSchema = v.object({ forms: v.array(FormOverviewSchema) });
export type AdminOverview = v.InferOutput<typeof AdminOverviewSchema>;

/** The outcomes the daily chart draws; the other statuses are in each day's row too. */
export const DAILY_OUTCOMES = ['delivered', 'duplicate', 'held', 'failed'] as const;

/**
 * One UTC day of a form's submissions by status (the day it was submitted), counting rows still in
 * the ledger and those retention deleted (kept as counts in `delivery_counts`).
 */
export const DailyCountSchema = v.object({
  day: v.string(),
  pending: v.number(),
  queued: v.number(),
  delivered: v.number(),
  duplicate: v.number(),
  rejected: v.number(),
  held: v.number(),
  unknown: v.number(),
  failed: v.number(),
});
export type DailyCount = v.InferOutput<typeof DailyCountSchema>;

/** `GET /v1/admin/forms/:formId/daily?days=30` (1 to 90 days, today last). */
export const DailyCountsSchema = v.object({ formId: v.string(), days: v.array(DailyCountSchema) });
export type DailyCounts = v.InferOutput<typeof DailyCountsSchema>;
