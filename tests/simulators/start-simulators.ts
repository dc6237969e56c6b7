import type { ServedApp } from './serve-app';
import { serveApp } from './serve-app';
import type { SimulatorContext } from './simulator-entry';
import type { SimulatorName, SimulatorUrls } from './simulators';
import { SIMULATORS } from './simulators';

export interface StartSimulatorsOptions extends SimulatorContext {
  /** Ports other than the simulators' fixed ones, by name; 0 picks a free port. */
  readonly ports?: Readonly<Partial<Record<SimulatorName, number>>>;
}

export interface RunningSimulators {
  /** Each simulator's URL by its name, e.g. `urls.virtuagym` is `http://127.0.0.1:8792`. */
  readonly urls: SimulatorUrls;
  close(): Promise<void>;
}

/**
 * Starts every simulator of `SIMULATORS` on 127.0.0.1. Fails before any listens when a secret a
 * fixture names is missing from `secrets`; when one cannot listen, those already listening are
 * closed again.
 *
 * @example
 * const sims = await startSimulators({ secrets: readDevVars() });
 * await fetch(`${sims.urls['perfectgym-next']}/demo-gym/v1/leads/config`, { headers: { 'X-API-KEY': key } });
 * await fetch(`${sims.urls.turnstile}/turnstile/v0/siteverify`, { method: 'POST', body: new URLSearchParams({ secret, response }) });
 * await sims.close();
 */
export async function startSimulators(options: StartSimulatorsOptions): Promise<RunningSimulators> {
  const { ports = {}, ...context } = options;
  const apps = await Promise.all(SIMULATORS.map(async (entry) => ({ entry, app: await entry.create(context) })));
  const served: { readonly name: SimulatorName; readonly app: ServedApp }[] = [];
  const closeAll = async () => {
    await Promise.all(served.map(({ app }) => app.close()));
  };
  try {
    // One after another, so that those already listening are known when one cannot.
    for (const { entry, app } of apps) served.push({ name: entry.name, app: await serveApp(app.fetch, ports[entry.name] ?? entry.port) });
  } catch (error) {
    await closeAll();
    throw error;
  }
  return { urls: Object.fromEntries(served.map(({ name, app }) => [name, app.url])) as SimulatorUrls, close: closeAll };
}
