import type { SimulatorEntry } from '../simulator-entry';
import { createEchoSimulator } from './echo-simulator';
import { loadEchoTenants } from './echo-tenants';

/** The echo vendor's lead store (tests only): a tenant's base URL is `<url>/<tenant>`. */
export const echoEntry = {
  name: 'echo',
  port: 8798,
  title: 'Echo (test vendor) simulator',
  example: '/echo-demo/leads',
  create: async ({ secrets, now }) => createEchoSimulator({ tenants: loadEchoTenants(secrets), now }),
} as const satisfies SimulatorEntry;
