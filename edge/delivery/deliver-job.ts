import { type Outcome, transient } from '../vendors/outcome';
import type { DeliveryMeta, VendorAdapter } from '../vendors/vendor-adapter';
import type { DeliveryJob } from './delivery-job';

/**
 * One delivery attempt of a job through its form's adapter. An adapter bug is
 * a transient outcome, not a crash: the lead is kept and can be tried again.
 */
export async function deliverJob<Rules>(
  job: DeliveryJob,
  adapter: VendorAdapter<Rules>,
  rules: Rules,
  meta: Omit<DeliveryMeta, 'submissionId'>,
): Promise<Outcome> {
  try {
    return await adapter.deliver(job.lead, rules, { ...meta, submissionId: job.id });
  } catch (error) {
    return transient(`adapter_error:${(error as Error | undefined)?.name ?? 'unknown'}`);
  }
}
