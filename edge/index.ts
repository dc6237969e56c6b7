import { app } from './app';
import { handleQueue } from './delivery/delivery-consumer';
import type { DeliveryMessage } from './delivery/delivery-queue';
import { sweepDeliveries } from './delivery/sweep-deliveries';

export default {
  fetch: app.fetch,
  queue: handleQueue,
  scheduled: async (_controller, env, ctx) => {
    ctx.waitUntil(sweepDeliveries(env));
  },
} satisfies ExportedHandler<Env, DeliveryMessage>;

export { VendorPacer } from './delivery/vendor-pacer';
export { SubmissionLimiter } from './rate-limit/submission-limiter';
export { VirtuagymTokenBroker } from './vendors/virtuagym/virtuagym-token-broker';
