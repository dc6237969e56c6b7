import * as v from 'valibot';
import { ProfileConfigSchema } from '../../config/profile-config';
import { defineVendor } from '../vendor-descriptor';
import { brokerTokenSource } from './broker-token-source';
import { virtuagymAdapter } from './virtuagym-adapter';
import { VirtuagymAttributionConfigSchema, VirtuagymConnectionSchema, VirtuagymDefaultsSchema, VirtuagymExtraFieldsSchema } from './virtuagym-config';

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
    /** Documented fields asked for only when listed here: `mobile`, `address.line2`, `address.state`. */
    extraFields: v.optional(VirtuagymExtraFieldsSchema, []),
    /** Virtuagym can update a lead, so it can take a second step. */
    profile: v.optional(ProfileConfigSchema),
  },
  connectionKey: (form) => `virtuagym:${form.connection.apiBaseUrl}/clubs/${form.connection.clubId}`,
  ratePerMinute: (form) => form.connection.rateLimitPerMinute,
  capabilities: {
    secondStep: (form) => form.profile,
    reconcile: {
      strategy: 'lookup',
      how: 'every lead carries the submission id as external_id; after a lost answer the club’s lead list (newest first, back to when the lead was received) is searched for it before any new create',
    },
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
      extraFields: form.extraFields,
    });
  },
});
