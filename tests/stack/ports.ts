import { createServer } from 'node:net';
import { SIMULATORS } from '../simulators/simulators';

/** The fixed local ports of the demo and the tests (see README), besides the simulators' in `SIMULATORS`. */
export const PORTS = {
  worker: 8787,
  /** A second Worker the restart test stops and starts, beside the suite's own. */
  restartWorker: 8795,
  hostPages: 8800,
  /** wrangler dev's DevTools inspector, which the edge bench profiles the Worker through. */
  workerInspector: 9229,
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
const STACK_PORTS = [...SIMULATORS.map(({ port, title }) => ({ port, what: title })), { port: PORTS.worker, what: 'Worker' }];

/** Fails early, naming the first port in use, when the stack's ports or `also` are not all free. */
export async function assertStackPortsFree(also: readonly { readonly port: number; readonly what: string }[] = []): Promise<void> {
  for (const { port, what } of [...STACK_PORTS, ...also]) await assertPortFree(port, what);
}
