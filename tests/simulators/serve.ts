import { PORTS } from '../stack/ports';
import { loadInstanceFixtures } from './intercode-crm/instances';
import type { IntercodeCrmSimulator } from './intercode-crm/intercode-crm-simulator';
import { createIntercodeCrmSimulator } from './intercode-crm/intercode-crm-simulator';
import type { MagiclineConnectSimulator } from './magicline-connect/magicline-connect-simulator';
import { createMagiclineConnectSimulator } from './magicline-connect/magicline-connect-simulator';
import { loadInstallationFixtures } from './perfectgym-classic/installations';
import type { PerfectGymClassicSimulator } from './perfectgym-classic/perfectgym-classic-simulator';
import { createPerfectGymClassicSimulator } from './perfectgym-classic/perfectgym-classic-simulator';
import type { PerfectGymSimulator } from './perfectgym-next/perfectgym-simulator';
import { createPerfectGymSimulator } from './perfectgym-next/perfectgym-simulator';
import { loadTenantFixtures } from './perfectgym-next/tenants';
import type { ServedApp } from './serve-app';
import { serveApp } from './serve-app';
import type { SimulatorApp } from './simulator-entry';
import type { TurnstileSimulator } from './turnstile/turnstile-simulator';
import { createTurnstileSimulator } from './turnstile/turnstile-simulator';
import { loadWidgetFixtures } from './turnstile/widgets';
import { loadClubFixtures } from './virtuagym/clubs';
import type { VirtuagymSimulator } from './virtuagym/virtuagym-simulator';
import { createVirtuagymSimulator } from './virtuagym/virtuagym-simulator';

type FetchHandler = SimulatorApp['fetch'];

/** The fixed local port of the PerfectGym Next / Magicline Open API simulator. */
export const PERFECTGYM_SIMULATOR_PORT = PORTS.perfectGym;

/** The fixed local port of the Virtuagym v3 simulator (token endpoint and gateway on one server). */
export const VIRTUAGYM_SIMULATOR_PORT = PORTS.virtuagym;

/** The fixed local port of the Magicline Connect API simulator (no credentials; tenant in the first path segment). */
export const MAGICLINE_CONNECT_SIMULATOR_PORT = PORTS.connect;

/** The fixed local port of the self-hosted CRM (Intercode SaaS Kit) simulator; instance in the first path segment. */
export const CRM_SIMULATOR_PORT = PORTS.crm;

/** The fixed local port of the Cloudflare Turnstile simulator (siteverify, api.js and its challenge). */
export const TURNSTILE_SIMULATOR_PORT = PORTS.turnstile;

/** The fixed local port of the PerfectGym Classic (PGM) simulator; installation in the first path segment. */
export const PERFECTGYM_CLASSIC_SIMULATOR_PORT = PORTS.perfectgymClassic;

export interface StartSimulatorsOptions {
  /**
   * Every `.dev.vars` value: each PerfectGym tenant's `apiKeyEnv`, each Virtuagym club's and
   * each PerfectGym Classic installation's `clientIdEnv` and `clientSecretEnv`.
   */
  readonly apiKeys: Readonly<Record<string, string>>;
  /** The PerfectGym simulator's port; defaults to 8791; 0 picks a free port. */
  readonly port?: number;
  /** The Virtuagym simulator's port; defaults to 8792; 0 picks a free port. */
  readonly virtuagymPort?: number;
  /** The Magicline Connect simulator's port; defaults to 8793; 0 picks a free port. */
  readonly connectPort?: number;
  /** The CRM simulator's port; defaults to 8794; 0 picks a free port. Its instances' `tokenEnv` values come from `apiKeys`. */
  readonly crmPort?: number;
  /** The PerfectGym Classic simulator's port; defaults to 8797; 0 picks a free port. */
  readonly perfectgymClassicPort?: number;
  /**
   * The Turnstile simulator's port, e.g. `TURNSTILE_SIMULATOR_PORT`; 0 picks a free port. Without it
   * the Turnstile simulator is not started: it needs `DEMO_TURNSTILE_SECRET` in `apiKeys`, which
   * callers written before it do not pass, and it would take port 8796 from a running stack.
   */
  readonly turnstilePort?: number;
  readonly now?: () => number;
}

export interface RunningSimulators {
  /** The PerfectGym simulator, e.g. `http://127.0.0.1:8791`; a tenant's base URL is `${url}/<tenant>/v1`. */
  readonly url: string;
  readonly perfectGym: PerfectGymSimulator;
  /**
   * The Virtuagym simulator, e.g. `http://127.0.0.1:8792`, standing in for both
   * `https://iam.services.virtuagym.com` (token) and `https://gateway.services.virtuagym.com` (leads).
   */
  readonly virtuagymUrl: string;
  readonly virtuagym: VirtuagymSimulator;
  /**
   * The Magicline Connect simulator, e.g. `http://127.0.0.1:8793`; a tenant's base URL is
   * `${connectUrl}/<tenant>`, standing in for `https://<tenant>.api.magicline.com`.
   */
  readonly connectUrl: string;
  readonly connect: MagiclineConnectSimulator;
  /**
   * The CRM simulator, e.g. `http://127.0.0.1:8794`; an instance's base URL is `${crmUrl}/<instance>`,
   * standing in for the self-hosted CRM's host.
   */
  readonly crmUrl: string;
  readonly crm: IntercodeCrmSimulator;
  /**
   * The PerfectGym Classic simulator, e.g. `http://127.0.0.1:8797`; an installation's base URL is
   * `${perfectgymClassicUrl}/<subdomain>`, standing in for `https://<subdomain>.perfectgym.com`.
   */
  readonly perfectgymClassicUrl: string;
  readonly perfectgymClassic: PerfectGymClassicSimulator;
  /**
   * The Turnstile simulator, e.g. `http://127.0.0.1:8796`, standing in for
   * `https://challenges.cloudflare.com` (`/turnstile/v0/siteverify`, `/turnstile/v0/api.js`);
   * present when `turnstilePort` was given.
   */
  readonly turnstileUrl?: string;
  readonly turnstile?: TurnstileSimulator;
  close(): Promise<void>;
}

/** What `startSimulators` answers when asked for the Turnstile simulator too. */
export interface RunningSimulatorsWithTurnstile extends RunningSimulators {
  readonly turnstileUrl: string;
  readonly turnstile: TurnstileSimulator;
}

/**
 * Starts the vendor simulators on 127.0.0.1, and the Turnstile simulator when `turnstilePort` is
 * given. Fails before listening when a fixture tenant has no API key, a (non-optional) Virtuagym
 * club has no client id or secret, a CRM instance has no token, a PerfectGym Classic installation
 * has no API client, or a wanted Turnstile widget has no secret.
 *
 * @example
 * const sims = await startSimulators({ apiKeys: readDevVars(), turnstilePort: TURNSTILE_SIMULATOR_PORT });
 * await fetch(`${sims.url}/demo-gym/v1/leads/config`, { headers: { 'X-API-KEY': 'k' } });
 * await fetch(`${sims.virtuagymUrl}/auth/realms/virtuagym/protocol/openid-connect/token`, { method: 'POST', body: form });
 * await fetch(`${sims.turnstileUrl}/turnstile/v0/siteverify`, { method: 'POST', body: new URLSearchParams({ secret, response }) });
 * await sims.close();
 */
export function startSimulators(options: StartSimulatorsOptions & { readonly turnstilePort: number }): Promise<RunningSimulatorsWithTurnstile>;
export function startSimulators(options: StartSimulatorsOptions): Promise<RunningSimulators>;
export async function startSimulators(options: StartSimulatorsOptions): Promise<RunningSimulators> {
  const clock = options.now ? { now: options.now } : {};
  const perfectGym = createPerfectGymSimulator({ tenants: loadTenantFixtures(options.apiKeys), ...clock });
  const virtuagym = createVirtuagymSimulator({ clubs: loadClubFixtures(options.apiKeys), ...clock });
  const crm = createIntercodeCrmSimulator({ instances: loadInstanceFixtures(options.apiKeys), ...clock });
  const turnstile = options.turnstilePort === undefined ? undefined : createTurnstileSimulator({ widgets: loadWidgetFixtures(options.apiKeys), ...clock });
  const classic = createPerfectGymClassicSimulator({ installations: loadInstallationFixtures(options.apiKeys), ...clock });
  const connect = await createMagiclineConnectSimulator(clock);
  // One after another; when one cannot listen, those already listening are closed again.
  const served: ServedApp[] = [];
  const serve = async (fetch: FetchHandler, port: number) => {
    try {
      const app = await serveApp(fetch, port);
      served.push(app);
      return app;
    } catch (error) {
      await Promise.all(served.map((app) => app.close()));
      throw error;
    }
  };
  const servedPerfectGym = await serve(perfectGym.fetch, options.port ?? PERFECTGYM_SIMULATOR_PORT);
  const servedVirtuagym = await serve(virtuagym.fetch, options.virtuagymPort ?? VIRTUAGYM_SIMULATOR_PORT);
  const servedConnect = await serve(connect.fetch, options.connectPort ?? MAGICLINE_CONNECT_SIMULATOR_PORT);
  const servedCrm = await serve(crm.fetch, options.crmPort ?? CRM_SIMULATOR_PORT);
  const servedTurnstile = turnstile && (await serve(turnstile.fetch, options.turnstilePort ?? TURNSTILE_SIMULATOR_PORT));
  const servedClassic = await serve(classic.fetch, options.perfectgymClassicPort ?? PERFECTGYM_CLASSIC_SIMULATOR_PORT);
  return {
    url: servedPerfectGym.url,
    perfectGym,
    virtuagymUrl: servedVirtuagym.url,
    virtuagym,
    connectUrl: servedConnect.url,
    connect,
    crmUrl: servedCrm.url,
    crm,
    perfectgymClassicUrl: servedClassic.url,
    perfectgymClassic: classic,
    ...(servedTurnstile ? { turnstileUrl: servedTurnstile.url, turnstile } : {}),
    close: async () => {
      await Promise.all(served.map((app) => app.close()));
    },
  };
}
