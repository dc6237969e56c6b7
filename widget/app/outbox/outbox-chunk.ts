/**
 * The outbox's lazy chunk: what only a failed send or a saved entry needs (sealing,
 * storage, the resend loop) stays out of the form's critical path. use-outbox imports it.
 */
export { createOutbox, sweepOutbox } from './outbox';
export { startRedelivery } from './redelivery';
export { sendSavedLead } from './send-saved-lead';
