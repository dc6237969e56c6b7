import * as v from 'valibot';
import { log } from '../../logger';
import { defineVendor } from '../vendor-descriptor';
import { brokerSessionSource } from './broker-session-source';
import { staticToken } from './crm-session';
import { intercodeCrmAdapter } from './intercode-crm-adapter';
import { IntercodeCrmConnectionSchema, IntercodeCrmDefaultsSchema } from './intercode-crm-config';

/**
 * A self-hosted CRM built on the Intercode SaaS Kit: a service account's login session (one
 * Durable Object per CRM and account) or a static bearer token, statuses by name, then `POST /leads`.
 */
export const intercodeCrm = defineVendor({
  name: 'intercode-crm',
  label: 'Intercode CRM',
  entries: {
    connection: IntercodeCrmConnectionSchema,
    defaults: IntercodeCrmDefaultsSchema,
    /** Where the visitor's message goes: into the description with the attribution, or as a comment on the lead. */
    message: v.optional(v.picklist(['description', 'comment'], 'must be "description" or "comment"'), 'description'),
  },
  // The kit scopes statuses and leads to the signed-in user's team, and a user belongs to one team:
  // the key is the base URL and the name of the secret that signs that user in.
  connectionKey: (form) => `intercode-crm:${form.connection.baseUrl}|team:${form.connection.login?.emailSecret ?? form.connection.tokenSecret}`,
  ratePerMinute: (form) => form.connection.rateLimitPerMinute,
  capabilities: {
    reconcile: {
      strategy: 'lookup',
      how: 'each lead’s description carries a `leadgate:<submission id>` line; after a lost answer, GET /leads/search by email and GET /leads/{id} look for it before another create',
    },
    attribution: { source: 'source', notes: 'description' },
  },
  createAdapter: (form, secrets, bindings) => {
    const { connection } = form;
    const { statusName, ...defaults } = form.defaults;
    const session = connection.login
      ? brokerSessionSource(bindings.CRM_SESSIONS, {
          baseUrl: connection.baseUrl,
          email: secrets(connection.login.emailSecret),
          password: secrets(connection.login.passwordSecret),
          timeoutMs: connection.timeoutMs,
        })
      : staticToken(secrets(connection.tokenSecret ?? ''));
    return intercodeCrmAdapter({
      baseUrl: connection.baseUrl,
      session,
      statusName,
      defaults,
      messageIn: form.message,
      timeoutMs: connection.timeoutMs,
      attribution: form.attribution,
      onCommentFailed: (reason) => log('warn', 'crm_comment_failed', undefined, { formId: form.id, reason }),
    });
  },
});
