import { readFileSync } from 'node:fs';
import { DUMMY_SECRETS } from './test-keys';

/**
 * FACT: a widget is Managed (may ask for a click), Non-Interactive (never asks, stays visible)
 * or Invisible (never shown).
 */
export const WIDGET_MODES = ['managed', 'non-interactive', 'invisible'] as const;
export type WidgetMode = (typeof WIDGET_MODES)[number];

/** One widget as written in `widgets.json`: everything but its secret key. */
export interface WidgetDefinition {
  /** The public sitekey the page renders with, e.g. `0x4AAAAAAALeadgateDemoKey`. */
  readonly siteKey: string;
  /** Name of the `.dev.vars` variable holding the widget's secret key. */
  readonly secretEnv: string;
  /** FACT: hostnames the widget may be rendered on; each also allows its subdomains. */
  readonly domains: readonly string[];
  readonly mode: WidgetMode;
}

/** A widget ready to serve: its definition plus the secret key siteverify accepts for it. */
export interface WidgetFixture extends WidgetDefinition {
  readonly secret: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isEnvName = (value: unknown) => typeof value === 'string' && /^[A-Z][A-Z0-9_]*$/.test(value);
const isHostname = (value: unknown) => typeof value === 'string' && /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(value);

function checkDefinition(value: unknown, index: number): WidgetDefinition {
  const fail = (problem: string): never => {
    throw new Error(`widgets.json[${index}]: ${problem}`);
  };
  if (!isObject(value)) return fail('must be an object');
  const known = ['siteKey', 'secretEnv', 'domains', 'mode'];
  const unknown = Object.keys(value).find((key) => !known.includes(key));
  if (unknown !== undefined) return fail(`unknown property ${unknown}`);
  // COMMUNITY: real sitekeys start with 0x4 and are at most 32 characters.
  if (typeof value.siteKey !== 'string' || !/^0x4[A-Za-z0-9_-]{6,29}$/.test(value.siteKey)) {
    return fail('siteKey must look like a Turnstile sitekey (0x4…, at most 32 characters)');
  }
  if (!isEnvName(value.secretEnv)) return fail('secretEnv must be an environment-style name');
  if (!Array.isArray(value.domains) || value.domains.length === 0 || !value.domains.every(isHostname)) {
    return fail('domains must be a non-empty array of lowercase hostnames');
  }
  if (!WIDGET_MODES.some((mode) => mode === value.mode)) return fail(`mode must be one of ${WIDGET_MODES.join(', ')}`);
  return value as unknown as WidgetDefinition;
}

/** Reads and checks the widgets shipped beside this file. */
export function readWidgetDefinitions(): readonly WidgetDefinition[] {
  const raw: unknown = JSON.parse(readFileSync(new URL('./widgets.json', import.meta.url), 'utf8'));
  if (!Array.isArray(raw)) throw new Error('widgets.json must be an array');
  const definitions = raw.map(checkDefinition);
  const siteKeys = definitions.map((definition) => definition.siteKey);
  const twice = siteKeys.find((siteKey, index) => siteKeys.indexOf(siteKey) !== index);
  if (twice !== undefined) throw new Error(`widgets.json: sitekey ${twice} is defined twice`);
  return definitions;
}

/**
 * Joins widgets with their secret keys. A missing secret is a startup error naming widget and
 * variable, because a siteverify that accepts any secret would hide a misconfigured Worker; so is
 * a secret shared by two widgets or equal to one of Cloudflare's test secrets, since siteverify
 * tells widgets apart by their secret alone.
 *
 * @example
 * const widgets = loadWidgetFixtures({ DEMO_TURNSTILE_SECRET: 'secret-from-dev-vars' });
 */
export function loadWidgetFixtures(
  secrets: Readonly<Record<string, string>>,
  definitions: readonly WidgetDefinition[] = readWidgetDefinitions(),
): WidgetFixture[] {
  const fixtures = definitions.map((definition) => {
    const secret = secrets[definition.secretEnv] ?? '';
    if (secret === '') {
      throw new Error(`Turnstile widget '${definition.siteKey}' needs its secret key in ${definition.secretEnv} (.dev.vars)`);
    }
    if (DUMMY_SECRETS.some((dummy) => dummy.secret === secret)) {
      throw new Error(`Turnstile widget '${definition.siteKey}': ${definition.secretEnv} is one of Cloudflare's test secret keys`);
    }
    return { ...definition, secret };
  });
  const shared = fixtures.find((fixture, index) => fixtures.findIndex((other) => other.secret === fixture.secret) !== index);
  if (shared) throw new Error(`Turnstile widget '${shared.siteKey}': ${shared.secretEnv} holds the secret of another widget`);
  return fixtures;
}
