import type { Lead } from '../../shared/lead';

/** An accepted submission on its way to the vendor. Its id is the idempotency key. */
export interface DeliveryJob {
  readonly id: string;
  readonly formId: string;
  readonly lead: Lead;
  readonly receivedAt: number;
}
