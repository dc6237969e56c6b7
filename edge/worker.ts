import type { Hono } from 'hono';
import { createApp } from './app';
import type { AppEnv } from './app-env';
import { type QueueMessage, queueHandler } from './delivery/delivery-consumer';
import { sweepDeliveries } from './delivery/sweep-deliveries';
import type { FormStore } from './forms/form-store';
import { withPublished } from './forms/published-forms';
import { erasureRecords } from './privacy/erasure-records';

export interface LeadgateWorkerOptions {
  /** The bundled forms: production's own, or the demo's and the tests'. Forms published in D1 override them (see published-forms.ts). */
  readonly forms: FormStore;
  /** Routes beyond the product's, mounted before the form routes (the test Worker's bench yardstick). */
  readonly extraRoutes?: (app: Hono<AppEnv>) => void;
}

/**
 * The Worker's handlers over one set of forms: the HTTP routes, the delivery
 * and dead-letter queues, and the every-minute sweep. Each entry module (the
 * production Worker, the test Worker) makes one with its own inputs, so demo
 * and test forms and bench routes are never part of a production build.
 */
export function leadgateWorker(options: LeadgateWorkerOptions) {
  const app = createApp(options);
  const forms = withPublished(options.forms);
  return {
    fetch: app.fetch,
    queue: queueHandler(forms),
    scheduled: async (_controller, env, ctx) => {
      ctx.waitUntil(sweepDeliveries(env, Date.now(), forms(env)));
      ctx.waitUntil(erasureRecords(env).expire());
    },
  } satisfies ExportedHandler<Env, QueueMessage>;
}
