import type { SimulatorEntry } from '../simulator-entry';
import { createPerfectGymSimulator } from './perfectgym-simulator';
import { loadTenantFixtures } from './tenants';

/** PerfectGym Next and Magicline's Open API (the same API): a tenant's base URL is `<url>/<tenant>/v1`. */
export const perfectGymNextEntry = {
  name: 'perfectgym-next',
  port: 8791,
  title: 'PerfectGym / Magicline simulator',
  example: '/demo-gym/v1',
  create: async ({ secrets, now }) => createPerfectGymSimulator({ tenants: loadTenantFixtures(secrets), now }),
} as const satisfies SimulatorEntry;
