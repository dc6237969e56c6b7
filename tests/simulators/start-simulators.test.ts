import type { Server } from 'node:net';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { assertPortFree } from '../stack/ports';
import { serveApp } from './serve-app';
import { SIMULATORS } from './simulators';
import { startSimulators } from './start-simulators';

// Every simulator gets a distinct made-up value for whatever secret its fixtures name.
const secrets = new Proxy({} as Record<string, string>, { get: (_, name) => `test-${String(name)}` });

/** `count` ports nothing listens on: held open together, so the system hands out distinct ones, then let go. */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Server>((resolve) => {
          const server = createServer();
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as { port: number }).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

describe('startSimulators', () => {
  it('starts every simulator of the list and answers its URL by name', async () => {
    const sims = await startSimulators({ secrets, ports: Object.fromEntries(SIMULATORS.map(({ name }) => [name, 0])) });
    try {
      expect(Object.keys(sims.urls)).toEqual(SIMULATORS.map(({ name }) => name));
      expect(new Set(Object.values(sims.urls)).size).toBe(SIMULATORS.length);
      for (const { name } of SIMULATORS) {
        const answer = await fetch(`${sims.urls[name]}/__sim/requests`);
        expect(answer.status, name).toBe(200);
      }
    } finally {
      await sims.close();
    }
  });

  it('closes the simulators already listening when one cannot listen', async () => {
    const taken = await serveApp(() => new Response('taken'), 0);
    try {
      const free = await freePorts(SIMULATORS.length - 1);
      // The last simulator finds its port taken, after all the others listen.
      const ports = Object.fromEntries(SIMULATORS.map(({ name }, index) => [name, free[index] ?? Number(new URL(taken.url).port)]));
      await expect(startSimulators({ secrets, ports })).rejects.toThrow(/EADDRINUSE/);
      for (const port of free) await assertPortFree(port, 'a simulator that was listening');
    } finally {
      await taken.close();
    }
  });
});
