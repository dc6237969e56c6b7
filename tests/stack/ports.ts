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
    probe.once('error', () => reject(new Error(`Port ${port} (${what}) is already in use. Is "npm start" still running? Stop it and try again.`)));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/** The ports of the stack `npm start`, `npm test` and the benchmarks run: every simulator's and the Worker's. */
const STACK_PORTS = [
  { port: PORTS.perfectGym, what: 'PerfectGym simulator' },
  { port: PORTS.virtuagym, what: 'Virtuagym simulator' },
  { port: PORTS.connect, what: 'Magicline Connect simulator' },
  { port: PORTS.crm, what: 'CRM simulator' },
  { port: PORTS.turnstile, what: 'Turnstile simulator' },
  { port: PORTS.perfectgymClassic, what: 'PerfectGym Classic simulator' },
  { port: PORTS.worker, what: 'Worker' },
] as const;

/** Fails early, naming the first port in use, when the stack's ports or `also` are not all free. */
export async function assertStackPortsFree(also: readonly { readonly port: number; readonly what: string }[] = []): Promise<void> {
  for (const { port, what } of [...STACK_PORTS, ...also]) await assertPortFree(port, what);
}
