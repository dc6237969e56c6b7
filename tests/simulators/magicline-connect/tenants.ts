import { readFileSync } from 'node:fs';
import type { OpenApiValidator } from '../openapi-validator';

export const FIELD_MODES = ['INACTIVE', 'OPTIONAL', 'MANDATORY'] as const;
export type FieldMode = (typeof FIELD_MODES)[number];

/** `ConnectApiTrialSessionLeadConfigDto`: the field modes of `GET /connect/v1/trialsession/config/validation`. */
export interface TrialSessionConfig {
  readonly addressMode?: FieldMode;
  readonly dateOfBirthMode?: FieldMode;
  readonly emailMode?: FieldMode;
  readonly genderMode?: FieldMode;
  readonly nameMode?: FieldMode;
  readonly placeOfBirthMode?: FieldMode;
  readonly taxIdMode?: FieldMode;
  readonly telephoneMode?: FieldMode;
  readonly zipMode?: FieldMode;
  readonly minimumAge?: number;
}

/** `ConnectApiStudioDtoV2`, as served; the simulator reads only these fields itself. */
export interface ConnectStudio {
  readonly id: number;
  readonly studioName: string;
  readonly address?: { readonly zipCode?: string; readonly city?: string; readonly [field: string]: unknown };
  readonly studioTags?: readonly { readonly identifier: string; readonly name: string }[];
  readonly [field: string]: unknown;
}

/** `ConnectApiStudioCommunicationConfigurationDto`: one message category and its channels. */
export interface CommunicationSetting {
  readonly messageCategory: { readonly databaseId: number; readonly name?: string; readonly [field: string]: unknown };
  readonly communicationChannels: readonly { readonly communicationChannel: string; readonly active?: boolean; readonly customerOverridable?: boolean }[];
}

/** `ConnectApiCampaignDto` plus the studios it is active in. */
export interface CampaignFixture {
  readonly id: number;
  readonly name: string;
  readonly externalIdentifier: string;
  readonly studioIds: readonly number[];
}

export interface StudioFixture {
  readonly studio: ConnectStudio;
  readonly trialSessionConfig: TrialSessionConfig;
  /**
   * When absent, the tenant's. GUESS: a studio may have message categories of its own, with other
   * ids under the same names (Schwabing's have): the docs say to match categories by name.
   */
  readonly communicationSettings?: readonly CommunicationSetting[];
}

/** One tenant as written in `tenants.json`. Connect has no credentials, so there are no secrets. */
export interface ConnectTenantFixture {
  /** The first path segment, standing in for `<tenant>` in `https://<tenant>.api.magicline.com`. */
  readonly tenant: string;
  /** Customers the tenant already has: a lead with one of these emails is a 409 CONFLICT. */
  readonly existingCustomerEmails: readonly string[];
  readonly communicationSettings: readonly CommunicationSetting[];
  readonly campaigns: readonly CampaignFixture[];
  readonly studios: readonly StudioFixture[];
}

const SCHEMAS = '#/components/schemas';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isId = (value: unknown) => Number.isSafeInteger(value) && (value as number) > 0;

/** The shape the simulator relies on beyond the spec (which makes every field optional). */
function checkShape(value: unknown, index: number): ConnectTenantFixture {
  const fail = (problem: string): never => {
    throw new Error(`tenants.json[${index}]: ${problem}`);
  };
  if (!isObject(value)) return fail('must be an object');
  if (typeof value.tenant !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(value.tenant)) return fail('tenant must be a lowercase host label');
  const emails = value.existingCustomerEmails;
  if (!Array.isArray(emails) || !emails.every((email) => typeof email === 'string')) {
    return fail('existingCustomerEmails must be an array of strings');
  }
  const checkSettings = (settings: unknown, where: string) => {
    if (!Array.isArray(settings)) return fail(`${where} must be an array`);
    const ids = settings.map((s: unknown) => (isObject(s) && isObject(s.messageCategory) ? s.messageCategory.databaseId : undefined));
    if (!ids.every(isId)) return fail(`${where}: every messageCategory needs a databaseId`);
    if (new Set(ids).size !== ids.length) return fail(`${where}: a databaseId appears twice`);
    if (!settings.every((s: Record<string, unknown>) => Array.isArray(s.communicationChannels))) {
      return fail(`${where}: every entry needs communicationChannels`);
    }
    return undefined;
  };
  checkSettings(value.communicationSettings, 'communicationSettings');
  if (!Array.isArray(value.studios) || value.studios.length === 0) return fail('studios must be a non-empty array');
  const studioIds: unknown[] = [];
  value.studios.forEach((entry: unknown, i) => {
    if (!isObject(entry) || !isObject(entry.studio) || !isObject(entry.trialSessionConfig)) {
      return fail(`studios[${i}] needs a studio and a trialSessionConfig`);
    }
    if (!isId(entry.studio.id) || typeof entry.studio.studioName !== 'string') return fail(`studios[${i}] needs an id and a studioName`);
    if (entry.communicationSettings !== undefined) checkSettings(entry.communicationSettings, `studios[${i}].communicationSettings`);
    studioIds.push(entry.studio.id);
    return undefined;
  });
  if (new Set(studioIds).size !== studioIds.length) return fail('a studio id appears twice');
  if (!Array.isArray(value.campaigns)) return fail('campaigns must be an array');
  value.campaigns.forEach((campaign: unknown, i) => {
    if (!isObject(campaign) || !Array.isArray(campaign.studioIds) || !campaign.studioIds.every((id) => studioIds.includes(id))) {
      fail(`campaigns[${i}].studioIds must name studios of the tenant`);
    }
  });
  return value as unknown as ConnectTenantFixture;
}

/**
 * Checks every served object of the fixtures against the vendor's schemas, so a fixture can never
 * make the simulator answer something the spec does not allow.
 */
export async function checkTenantFixtures(tenants: readonly ConnectTenantFixture[], spec: OpenApiValidator): Promise<void> {
  const problems: string[] = [];
  const check = async (schema: string, value: unknown, where: string) => {
    for (const problem of await spec.checkValue(`${SCHEMAS}/${schema}`, value)) problems.push(`${where}: ${problem.message}`);
  };
  const tenantNames = new Set<string>();
  for (const tenant of tenants) {
    if (tenantNames.has(tenant.tenant)) problems.push(`tenant ${tenant.tenant} is defined twice`);
    tenantNames.add(tenant.tenant);
    for (const [i, setting] of tenant.communicationSettings.entries()) {
      await check('ConnectApiStudioCommunicationConfigurationDto', setting, `${tenant.tenant} communicationSettings[${i}]`);
    }
    for (const { studioIds: _, ...campaign } of tenant.campaigns) {
      await check('ConnectApiCampaignDto', campaign, `${tenant.tenant} campaign ${campaign.id}`);
    }
    for (const fixture of tenant.studios) {
      const where = `${tenant.tenant} studio ${fixture.studio.id}`;
      await check('ConnectApiStudioDtoV2', fixture.studio, where);
      await check('ConnectApiTrialSessionLeadConfigDto', fixture.trialSessionConfig, `${where} trialSessionConfig`);
      for (const [i, setting] of (fixture.communicationSettings ?? []).entries()) {
        await check('ConnectApiStudioCommunicationConfigurationDto', setting, `${where} communicationSettings[${i}]`);
      }
    }
  }
  if (problems.length > 0) throw new Error(`tenant fixtures do not match the Connect API spec:\n${problems.join('\n')}`);
}

/**
 * Reads the tenants shipped beside this file (`connectdemo`, the vendor's demo tenant name).
 *
 * @example
 * const sim = await createMagiclineConnectSimulator({ tenants: readTenantFixtures() });
 */
export function readTenantFixtures(): readonly ConnectTenantFixture[] {
  const raw: unknown = JSON.parse(readFileSync(new URL('./tenants.json', import.meta.url), 'utf8'));
  if (!Array.isArray(raw)) throw new Error('tenants.json must be an array');
  return raw.map(checkShape);
}
