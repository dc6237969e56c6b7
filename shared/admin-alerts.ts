import * as v from 'valibot';

/**
 * What an alert webhook receives, and what the admin API answers about alerts.
 * A webhook body carries ids, codes and counts only: never a lead's name,
 * e-mail, phone or any other personal data.
 */

/**
 * - `lead.held`: a delivery is kept for an operator (the vendor refused it without naming a
 *   field the visitor could fix: `status: "held"`, or nobody can tell whether it landed:
 *   `status: "unknown"`).
 * - `lead.dead_lettered`: a delivery failed for good (its retry budget is spent, or the queue gave up).
 * - `vendor.down`: a form's vendor connection failed transiently many times within five minutes.
 * - `test`: sent on request (the console's test button, `npm run admin -- alerts test <form>`).
 */
export const ALERT_EVENT_TYPES = ['lead.held', 'lead.dead_lettered', 'vendor.down', 'test'] as const;
export type AlertEventType = (typeof ALERT_EVENT_TYPES)[number];

/** The events a form's `alerts.events` can choose; `test` always goes out when asked for. */
export const SUBSCRIBABLE_ALERT_EVENTS = ['lead.held', 'lead.dead_lettered', 'vendor.down'] as const satisfies readonly AlertEventType[];

/** The JSON body of one webhook call. Absent keys do not apply to the event's type. */
export interface AlertEvent {
  /** `evt_` and 32 hex digits; the same on every retry of this event (also in the `Leadgate-Event-Id` header). */
  readonly id: string;
  readonly type: AlertEventType;
  /** When the event happened, ISO 8601. */
  readonly time: string;
  readonly formId: string;
  /** The form's vendor, as `forms.json` names it (`perfectgym-next`, `virtuagym`, …); null once the form is removed. */
  readonly vendor: string | null;
  /** The delivery (submission) id, for `lead.*`: look it up with the admin API or the console. */
  readonly deliveryId?: string;
  /** The delivery's status (`held`, `unknown`, `failed`), for `lead.*`. */
  readonly status?: string;
  /** The last error code: a vendor code (`INVALID_LEAD_DATA`), `status_503`, `timeout`, `network`… */
  readonly errorCode?: string | null;
  /** Why a lead is held or dead (`vendor_rejected`, `budget_exhausted`, `queue_retries_exhausted`, `form_removed`). */
  readonly reason?: string | null;
  /** `lead.*`: `attempts`; `vendor.down`: `failures` within `windowSeconds`, and the `threshold` it passed. */
  readonly counts?: Readonly<Record<string, number>>;
}

/** `POST /v1/admin/forms/:formId/alerts/test`: the test event is in the queue, on its way to every webhook of the form. */
export const AlertTestResultSchema = v.object({
  queued: v.literal(true),
  eventId: v.string(),
  /** How many webhooks it goes to: the form's own and the Worker-wide one. */
  webhooks: v.number(),
});
export type AlertTestResult = v.InferOutput<typeof AlertTestResultSchema>;
