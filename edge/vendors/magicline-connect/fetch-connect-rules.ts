import * as v from 'valibot';
import { VendorMisconfiguredError, VendorUnavailableError } from '../vendor-adapter';
import { callVendor } from '../vendor-http';
import { CampaignListSchema, CommunicationSettingsSchema, type ConnectRules, StudioListSchema, TrialConfigSchema } from './connect-rules';
import { errorCodes } from './read-connect-error';

export interface ConnectSource {
  readonly baseUrl: string;
  readonly studioIds?: readonly number[];
  readonly studioTags?: readonly string[];
  readonly timeoutMs: number;
  /**
   * Called for a studio left out of the form because one of its calls failed (for example
   * 403 FEATURE_DISABLED): its id and the failure, never personal data.
   */
  readonly onStudioLeftOut?: (studioId: number, reason: string) => void;
}

async function getJson<T>(source: ConnectSource, path: string, schema: v.GenericSchema<unknown, T>): Promise<T> {
  const answer = await callVendor(`${source.baseUrl.replace(/\/+$/, '')}${path}`, { headers: { Accept: 'application/json' }, timeoutMs: source.timeoutMs });
  if (!answer.ok) throw new VendorUnavailableError(answer.reason);
  if (answer.status === 403) throw new VendorMisconfiguredError(`VENDOR_${errorCodes(answer.body)[0] ?? 'FORBIDDEN'}`);
  if (answer.status === 404) throw new VendorMisconfiguredError('VENDOR_NOT_FOUND');
  if (answer.status !== 200) throw new VendorUnavailableError(`status_${answer.status}`, answer.status);
  const parsed = v.safeParse(schema, answer.body);
  if (!parsed.success) throw new VendorUnavailableError('unreadable_answer');
  return parsed.output;
}

/**
 * The form's studios (`GET /connect/v2/studio`, by tags and ids), and per
 * studio its field modes, message categories and campaigns.
 */
export async function fetchConnectRules(source: ConnectSource): Promise<ConnectRules> {
  const tags = new URLSearchParams((source.studioTags ?? []).map((tag) => ['studioTags', tag]));
  const listed = await getJson(source, `/connect/v2/studio${tags.size ? `?${tags}` : ''}`, StudioListSchema);
  const wanted = source.studioIds ? new Set(source.studioIds) : undefined;
  const studios = listed
    .filter((s) => !wanted || wanted.has(s.id))
    .map((s) => ({ id: s.id, name: s.studioName, ...(s.address?.city ? { city: s.address.city } : {}) }));
  if (studios.length === 0) throw new VendorMisconfiguredError('VENDOR_NO_STUDIO');
  const perStudio: ConnectRules['perStudio'] = {};
  // One studio's failing call leaves that studio out, not the chain's whole form.
  const results = await Promise.allSettled(
    studios.map(async ({ id }) => {
      const [config, settings, campaigns] = await Promise.all([
        getJson(source, `/connect/v1/trialsession/config/validation?studioId=${id}`, TrialConfigSchema),
        getJson(source, `/connect/v1/studio/${id}/communication-settings`, CommunicationSettingsSchema),
        getJson(source, `/connect/v1/campaign?studioId=${id}`, CampaignListSchema),
      ]);
      perStudio[String(id)] = {
        config,
        categories: settings.map((s) => ({
          id: s.messageCategory.databaseId,
          name: s.messageCategory.name ?? String(s.messageCategory.databaseId),
          channels: s.communicationChannels.map((c) => ({
            channel: c.communicationChannel,
            active: c.active === true,
            overridable: c.customerOverridable === true,
          })),
        })),
        campaigns: campaigns.map((c) => ({ id: c.id, externalIdentifier: c.externalIdentifier })),
      };
    }),
  );
  const failures = results.flatMap((result, i) => (result.status === 'rejected' ? [[studios[i]!.id, result.reason as Error] as const] : []));
  // Every studio failing is the vendor's failure (down, or Connect not enabled): the cache keeps the last rules.
  if (failures.length === studios.length) throw failures[0]![1];
  for (const [id, error] of failures) source.onStudioLeftOut?.(id, failureReason(error));
  return { studios: studios.filter((s) => perStudio[String(s.id)]), perStudio };
}

function failureReason(error: Error): string {
  if (error instanceof VendorMisconfiguredError) return error.code;
  if (error instanceof VendorUnavailableError) return error.reason;
  return error.name;
}
