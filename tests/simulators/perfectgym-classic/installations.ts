import { readFileSync } from 'node:fs';

/** An entry of one of the installation's dictionaries (clubs, agreement types, lead sources, …). */
export interface Named {
  readonly id: number;
  readonly name: string;
}

/** FACT (v1 `Crm/Lead/Agreements`): an agreement type has an id and a name. GUESS: `required`. */
export interface AgreementType extends Named {
  /** GUESS: a lead without this agreement agreed to is refused (`AgreementRequired`). */
  readonly required?: boolean;
}

/** A member as the OData `Members` set shows one. COMMUNITY: these properties; FACT (v1 users): homeClubId, isActive, isDeleted. */
export interface Member {
  readonly id: number;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly phoneNumber: string;
  readonly homeClubId: number;
  readonly isActive: boolean;
  readonly isDeleted: boolean;
}

/** One PGM installation as written in `installations.json`: everything but its API client's credentials. */
export interface InstallationDefinition {
  /** The first path segment, standing in for `<subdomain>` in `https://<subdomain>.perfectgym.com`. */
  readonly subdomain: string;
  readonly name: string;
  /** Name of the `.dev.vars` variable holding the API client's Client ID. */
  readonly clientIdEnv: string;
  /** Name of the `.dev.vars` variable holding the API client's Client Secret. */
  readonly clientSecretEnv: string;
  readonly clubs: readonly Named[];
  readonly agreements: readonly AgreementType[];
  readonly sources: readonly Named[];
  readonly campaigns: readonly Named[];
  /** COMMUNITY: `inquiredViaId` values such as 81 "Web form inquiry" (tenant-specific). */
  readonly inquiredVia: readonly Named[];
  readonly consultants: readonly Named[];
  readonly members: readonly Member[];
}

/** An installation ready to serve: its definition plus the credentials of its API client. */
export interface InstallationFixture extends InstallationDefinition {
  readonly clientId: string;
  readonly clientSecret: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isId = (value: unknown) => Number.isSafeInteger(value) && (value as number) > 0;
const isText = (value: unknown) => typeof value === 'string' && value !== '';
const isEnvName = (value: unknown) => typeof value === 'string' && /^[A-Z][A-Z0-9_]*$/.test(value);

function checkNamed(value: unknown, what: string): string | undefined {
  if (!Array.isArray(value)) return `${what} must be an array`;
  if (!value.every((item) => isObject(item) && isId(item.id) && isText(item.name))) return `every entry of ${what} needs a positive id and a name`;
  if (new Set(value.map((item) => (item as Named).id)).size !== value.length) return `${what} ids must be unique`;
  return undefined;
}

function checkMember(value: unknown, clubs: readonly Named[]): string | undefined {
  if (!isObject(value) || !isId(value.id)) return 'needs a positive id';
  if (!isText(value.firstName) || !isText(value.lastName) || !isText(value.email)) return 'needs a firstName, a lastName and an email';
  if (typeof value.phoneNumber !== 'string') return 'phoneNumber must be a string';
  if (!clubs.some((club) => club.id === value.homeClubId)) return `homeClubId ${String(value.homeClubId)} is no club`;
  if (typeof value.isActive !== 'boolean' || typeof value.isDeleted !== 'boolean') return 'isActive and isDeleted must be booleans';
  return undefined;
}

function checkDefinition(value: unknown, index: number): InstallationDefinition {
  const fail = (problem: string): never => {
    throw new Error(`installations.json[${index}]: ${problem}`);
  };
  if (!isObject(value)) return fail('must be an object');
  if (typeof value.subdomain !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(value.subdomain)) return fail('subdomain must be a lowercase path segment');
  if (!isText(value.name)) return fail('name must be a non-empty string');
  if (!isEnvName(value.clientIdEnv) || !isEnvName(value.clientSecretEnv)) return fail('clientIdEnv and clientSecretEnv must be environment-style names');
  if (value.clientIdEnv === value.clientSecretEnv) return fail('clientIdEnv and clientSecretEnv must differ');
  for (const what of ['clubs', 'agreements', 'sources', 'campaigns', 'inquiredVia', 'consultants'] as const) {
    const problem = checkNamed(value[what], what);
    if (problem !== undefined) return fail(problem);
  }
  if (!(value.agreements as Record<string, unknown>[]).every((a) => a.required === undefined || typeof a.required === 'boolean')) {
    return fail('agreements: required must be a boolean');
  }
  if (!Array.isArray(value.members)) return fail('members must be an array');
  for (const [memberIndex, member] of value.members.entries()) {
    const problem = checkMember(member, value.clubs as Named[]);
    if (problem !== undefined) return fail(`members[${memberIndex}]: ${problem}`);
  }
  if (new Set(value.members.map((m) => (m as Member).id)).size !== value.members.length) return fail('member ids must be unique');
  return value as unknown as InstallationDefinition;
}

/** Reads and checks the installations shipped beside this file. */
export function readInstallationDefinitions(): readonly InstallationDefinition[] {
  const raw: unknown = JSON.parse(readFileSync(new URL('./installations.json', import.meta.url), 'utf8'));
  if (!Array.isArray(raw)) throw new Error('installations.json must be an array');
  return raw.map(checkDefinition);
}

/**
 * Joins installations with their API clients' credentials. A missing value is a startup error
 * naming installation and variable, because a simulator that let any client in would hide a
 * misconfigured adapter.
 *
 * @example
 * const installations = loadInstallationFixtures({ PG_CLASSIC_DEMO_CLIENT_ID: 'id', PG_CLASSIC_DEMO_CLIENT_SECRET: 's' });
 */
export function loadInstallationFixtures(
  secrets: Readonly<Record<string, string>>,
  definitions: readonly InstallationDefinition[] = readInstallationDefinitions(),
): InstallationFixture[] {
  return definitions.map((definition) => {
    const clientId = secrets[definition.clientIdEnv] ?? '';
    const clientSecret = secrets[definition.clientSecretEnv] ?? '';
    for (const [value, env, what] of [
      [clientId, definition.clientIdEnv, 'Client ID'],
      [clientSecret, definition.clientSecretEnv, 'Client Secret'],
    ] as const) {
      if (value === '') throw new Error(`installation '${definition.subdomain}' needs its API client's ${what} in ${env} (.dev.vars)`);
    }
    return { ...definition, clientId, clientSecret };
  });
}
