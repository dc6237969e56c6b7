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

const adapter = (token: string) => echoAdapter({ baseUrl: `${url}/${TENANT}`, token, timeoutMs: 5000 });

adapterContract('echo', {
  adapter: () => adapter(workerSecret(env, 'ECHO_DEMO_TOKEN')),
  misconfiguredAdapter: () => adapter('not-the-token'),
  validLead: () => ({ firstName: 'Ada', lastName: 'Lovelace', email: `echo.${Date.now()}.${++n}@example.com` }),
  fault: (fault) => sim.fault({ tenant: TENANT, endpoint: 'create', ...fault }).then(() => undefined),
  stored: async () => (await sim.leads(TENANT)).length,
  reset: () => sim.reset().then(() => undefined),
});
