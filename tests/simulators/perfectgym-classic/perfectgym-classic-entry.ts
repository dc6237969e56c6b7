import type { SimulatorEntry } from '../simulator-entry';
import { loadInstallationFixtures } from './installations';
import { createPerfectGymClassicSimulator } from './perfectgym-classic-simulator';

/** PerfectGym Classic (PGM): an installation's address is `<url>/<subdomain>`. */
export const perfectGymClassicEntry = {
  name: 'perfectgym-classic',
  port: 8797,
  title: 'PerfectGym Classic simulator',
  example: '/ironharbor/Api/v2.2/odata/Members',
  create: async ({ secrets, now }) => createPerfectGymClassicSimulator({ installations: loadInstallationFixtures(secrets), now }),
} as const satisfies SimulatorEntry;
