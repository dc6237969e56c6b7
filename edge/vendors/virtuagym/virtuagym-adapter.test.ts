import { env } from 'cloudflare:workers';
import { inject } from 'vitest';
import { virtuagymControl } from '../../../tests/stack/simulator-client';
import { resetBindings } from '../../test-migrations';
import { adapterContract } from '../adapter-contract';
import { brokerTokenSource } from './broker-token-source';
import { virtuagymAdapter } from './virtuagym-adapter';

const url = inject('virtuagymUrl');
const vg = virtuagymControl(url);
const CLUB = 41234;
let n = 0;

function adapter(clientSecret: string) {
  const tokenUrl = `${url}/auth/realms/virtuagym/protocol/openid-connect/token`;
  const tokens = brokerTokenSource(env.VIRTUAGYM_TOKENS, { tokenUrl, clubId: CLUB, clientId: env.VG_DEMO_CLIENT_ID, clientSecret, timeoutMs: 5000 });
  return virtuagymAdapter({ apiBaseUrl: url, clubId: CLUB, defaults: { statusId: 1 }, tokens, timeoutMs: 5000 });
}

adapterContract('virtuagym', {
  adapter: () => adapter(env.VG_DEMO_CLIENT_SECRET),
  // Keycloak answers invalid_client: the lead must be held for the operator, not retried.
  misconfiguredAdapter: () => adapter('not-the-secret'),
  validLead: () => ({ firstName: 'Sanne', lastName: 'de Vries', email: `contract.${Date.now()}.${++n}@example.com` }),
  // Neither email nor phone: the vendor's "At least one of fields …" lands on the contact group.
  leadTheVendorRefuses: () => ({ lead: { firstName: 'Sanne', lastName: 'de Vries' }, field: 'contact' }),
  fault: async (fault) => {
    await vg.fault({ tenant: String(CLUB), endpoint: 'create', ...fault });
  },
  stored: async () => (await vg.clubLeads(CLUB)).length,
  reset: async () => {
    await resetBindings();
    await vg.reset();
  },
});
