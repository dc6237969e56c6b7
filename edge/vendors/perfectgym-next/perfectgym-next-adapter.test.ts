import { env } from 'cloudflare:workers';
import { inject } from 'vitest';
import { simulatorClient } from '../../../tests/stack/simulator-client';
import { adapterContract } from '../adapter-contract';
import { perfectGymNextAdapter } from './perfectgym-next-adapter';

const sim = simulatorClient(inject('simulatorUrl'));
const baseUrl = `${inject('simulatorUrl')}/demo-gym/v1`;
let n = 0;

adapterContract('perfectgym-next', {
  adapter: () => perfectGymNextAdapter({ baseUrl, apiKey: env.PG_DEMO_API_KEY, timeoutMs: 5000 }),
  misconfiguredAdapter: () => perfectGymNextAdapter({ baseUrl, apiKey: 'not-the-key', timeoutMs: 5000 }),
  validLead: () => ({ firstName: 'Max', lastName: 'Muster', email: `contract.${Date.now()}.${++n}@example.com`, phone: '+49 30 1234567', custom: { '1246357243': false } }),
  // Without the phone the studio requires: sent straight to the adapter, past Leadgate's own schema.
  leadTheVendorRefuses: () => ({ lead: { firstName: 'Max', lastName: 'Muster', email: `refused.${Date.now()}@example.com`, custom: { '1246357243': true } }, field: 'phone' }),
  fault: async (fault) => {
    await sim.fault({ tenant: 'demo-gym', endpoint: 'validate', ...fault });
  },
  stored: async () => (await sim.leads('demo-gym')).length,
  reset: async () => {
    await sim.reset();
  },
});

// Magicline's Open API has the same /v1/leads endpoints: the same adapter, another tenant.
const magiclineBase = `${inject('simulatorUrl')}/ml-demo/v1`;
adapterContract('magicline-open', {
  adapter: () => perfectGymNextAdapter({ baseUrl: magiclineBase, apiKey: env.ML_OPEN_DEMO_API_KEY, timeoutMs: 5000 }),
  misconfiguredAdapter: () => perfectGymNextAdapter({ baseUrl: magiclineBase, apiKey: 'not-the-key', timeoutMs: 5000 }),
  validLead: () => ({ firstName: 'Ana', lastName: 'García', email: `contract.ml.${Date.now()}.${++n}@example.com`, custom: { '1310042871': 'Ausdauer' } }),
  // Without the goal the studio requires: sent straight to the adapter, past Leadgate's own schema.
  leadTheVendorRefuses: () => ({ lead: { firstName: 'Ana', lastName: 'García', email: `refused.ml.${Date.now()}@example.com` }, field: 'custom.1310042871' }),
  fault: async (fault) => {
    await sim.fault({ tenant: 'ml-demo', endpoint: 'validate', ...fault });
  },
  stored: async () => (await sim.leads('ml-demo')).length,
  reset: async () => {
    await sim.reset();
  },
});
