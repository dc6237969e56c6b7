import type { SimulatorEntry } from '../simulator-entry';
import { createWebhookReceiver } from './webhook-receiver';

/** Where the demo's and the tests' alert webhooks go: it records each call (see `GET /__sim/requests`). */
export const webhookReceiverEntry = {
  name: 'webhook-receiver',
  port: 8799,
  title: 'Alert webhook receiver',
  example: '/__sim/requests',
  create: async ({ now }) => createWebhookReceiver({ now }),
} as const satisfies SimulatorEntry;
