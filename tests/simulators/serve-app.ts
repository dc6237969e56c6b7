import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { SimulatorApp } from './simulator-entry';

/** A simulator listening on 127.0.0.1, as `serveApp` returns it. */
export interface ServedApp {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves one fetch handler on 127.0.0.1 over real HTTP, with node bindings so faults like `down`
 * can reach the socket.
 *
 * @example
 * const sim = await virtuagymEntry.create({ secrets });
 * const served = await serveApp(sim.fetch, 0); // 0: any free port
 * await fetch(`${served.url}/__sim/requests`);
 * await served.close();
 */
export async function serveApp(fetch: SimulatorApp['fetch'], port: number): Promise<ServedApp> {
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
