import type { createAdaptorServer } from '@hono/node-server';

/** What every simulator is built from; nothing vendor-specific. */
export interface SimulatorContext {
  /** Every `.dev.vars` value; a simulator takes the variables its fixtures name, and refuses to start, naming them, when one is missing. */
  readonly secrets: Readonly<Record<string, string>>;
  /** The clock for its logs, tokens and limits; tests move it. Defaults to `Date.now`. */
  readonly now?: () => number;
}

/** A simulator as `serveApp` serves it: its fetch handler, beside whatever control it exposes. */
export interface SimulatorApp {
  readonly fetch: Parameters<typeof createAdaptorServer>[0]['fetch'];
}

/**
 * One vendor simulator in `SIMULATORS`: each folder under `tests/simulators/` exports one.
 *
 * @example
 * export const virtuagymEntry = {
 *   name: 'virtuagym',
 *   port: 8792,
 *   title: 'Virtuagym simulator',
 *   example: '/v3/clubs/41234/leads',
 *   create: async ({ secrets, now }) => createVirtuagymSimulator({ clubs: loadClubFixtures(secrets), now }),
 * } as const satisfies SimulatorEntry;
 */
export interface SimulatorEntry {
  /** The vendor's name as the Worker spells it (a forms file's `vendor`), or the service's. */
  readonly name: string;
  /** Its fixed local port; `demo-forms.json`, `tests/test-forms.json` and the README name it. */
  readonly port: number;
  /** Its name in the `npm start` and `npm run simulators` banners and in "port in use" errors. */
  readonly title: string;
  /** A path worth opening first, shown in the banners after its URL. */
  readonly example: string;
  /** Builds it from its fixtures; fails before anything listens when a secret they name is missing. */
  create(context: SimulatorContext): Promise<SimulatorApp>;
}
