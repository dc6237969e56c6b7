import type { SimulatorEntry } from '../simulator-entry';
import { createMagiclineConnectSimulator } from './magicline-connect-simulator';

/** Magicline Connect: no credentials; a tenant's base URL is `<url>/<tenant>`. */
export const magiclineConnectEntry = {
  name: 'magicline-connect',
  port: 8793,
  title: 'Magicline Connect simulator',
  example: '/connectdemo/connect/v2/studio',
  create: ({ now }) => createMagiclineConnectSimulator({ now }),
} as const satisfies SimulatorEntry;
