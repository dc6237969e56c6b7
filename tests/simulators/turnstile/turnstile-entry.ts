import type { SimulatorEntry } from '../simulator-entry';
import { createTurnstileSimulator } from './turnstile-simulator';
import { loadWidgetFixtures } from './widgets';

/** Cloudflare Turnstile: `api.js`, its challenge frame and `siteverify` under `/turnstile/v0/`. */
export const turnstileEntry = {
  name: 'turnstile',
  port: 8796,
  title: 'Turnstile simulator',
  example: '/turnstile/v0/api.js',
  create: async ({ secrets, now }) => createTurnstileSimulator({ widgets: loadWidgetFixtures(secrets), now }),
} as const satisfies SimulatorEntry;
