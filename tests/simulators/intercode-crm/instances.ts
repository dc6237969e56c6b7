import { readFileSync } from 'node:fs';
import type { LeadInput } from './validate-lead';
import { validateCreateLead } from './validate-lead';

/** A user of the kit, as comments show it; each token in the fixture logs one in. */
export interface CrmUser {
  readonly id: number;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
}

export interface LeadStatus {
  readonly id: number;
  readonly name: string;
  readonly primaryColor: string;
  readonly secondaryColor: string;
}

export interface Business {
  readonly id: number;
  readonly name: string;
}

/** A comment on a fixture lead, written by the instance's user. */
export interface FixtureComment {
  readonly content: string;
  readonly createdAt: string;
}

/** A lead the installation holds from the start: a valid `POST /leads` body plus its id, time and comments. */
export interface FixtureLead extends LeadInput {
  readonly id: number;
  readonly createdAt: string;
  readonly archived?: boolean;
  readonly comments?: readonly FixtureComment[];
}

/** One installation as written in `instances.json`: everything but its tokens. */
export interface InstanceDefinition {
  /** The first path segment, standing in for the self-hosted host: `http://127.0.0.1:8794/<instance>`. */
  readonly instance: string;
  readonly name: string;
  /** Name of the `.dev.vars` variable holding the bearer token of `user`, who may read and write leads. */
  readonly tokenEnv: string;
  readonly user: CrmUser;
  /** A user who may read leads but not change them; left out when its variable is absent. */
  readonly readOnly?: { readonly tokenEnv: string; readonly user: CrmUser };
  /**
   * A service account that signs in as `user` with `POST /auth/login`: the `.dev.vars` variables
   * holding its email and password. Left out when either variable is absent.
   */
  readonly login?: { readonly emailEnv: string; readonly passwordEnv: string };
  /** The colours a status may take (`GET /leads/statuses` → `colors`). */
  readonly colors: readonly string[];
  readonly statuses: readonly LeadStatus[];
  readonly businesses: readonly Business[];
  readonly leads: readonly FixtureLead[];
}

/** An installation ready to serve: its definition plus the token values it accepts. */
export interface InstanceFixture extends InstanceDefinition {
  readonly token: string;
  readonly readOnlyToken?: string;
  /** The service account's credentials, when both variables are set. */
  readonly credentials?: { readonly email: string; readonly password: string };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isId = (value: unknown) => Number.isSafeInteger(value) && (value as number) > 0;
const isText = (value: unknown) => typeof value === 'string' && value !== '';
const isEnvName = (value: unknown) => typeof value === 'string' && /^[A-Z][A-Z0-9_]*$/.test(value);
const isTime = (value: unknown) => typeof value === 'string' && !Number.isNaN(Date.parse(value));

function uniqueIds(items: readonly { id: number }[]): boolean {
  return new Set(items.map((item) => item.id)).size === items.length;
}

function checkUser(value: unknown): string | undefined {
  if (!isObject(value) || !isId(value.id)) return 'needs a positive id';
  if (!isText(value.firstName) || !isText(value.lastName) || !isText(value.email)) return 'needs a firstName, a lastName and an email';
  return undefined;
}

function checkLead(value: unknown, definition: Record<string, unknown>): string | undefined {
  if (!isObject(value) || !isId(value.id)) return 'needs a positive id';
  const { id: _id, createdAt, archived, comments, ...body } = value;
  const messages = validateCreateLead(body);
  if (Array.isArray(messages)) return messages.join('; ');
  if (!isTime(createdAt)) return 'createdAt must be an ISO time';
  if (archived !== undefined && typeof archived !== 'boolean') return 'archived must be a boolean';
  const statuses = definition.statuses as LeadStatus[];
  const businesses = definition.businesses as Business[];
  if (!statuses.some((status) => status.id === messages.statusId)) return `statusId ${messages.statusId} is no status`;
  const unknown = messages.business.find((businessId) => !businesses.some((business) => business.id === businessId));
  if (unknown !== undefined) return `business ${unknown} is no business`;
  if (comments !== undefined) {
    if (!Array.isArray(comments) || !comments.every((c) => isObject(c) && typeof c.content === 'string' && isTime(c.createdAt))) {
      return 'comments must be { content, createdAt } objects';
    }
  }
  return undefined;
}

function checkDefinition(value: unknown, index: number): InstanceDefinition {
  const fail = (problem: string): never => {
    throw new Error(`instances.json[${index}]: ${problem}`);
  };
  if (!isObject(value)) return fail('must be an object');
  if (typeof value.instance !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(value.instance) || value.instance === '__sim') {
    return fail('instance must be a lowercase path segment');
  }
  if (!isText(value.name)) return fail('name must be a non-empty string');
  if (!isEnvName(value.tokenEnv)) return fail('tokenEnv must be an environment-style name');
  const userProblem = checkUser(value.user);
  if (userProblem !== undefined) return fail(`user ${userProblem}`);
  if (value.readOnly !== undefined) {
    const readOnly = value.readOnly;
    if (!isObject(readOnly) || !isEnvName(readOnly.tokenEnv)) return fail('readOnly.tokenEnv must be an environment-style name');
    if (readOnly.tokenEnv === value.tokenEnv) return fail('readOnly.tokenEnv must differ from tokenEnv');
    const problem = checkUser(readOnly.user);
    if (problem !== undefined) return fail(`readOnly.user ${problem}`);
  }
  if (value.login !== undefined) {
    const login = value.login;
    if (!isObject(login) || !isEnvName(login.emailEnv) || !isEnvName(login.passwordEnv)) {
      return fail('login needs an emailEnv and a passwordEnv, environment-style names');
    }
  }
  if (!Array.isArray(value.colors) || value.colors.length === 0 || !value.colors.every(isText)) {
    return fail('colors must be a non-empty array of strings');
  }
  const colors = value.colors as string[];
  const statuses = value.statuses;
  if (!Array.isArray(statuses) || statuses.length === 0) return fail('statuses must be a non-empty array');
  for (const status of statuses) {
    if (!isObject(status) || !isId(status.id) || !isText(status.name)) return fail('every status needs a positive id and a name');
    if (!colors.includes(status.primaryColor as string) || !isText(status.secondaryColor)) {
      return fail(`status ${String(status.id)} needs a primaryColor from colors and a secondaryColor`);
    }
  }
  if (!uniqueIds(statuses as LeadStatus[])) return fail('status ids must be unique');
  const businesses = value.businesses;
  if (!Array.isArray(businesses) || !businesses.every((b) => isObject(b) && isId(b.id) && isText(b.name))) {
    return fail('businesses must be { id, name } objects');
  }
  if (!uniqueIds(businesses as Business[])) return fail('business ids must be unique');
  if (!Array.isArray(value.leads)) return fail('leads must be an array');
  for (const [leadIndex, lead] of value.leads.entries()) {
    const problem = checkLead(lead, value);
    if (problem !== undefined) return fail(`leads[${leadIndex}]: ${problem}`);
  }
  if (!uniqueIds(value.leads as FixtureLead[])) return fail('lead ids must be unique');
  const emails = (value.leads as FixtureLead[]).map((lead) => lead.email.toLowerCase());
  if (new Set(emails).size !== emails.length) return fail('lead emails must be unique');
  return value as unknown as InstanceDefinition;
}

/** Reads and checks the installations shipped beside this file. */
export function readInstanceDefinitions(): readonly InstanceDefinition[] {
  const raw: unknown = JSON.parse(readFileSync(new URL('./instances.json', import.meta.url), 'utf8'));
  if (!Array.isArray(raw)) throw new Error('instances.json must be an array');
  return raw.map(checkDefinition);
}

/**
 * Joins installations with their tokens. A missing token is a startup error naming instance and
 * variable, because a simulator that accepts any token would hide a misconfigured adapter; the
 * optional read-only user is left out when its variable is absent.
 *
 * @example
 * const instances = loadInstanceFixtures({ CRM_DEMO_TOKEN: 'token-from-dev-vars' });
 */
export function loadInstanceFixtures(
  secrets: Readonly<Record<string, string>>,
  definitions: readonly InstanceDefinition[] = readInstanceDefinitions(),
): InstanceFixture[] {
  return definitions.map((definition) => {
    const token = secrets[definition.tokenEnv] ?? '';
    if (token === '') {
      throw new Error(`CRM instance '${definition.instance}' ('${definition.name}') needs its API token in ${definition.tokenEnv} (.dev.vars)`);
    }
    const readOnlyToken = definition.readOnly ? (secrets[definition.readOnly.tokenEnv] ?? '') : '';
    if (readOnlyToken === token) {
      throw new Error(`CRM instance '${definition.instance}': ${definition.readOnly?.tokenEnv} must differ from ${definition.tokenEnv}`);
    }
    const email = definition.login ? (secrets[definition.login.emailEnv] ?? '') : '';
    const password = definition.login ? (secrets[definition.login.passwordEnv] ?? '') : '';
    return {
      ...definition,
      token,
      ...(readOnlyToken === '' ? {} : { readOnlyToken }),
      ...(email === '' || password === '' ? {} : { credentials: { email, password } }),
    };
  });
}
