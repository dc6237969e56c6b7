import type { SimulatorEntry } from '../simulator-entry';
import { loadInstanceFixtures } from './instances';
import { createIntercodeCrmSimulator } from './intercode-crm-simulator';

/** The self-hosted CRM (Intercode SaaS Kit): an instance's base URL is `<url>/<instance>`. */
export const intercodeCrmEntry = {
  name: 'intercode-crm',
  port: 8794,
  title: 'Intercode CRM simulator',
  example: '/gym-crm/leads',
  create: async ({ secrets, now }) => createIntercodeCrmSimulator({ instances: loadInstanceFixtures(secrets), now }),
} as const satisfies SimulatorEntry;
