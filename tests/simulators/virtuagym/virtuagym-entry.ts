import type { SimulatorEntry } from '../simulator-entry';
import { loadClubFixtures } from './clubs';
import { createVirtuagymSimulator } from './virtuagym-simulator';

/** Virtuagym v3: the token endpoint and the gateway on one server. */
export const virtuagymEntry = {
  name: 'virtuagym',
  port: 8792,
  title: 'Virtuagym simulator',
  example: '/v3/clubs/41234/leads',
  create: async ({ secrets, now }) => createVirtuagymSimulator({ clubs: loadClubFixtures(secrets), now }),
} as const satisfies SimulatorEntry;
