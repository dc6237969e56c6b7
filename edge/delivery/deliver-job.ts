import type { VendorConnection } from '../vendors/form-vendor';
import { type Outcome, transient } from '../vendors/outcome';
import type { DeliveryMeta } from '../vendors/vendor-adapter';
import type { DeliveryJob } from './delivery-job';

/**
 * One delivery attempt of a job through its form's adapter. An adapter bug is
 * a transient outcome, not a crash: the lead is kept and can be tried again.
 */
export async function deliverJob(job: DeliveryJob, connection: VendorConnection, meta: Omit<DeliveryMeta, 'submissionId'>): Promise<Outcome> {
  try {
    return await connection.deliver(job.lead, { ...meta, submissionId: job.id });
  } catch (error) {
    return transient(`adapter_error:${(error as Error | undefined)?.name ?? 'unknown'}`);
  }
}
