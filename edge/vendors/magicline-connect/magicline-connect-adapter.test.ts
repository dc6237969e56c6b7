import { inject } from 'vitest';
import { simulatorClient } from '../../../tests/stack/simulator-client';
import { adapterContract } from '../adapter-contract';
import { magiclineConnectAdapter } from './magicline-connect-adapter';

const url = inject('connectUrl');
const sim = simulatorClient(url);
const TENANT = 'connectdemo';
let n = 0;

const source = (baseUrl: string) => ({ baseUrl, studioIds: [1229489600], timeoutMs: 5000 });

adapterContract('magicline-connect', {
  adapter: () => magiclineConnectAdapter(source(`${url}/${TENANT}`)),
  // Connect has no credentials: the setup it can refuse is the tenant's address.
  misconfiguredAdapter: () => magiclineConnectAdapter(source(`${url}/no-such-tenant`)),
  validLead: () => ({ firstName: 'Jonas', lastName: 'Becker', email: `contract.${Date.now()}.${++n}@example.com` }),
  fault: async (fault) => {
    await sim.fault({ tenant: TENANT, endpoint: 'lead', ...fault });
  },
  stored: async () => (await sim.leads(TENANT)).length,
  reset: async () => {
    await sim.reset();
  },
});
