import { log } from '../../logger';
import { defineVendor } from '../vendor-descriptor';
import { magiclineConnectAdapter } from './magicline-connect-adapter';
import { MagiclineConnectConnectionSchema } from './magicline-connect-config';

/**
 * Magicline Connect, the tenant's public website API: no credentials. The
 * studios, their field modes, message categories and campaigns are the rules.
 */
export const magiclineConnect = defineVendor({
  name: 'magicline-connect',
  label: 'Magicline Connect',
  entries: { connection: MagiclineConnectConnectionSchema },
  // Two forms of one tenant with other studios must not share an entry.
  connectionKey: ({ connection: { baseUrl, studioIds, studioTags } }) =>
    `magicline-connect:${baseUrl}|${studioIds?.join(',') ?? '*'}|${studioTags?.join(',') ?? '*'}`,
  ratePerMinute: (form) => form.connection.rateLimitPerMinute,
  capabilities: {
    reconcile: {
      strategy: 'conflict',
      how: 'the create is sent again: a 409 CONFLICT for the same email means the first landed (delivered, without a vendor id); a lead without an email is undetermined, for an operator',
    },
    attribution: { campaign: 'sourceCampaignId', notes: 'notes' },
  },
  createAdapter: (form) =>
    magiclineConnectAdapter(
      {
        ...form.connection,
        onStudioLeftOut: (studioId, reason) => log('warn', 'connect_studio_left_out', undefined, { formId: form.id, studioId, reason }),
      },
      form.attribution,
    ),
});
