import { createServer } from 'node:net';

/** The fixed local ports of the demo and the tests (see README). */
export const PORTS = {
  worker: 8787,
  perfectGym: 8791,
  virtuagym: 8792,
  connect: 8793,
  crm: 8794,
  turnstile: 8796,
  perfectgymClassic: 8797,
  /** A second Worker the restart test stops and starts, beside the suite's own. */
  restartWorker: 8795,
  hostPages: 8800,
} as const;

/** Fails early, naming the port, when something else already listens there. */
export async function assertPortFree(port: number, what: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () =>
      reject(new Error(`Port ${port} (${what}) is already in use. Is "npm start" still running? Stop it and try again.`)),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}
