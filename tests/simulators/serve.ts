import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { createPerfectGymSimulator } from './perfectgym-next/perfectgym-simulator';
import type { PerfectGymSimulator } from './perfectgym-next/perfectgym-simulator';
import { loadTenantFixtures } from './perfectgym-next/tenants';

type FetchHandler = Parameters<typeof createAdaptorServer>[0]['fetch'];

/** The fixed local port of the PerfectGym Next / Magicline Open API simulator. */
export const PERFECTGYM_SIMULATOR_PORT = 8791;

export interface StartSimulatorsOptions {
  /** Values for each fixture's `apiKeyEnv`, usually read from `.dev.vars`. */
  readonly apiKeys: Readonly<Record<string, string>>;
  /** Defaults to 8791; 0 picks a free port. */
  readonly port?: number;
  readonly now?: () => number;
}

export interface RunningSimulators {
  /** e.g. `http://127.0.0.1:8791`; a tenant's base URL is `${url}/<tenant>/v1`. */
  readonly url: string;
  readonly perfectGym: PerfectGymSimulator;
  close(): Promise<void>;
}

/**
 * Starts the vendor simulators on 127.0.0.1. Fails when a fixture tenant has no API key.
 *
 * @example
 * const sims = await startSimulators({ apiKeys: { PG_DEMO_API_KEY: 'k', ML_OPEN_DEMO_API_KEY: 'm' } });
 * await fetch(`${sims.url}/demo-gym/v1/leads/config`, { headers: { 'X-API-KEY': 'k' } });
 * await sims.close();
 */
export async function startSimulators(options: StartSimulatorsOptions): Promise<RunningSimulators> {
  const perfectGym = createPerfectGymSimulator({
    tenants: loadTenantFixtures(options.apiKeys),
    ...(options.now ? { now: options.now } : {}),
  });
  const served = await serveApp(perfectGym.fetch, options.port ?? PERFECTGYM_SIMULATOR_PORT);
  return { ...served, perfectGym };
}

/** A simulator listening on 127.0.0.1, as `serveApp` returns it. */
export interface ServedApp {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves one fetch handler on 127.0.0.1 over real HTTP, with node bindings so faults like `down`
 * can reach the socket.
 */
export async function serveApp(fetch: FetchHandler, port: number): Promise<ServedApp> {
  // The default createServer is node:http, so the server is a plain http.Server.
  const server = createAdaptorServer({ fetch }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Hung requests would otherwise keep close() waiting for ever.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
