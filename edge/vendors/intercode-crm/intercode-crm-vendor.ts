import * as v from 'valibot';
import { log } from '../../logger';
import { defineVendor } from '../vendor-descriptor';
import { intercodeCrmAdapter } from './intercode-crm-adapter';
import { IntercodeCrmConnectionSchema, IntercodeCrmDefaultsSchema } from './intercode-crm-config';

/** A self-hosted CRM built on the Intercode SaaS Kit: bearer token, statuses by name, then `POST /leads`. */
export const intercodeCrm = defineVendor({
  name: 'intercode-crm',
  label: 'Intercode CRM',
  entries: {
    connection: IntercodeCrmConnectionSchema,
    defaults: v.optional(IntercodeCrmDefaultsSchema, {}),
    /** Where the visitor's message goes: into the description with the attribution, or as a comment on the lead. */
    message: v.optional(v.picklist(['description', 'comment'], 'must be "description" or "comment"'), 'description'),
  },
  connectionKey: (form) => `intercode-crm:${form.connection.baseUrl}`,
  ratePerMinute: (form) => form.connection.rateLimitPerMinute,
  capabilities: {
    reconcile: { strategy: 'none', how: 'a create whose answer was lost is sent again' },
    attribution: { source: 'source', notes: 'description' },
  },
  createAdapter: (form, secrets) => {
    const { statusName, ...defaults } = form.defaults;
    return intercodeCrmAdapter({
      baseUrl: form.connection.baseUrl,
      token: secrets(form.connection.tokenSecret),
      statusName,
      defaults,
      messageIn: form.message,
      timeoutMs: form.connection.timeoutMs,
      attribution: form.attribution,
      onCommentFailed: (reason) => log('warn', 'crm_comment_failed', undefined, { formId: form.id, reason }),
    });
  },
});
