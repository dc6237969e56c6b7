import { readFileSync } from 'node:fs';
import type { LeadConfig } from './lead-config';
import { checkLeadConfig } from './lead-config';

/** Which product the tenant stands in for: both serve the same `/v1/leads` API (NOTES 2.1). */
export type TenantProduct = 'perfectgym-next' | 'magicline-open-api';

/** One tenant as written in `tenants.json`: everything but the secret. */
export interface TenantDefinition {
  /** The first path segment, standing in for `<tenant>` in `https://<tenant>.open-api.perfectgym.com`. */
  readonly tenant: string;
  readonly product: TenantProduct;
  /** Name of the `.dev.vars` variable that holds this tenant's `X-API-KEY`. */
  readonly apiKeyEnv: string;
  /** Studio language: the error-message language when `Accept-Language` names none we speak. */
  readonly language: string;
  /** Requests per minute per endpoint; the documented default is 1000. */
  readonly rateLimitPerMinute?: number;
  /** Customers the studio already has, for `DUPLICATE_CUSTOMER`. */
  readonly existingCustomerEmails: readonly string[];
  /** External ids of the studio's campaigns: the `externalIdentifier` values it takes. */
  readonly campaigns: readonly string[];
  readonly leadConfig: LeadConfig;
}

/** A tenant ready to serve: its definition plus the API key it accepts. */
export interface TenantFixture extends TenantDefinition {
  readonly apiKey: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function checkDefinition(value: unknown, index: number): TenantDefinition {
  const fail = (problem: string): never => {
    throw new Error(`tenants.json[${index}]: ${problem}`);
  };
  if (!isObject(value)) return fail('must be an object');
  if (typeof value.tenant !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(value.tenant)) {
    return fail('tenant must be a lowercase path segment');
  }
  if (value.product !== 'perfectgym-next' && value.product !== 'magicline-open-api') return fail('unknown product');
  if (typeof value.apiKeyEnv !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(value.apiKeyEnv)) {
    return fail('apiKeyEnv must be an environment-style name');
  }
  if (typeof value.language !== 'string' || !/^[a-z]{2}$/.test(value.language)) return fail('language must be 2 letters');
  const limit = value.rateLimitPerMinute;
  if (limit !== undefined && (!Number.isSafeInteger(limit) || (limit as number) < 1)) {
    return fail('rateLimitPerMinute must be a positive integer');
  }
  const emails = value.existingCustomerEmails;
  if (!Array.isArray(emails) || !emails.every((email) => typeof email === 'string')) {
    return fail('existingCustomerEmails must be an array of strings');
  }
  const campaigns = value.campaigns;
  if (!Array.isArray(campaigns) || !campaigns.every((id) => typeof id === 'string' && id !== '')) {
    return fail('campaigns must be an array of non-empty strings');
  }
  const problem = checkLeadConfig(value.leadConfig);
  if (problem !== undefined) return fail(`leadConfig: ${problem}`);
  return value as unknown as TenantDefinition;
}

/** Reads and checks the tenant definitions shipped beside this file. */
export function readTenantDefinitions(): readonly TenantDefinition[] {
  const raw: unknown = JSON.parse(readFileSync(new URL('./tenants.json', import.meta.url), 'utf8'));
  if (!Array.isArray(raw)) throw new Error('tenants.json must be an array');
  return raw.map(checkDefinition);
}

/**
 * Joins tenant definitions with their API keys. A tenant whose key is missing is a startup
 * error, because a simulator that accepts any key would hide a misconfigured adapter.
 *
 * @example
 * const tenants = loadTenantFixtures({ PG_DEMO_API_KEY: 'k1', ML_OPEN_DEMO_API_KEY: 'k2' });
 */
export function loadTenantFixtures(
  apiKeys: Readonly<Record<string, string>>,
  definitions: readonly TenantDefinition[] = readTenantDefinitions(),
): TenantFixture[] {
  return definitions.map((definition) => {
    const apiKey = apiKeys[definition.apiKeyEnv];
    if (apiKey === undefined || apiKey === '') {
      throw new Error(`tenant '${definition.tenant}' needs its API key in ${definition.apiKeyEnv} (.dev.vars)`);
    }
    return { ...definition, apiKey };
  });
}
