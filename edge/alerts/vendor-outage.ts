import type { FormConfig } from '../forms/form-config';
import { log } from '../logger';
import { alertWebhooks } from './alert-webhooks';
import { raiseAlert } from './raise-alert';

/** The window the issue names: a vendor's errors pass a threshold over five minutes. */
export const VENDOR_DOWN_WINDOW_MS = 5 * 60_000;

/**
 * Transient failures (network, timeout, 5xx) of one form's vendor connection within the
 * window that make it "down". GUESS: no vendor document says; 5 is what one lead alone
 * reaches when every retry fails (the production backoff, 10 s doubling with jitter, makes
 * its first 5 attempts within 2.5 to 5 minutes), so a quiet gym's outage is reported too,
 * while one failed call, or two leads each failing once, is not. A 429 is not counted: the
 * vendor is up and pacing us (the pacer waits it out).
 */
export const VENDOR_DOWN_THRESHOLD = 5;

const MINUTE_MS = 60_000;
const WINDOW_MINUTES = VENDOR_DOWN_WINDOW_MS / MINUTE_MS;

/**
 * Counts one transient failure of `form`'s vendor and, when it is the one that passes the
 * threshold and no outage of the form is open, opens one and raises `vendor.down`: one
 * alert per outage, not one per error. An outage stays open while failures keep coming
 * (each one keeps it open for another window), and closes after a window without one.
 * Only forms someone listens to are counted. Never throws: it runs beside a delivery
 * attempt, which it must not fail or hold up.
 */
export async function countVendorFailure(env: Env, form: FormConfig, errorCode: string | null, now = Date.now()): Promise<void> {
  try {
    if (alertWebhooks(env, form, 'vendor.down').length === 0) return;
    const minute = Math.floor(now / MINUTE_MS);
    const [, , , ongoing, total] = await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO vendor_failures (form_id, minute, failures) VALUES (?1, ?2, 1)
         ON CONFLICT (form_id, minute) DO UPDATE SET failures = failures + 1`,
      ).bind(form.id, minute),
      env.DB.prepare('DELETE FROM vendor_failures WHERE form_id = ?1 AND minute <= ?2').bind(form.id, minute - WINDOW_MINUTES),
      env.DB.prepare('DELETE FROM vendor_outages WHERE form_id = ?1 AND last_failure_at <= ?2').bind(form.id, now - VENDOR_DOWN_WINDOW_MS),
      env.DB.prepare('UPDATE vendor_outages SET last_failure_at = ?2 WHERE form_id = ?1 RETURNING form_id').bind(form.id, now),
      // Whole minutes: the window is the current minute and the four before it (GUESS: 4 to 5 minutes, close enough).
      env.DB.prepare('SELECT COALESCE(SUM(failures), 0) AS failures FROM vendor_failures WHERE form_id = ?1 AND minute > ?2').bind(
        form.id,
        minute - WINDOW_MINUTES,
      ),
    ]);
    if ((ongoing?.results.length ?? 0) > 0) return;
    const failures = Number((total?.results[0] as { failures?: number } | undefined)?.failures ?? 0);
    if (failures < VENDOR_DOWN_THRESHOLD) return;
    // Two failures passing the threshold at once: the primary key lets one of them open the outage.
    const opened = await env.DB.prepare(
      'INSERT INTO vendor_outages (form_id, opened_at, last_failure_at) VALUES (?1, ?2, ?2) ON CONFLICT (form_id) DO NOTHING RETURNING form_id',
    )
      .bind(form.id, now)
      .first();
    if (!opened) return;
    const { eventId } = await raiseAlert(env, form.id, form, 'vendor.down', {
      errorCode,
      counts: { failures, windowSeconds: VENDOR_DOWN_WINDOW_MS / 1000, threshold: VENDOR_DOWN_THRESHOLD },
    });
    log('warn', 'vendor_down', undefined, { formId: form.id, vendor: form.vendor, failures, errorCode: errorCode ?? undefined, eventId });
  } catch (error) {
    log('error', 'vendor_failure_count_failed', undefined, { formId: form.id, error: (error as Error).message });
  }
}
