import { env } from 'cloudflare:workers';
import { inject } from 'vitest';
import { crmControl } from '../../../tests/stack/simulator-client';
import { adapterContract } from '../adapter-contract';
import { intercodeCrmAdapter } from './intercode-crm-adapter';

const url = inject('crmUrl');
const crm = crmControl(url);
const INSTANCE = 'gym-crm';
let n = 0;

const adapter = (token: string) =>
  intercodeCrmAdapter({
    baseUrl: `${url}/${INSTANCE}`,
    token,
    statusName: 'New',
    defaults: { source: 'Website', business: [1], photo: '', state: 'Active', location: 'Hamburg', position: 'Prospect', company: 'Private' },
    messageIn: 'description',
    timeoutMs: 5000,
  });

const existing = async () => (await crm.instanceLeads(INSTANCE)).length;
let before = 0;

adapterContract('intercode-crm', {
  adapter: () => adapter(env.CRM_DEMO_TOKEN),
  misconfiguredAdapter: () => adapter('not-the-token'),
  validLead: () => ({ firstName: 'Lena', lastName: 'Koch', email: `contract.${Date.now()}.${++n}@example.com` }),
  // Past Leadgate's own schema: the kit's "email must be an email" lands on the email field.
  leadTheVendorRefuses: () => ({ lead: { firstName: 'Lena', lastName: 'Koch', email: 'not-an-email' }, field: 'email' }),
  fault: async (fault) => {
    await crm.fault({ tenant: INSTANCE, endpoint: 'create', ...fault });
  },
  // The fixture holds one customer already; the contract counts the leads it adds.
  stored: async () => (await existing()) - before,
  reset: async () => {
    await crm.reset();
    before = await existing();
  },
});
