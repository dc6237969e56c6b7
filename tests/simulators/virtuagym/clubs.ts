import { readFileSync } from 'node:fs';

/** A staff member who can own leads; the list's `owners` map is built from these. */
export interface StaffMember {
  readonly memberId: number;
  readonly firstname: string;
  readonly lastname: string;
}

/** One club as written in `clubs.json`: everything but its client's credentials. */
export interface ClubDefinition {
  /** The `<club_id>` of `/v3/clubs/<club_id>/…` and of the `x-represent-club-id` header. */
  readonly clubId: number;
  readonly name: string;
  /** Name of the `.dev.vars` variable holding the `client_id` registered for this club. */
  readonly clientIdEnv: string;
  /** Name of the `.dev.vars` variable holding that client's `client_secret`. */
  readonly clientSecretEnv: string;
  /** Token lifetime in seconds; COMMUNITY: 1800. */
  readonly expiresIn: number;
  /** When both variables are absent the club is left out instead of failing the start. */
  readonly optional?: boolean;
  readonly staff: readonly StaffMember[];
}

/** A club ready to serve: its definition plus its client's credentials. */
export interface ClubFixture extends ClubDefinition {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** COMMUNITY: tokens last ~30 minutes. */
export const DEFAULT_EXPIRES_IN = 1800;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const isEnvName = (value: unknown) => typeof value === 'string' && /^[A-Z][A-Z0-9_]*$/.test(value);
const isId = (value: unknown) => Number.isSafeInteger(value) && (value as number) > 0;

function checkStaff(value: unknown): string | undefined {
  if (!Array.isArray(value)) return 'staff must be an array';
  for (const member of value) {
    if (!isObject(member) || !isId(member.memberId)) return 'every staff member needs a positive memberId';
    if (typeof member.firstname !== 'string' || typeof member.lastname !== 'string') {
      return 'every staff member needs a firstname and a lastname';
    }
  }
  return undefined;
}

function checkDefinition(value: unknown, index: number): ClubDefinition {
  const fail = (problem: string): never => {
    throw new Error(`clubs.json[${index}]: ${problem}`);
  };
  if (!isObject(value)) return fail('must be an object');
  if (!isId(value.clubId)) return fail('clubId must be a positive integer');
  if (typeof value.name !== 'string' || value.name === '') return fail('name must be a non-empty string');
  if (!isEnvName(value.clientIdEnv)) return fail('clientIdEnv must be an environment-style name');
  if (!isEnvName(value.clientSecretEnv)) return fail('clientSecretEnv must be an environment-style name');
  if (!Number.isSafeInteger(value.expiresIn) || (value.expiresIn as number) < 1) {
    return fail('expiresIn must be a positive integer');
  }
  if (value.optional !== undefined && typeof value.optional !== 'boolean') return fail('optional must be a boolean');
  const problem = checkStaff(value.staff);
  if (problem !== undefined) return fail(problem);
  return value as unknown as ClubDefinition;
}

/** Reads and checks the club definitions shipped beside this file. */
export function readClubDefinitions(): readonly ClubDefinition[] {
  const raw: unknown = JSON.parse(readFileSync(new URL('./clubs.json', import.meta.url), 'utf8'));
  if (!Array.isArray(raw)) throw new Error('clubs.json must be an array');
  return raw.map(checkDefinition);
}

/**
 * Joins club definitions with their clients' credentials. A missing value is a startup error
 * naming club and variable, except for an `optional` club whose variables are both absent: that
 * club is skipped, because the demo only generates the first pair.
 *
 * @example
 * const clubs = loadClubFixtures({ VG_DEMO_CLIENT_ID: 'id', VG_DEMO_CLIENT_SECRET: 'secret' });
 */
export function loadClubFixtures(secrets: Readonly<Record<string, string>>, definitions: readonly ClubDefinition[] = readClubDefinitions()): ClubFixture[] {
  const fixtures: ClubFixture[] = [];
  for (const definition of definitions) {
    const clientId = secrets[definition.clientIdEnv] ?? '';
    const clientSecret = secrets[definition.clientSecretEnv] ?? '';
    if (definition.optional && clientId === '' && clientSecret === '') continue;
    for (const [value, env, what] of [
      [clientId, definition.clientIdEnv, 'client id'],
      [clientSecret, definition.clientSecretEnv, 'client secret'],
    ] as const) {
      if (value === '') {
        throw new Error(`club ${definition.clubId} '${definition.name}' needs its ${what} in ${env} (.dev.vars)`);
      }
    }
    fixtures.push({ ...definition, clientId, clientSecret });
  }
  return fixtures;
}
