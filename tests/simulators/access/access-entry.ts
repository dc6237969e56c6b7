import type { SimulatorEntry } from '../simulator-entry';
import { createAccessSimulator } from './access-simulator';
import { ACCESS_SIMULATOR } from './access-team';

/** Cloudflare Access for the demo's team: its signing keys at `/cdn-cgi/access/certs`, and tokens minted at `POST /__sim/token`. */
export const accessEntry = {
  name: 'access',
  port: ACCESS_SIMULATOR.port,
  title: 'Cloudflare Access simulator',
  example: '/cdn-cgi/access/certs',
  create: async ({ now }) => createAccessSimulator({ teamDomain: ACCESS_SIMULATOR.teamDomain, audience: ACCESS_SIMULATOR.audience, now }),
} as const satisfies SimulatorEntry;
