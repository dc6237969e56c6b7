import { env } from 'cloudflare:workers';
import { inject } from 'vitest';
import { simulatorClient } from '../../../tests/stack/simulator-client';
import { workerSecret } from '../../worker-secret';
import { adapterContract } from '../adapter-contract';
import { echoAdapter } from './echo-adapter';

const url = inject('simulators').echo;
const sim = simulatorClient(url);
const TENANT = 'echo-demo';
let n = 0;
const TIMEOUT_MS = 2000;

const adapter = (token: string) => echoAdapter({ baseUrl: `${url}/${TENANT}`, token, timeoutMs: TIMEOUT_MS });

adapterContract('echo', {
  adapter: () => adapter(workerSecret(env, 'ECHO_DEMO_TOKEN')),
  misconfiguredAdapter: () => adapter('not-the-token'),
  validLead: () => ({ firstName: 'Ada', lastName: 'Lovelace', email: `echo.${Date.now()}.${++n}@example.com` }),
  fault: (fault) => sim.fault({ tenant: TENANT, endpoint: 'create', ...fault }).then(() => undefined),
  // The store keeps the lead and answers after the adapter stopped waiting.
  loseNextAnswer: () => sim.fault({ tenant: TENANT, endpoint: 'create', mode: 'hang', delayMs: TIMEOUT_MS + 300, count: 1 }).then(() => undefined),
  afterLostAnswer: 'delivered',
  stored: async () => (await sim.leads(TENANT)).length,
  reset: () => sim.reset().then(() => undefined),
});
