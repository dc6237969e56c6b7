import { type AlertMessage, isAlertMessage } from '../alerts/alert-queue';
import { raiseAlert } from '../alerts/raise-alert';
import { sendAlert } from '../alerts/send-alert';
import { countVendorFailure } from '../alerts/vendor-outage';
import { type FormRules, vendorRules } from '../form-rules';
import type { FormConfig } from '../forms/form-config';
import type { FormStore } from '../forms/form-store';
import type { FormSource } from '../forms/published-forms';
import { type EventLog, log } from '../logger';
import { misconfigured, type Outcome, transient } from '../vendors/outcome';
import { VendorMisconfiguredError } from '../vendors/vendor-adapter';
import { MissingSecretError } from '../worker-secret';
import { attemptDelivery, attemptLeaseMs } from './attempt-delivery';
import { type DeliveryRecord, deliveryLedger, type JobRef } from './delivery-ledger';
import { DEAD_LETTER_QUEUE, type DeliveryMessage, reportDeadLetter } from './delivery-queue';
import { logAttemptResult } from './log-attempt-result';
import { retryPolicy } from './retry-policy';

function isJobRef(body: unknown): body is JobRef {
  const ref = body as Partial<JobRef> | null;
  return typeof ref?.formId === 'string' && typeof ref.id === 'string';
}

/** The rules a queued job is delivered with, or the outcome of not having them (retried like any other). */
async function rulesForJob(form: FormConfig, env: Env, ctx: ExecutionContext): Promise<FormRules | Outcome> {
  try {
    return await vendorRules(form, env, {
      waitUntil: (promise) => ctx.waitUntil(promise),
      log: (level, event, detail) => log(level, event, undefined, { formId: form.id, ...detail }),
    });
  } catch (error) {
    if (error instanceof MissingSecretError) return misconfigured('SECRET_MISSING');
    if (error instanceof VendorMisconfiguredError) return misconfigured(error.code);
    return transient('rules_unavailable');
  }
}

/**
 * Reports a job the ledger now holds as failed to the dead-letter queue. A
 * report that fails is logged, not retried here: the job is recorded, and the
 * sweeper reports every dead letter whose alert has not gone out.
 */
async function deadLetter(env: Env, ref: JobRef): Promise<void> {
  try {
    await reportDeadLetter(env.DEAD_LETTERS, ref);
  } catch (error) {
    log('error', 'dead_letter_report_failed', undefined, { formId: ref.formId, submissionId: ref.id, error: (error as Error).message });
  }
}

async function consume(message: Message<DeliveryMessage>, forms: FormStore, env: Env, ctx: ExecutionContext): Promise<void> {
  const ref = message.body;
  if (!isJobRef(ref)) {
    log('error', 'queue_message_unreadable', undefined, {});
    message.ack();
    return;
  }
  const ledger = deliveryLedger(env);
  const detail = { formId: ref.formId, submissionId: ref.id };
  const form = await forms.find(ref.formId);
  if (!form) {
    if (await ledger.failUnfinished(ref, 'form_removed')) await deadLetter(env, ref);
    message.ack();
    return;
  }
  const claim = await ledger.claimQueued(ref, attemptLeaseMs(form, 'queued'));
  // Delivered already, or another consumer has it: a surplus message, nothing to do.
  if (!claim) {
    message.ack();
    return;
  }
  const { lease, record } = claim;
  if (!record.lead) {
    log('error', 'queued_without_lead', undefined, detail);
    if (await ledger.failUnfinished(ref, 'queue_retries_exhausted')) await deadLetter(env, ref);
    message.ack();
    return;
  }
  const attemptLog: EventLog = (level, event, extra) => log(level, event, undefined, { ...detail, ...extra });
  const result = await attemptDelivery({ id: ref.id, formId: ref.formId, lead: record.lead, receivedAt: record.createdAt }, lease, 'queued', {
    env,
    form,
    ledger,
    policy: retryPolicy(env),
    rules: await rulesForJob(form, env, ctx),
    attemptsBefore: record.attempts,
    retryFrom: record.retryFrom,
    log: attemptLog,
    onDeadLetter: () => deadLetter(env, ref),
    onVendorFailure: (errorCode) => ctx.waitUntil(countVendorFailure(env, form, errorCode)),
  });
  logAttemptResult(result, 'queued', { submissionId: ref.id, attempt: record.attempts + 1 }, attemptLog);
  message.ack();
}

/**
 * The operator's alert for a job the ledger just marked: `lead.held` for one kept for an
 * operator (held, or unknown), `lead.dead_lettered` for a failed one, to every webhook
 * of its form. A queue that refuses the alert is logged; the job stays marked.
 */
async function alertDeadLetter(env: Env, forms: FormStore, ref: JobRef, record: DeliveryRecord): Promise<void> {
  try {
    const type = record.status === 'failed' ? 'lead.dead_lettered' : 'lead.held';
    await raiseAlert(env, ref.formId, await forms.find(ref.formId), type, {
      deliveryId: ref.id,
      status: record.status,
      errorCode: record.errorCode,
      reason: record.failureReason,
      counts: { attempts: record.attempts },
    });
  } catch (error) {
    log('error', 'alert_enqueue_failed', undefined, { formId: ref.formId, submissionId: ref.id, error: (error as Error).message });
  }
}

/**
 * The dead-letter queue: jobs that ended `failed` (a vendor refusal after
 * acceptance, or the retry budget spent) and messages the delivery queue gave
 * up on. The ledger marks them failed and dead-lettered; the log line and the
 * webhooks (see edge/alerts) are the operator's alert. A job another attempt
 * holds, or one already alerted, is left alone. A message whose marking fails
 * is retried (the queue's `max_retries`), and past that the sweeper reports the job again.
 */
async function consumeDeadLetter(message: Message<DeliveryMessage>, forms: FormStore, env: Env): Promise<void> {
  const ref = message.body;
  if (isJobRef(ref)) {
    const record = await deliveryLedger(env).markDeadLettered(ref, ref.failed === true);
    if (record) {
      log('error', 'dead_letter', undefined, {
        formId: ref.formId,
        submissionId: ref.id,
        status: record.status,
        reason: record.failureReason ?? undefined,
        errorCode: record.errorCode ?? undefined,
        attempts: record.attempts,
      });
      await alertDeadLetter(env, forms, ref, record);
    }
  }
  message.ack();
}

/** What the delivery queue carries: delivery jobs, and alerts on their way to a webhook. */
export type QueueMessage = DeliveryMessage | AlertMessage;

async function consumeAlert(message: Message<AlertMessage>, env: Env): Promise<void> {
  await sendAlert(message.body, env);
  message.ack();
}

/** The Worker's queue handler: delivery attempts (with each form as published now) and alerts, and the dead letters. */
export const queueHandler =
  (formsFor: FormSource) =>
  async (batch: MessageBatch<QueueMessage>, env: Env, ctx: ExecutionContext): Promise<void> => {
    const forms = formsFor(env);
    const consumeOne = (m: Message<QueueMessage>) =>
      isAlertMessage(m.body)
        ? consumeAlert(m as Message<AlertMessage>, env)
        : batch.queue === DEAD_LETTER_QUEUE
          ? consumeDeadLetter(m as Message<DeliveryMessage>, forms, env)
          : consume(m as Message<DeliveryMessage>, forms, env, ctx);
    await Promise.all(
      batch.messages.map(async (message) => {
        try {
          await consumeOne(message);
        } catch (error) {
          log('error', 'queue_consumer_error', undefined, { error: (error as Error).name, detail: (error as Error).message });
          message.retry({ delaySeconds: 10 });
        }
      }),
    );
  };
