import * as v from 'valibot';
import { ProfileConfigSchema } from '../../config/profile-config';
import { defineVendor } from '../vendor-descriptor';
import { brokerTokenSource } from './broker-token-source';
import { virtuagymAdapter } from './virtuagym-adapter';
import { VirtuagymAttributionConfigSchema, VirtuagymConnectionSchema, VirtuagymDefaultsSchema } from './virtuagym-config';

/**
 * Virtuagym v3: a documented fixed field list (no rules to fetch), a per-club
 * OAuth token from one Durable Object per club and client, and a lead that can
 * be updated, so a form may have a second step.
 */
export const virtuagym = defineVendor({
  name: 'virtuagym',
  label: 'Virtuagym',
  entries: {
    connection: VirtuagymConnectionSchema,
    defaults: v.optional(VirtuagymDefaultsSchema, {}),
    attribution: v.optional(VirtuagymAttributionConfigSchema, {}),
    /** Virtuagym can update a lead, so it can take a second step. */
    profile: v.optional(ProfileConfigSchema),
  },
  connectionKey: (form) => `virtuagym:${form.connection.apiBaseUrl}/clubs/${form.connection.clubId}`,
  ratePerMinute: (form) => form.connection.rateLimitPerMinute,
  capabilities: {
    secondStep: (form) => form.profile,
    reconcile: { strategy: 'none', how: 'a create whose answer was lost is sent again' },
    attribution: { source: 'source', notes: 'note' },
  },
  createAdapter: (form, secrets, bindings) => {
    const { connection } = form;
    const tokens = brokerTokenSource(bindings.VIRTUAGYM_TOKENS, {
      tokenUrl: connection.tokenUrl,
      clubId: connection.clubId,
      clientId: secrets(connection.clientIdSecret),
      clientSecret: secrets(connection.clientSecretSecret),
      timeoutMs: connection.timeoutMs,
    });
    return virtuagymAdapter({
      apiBaseUrl: connection.apiBaseUrl,
      clubId: connection.clubId,
      defaults: form.defaults,
      tokens,
      timeoutMs: connection.timeoutMs,
      attribution: form.attribution,
    });
  },
});
