import type { ConnectProblem } from './error-response';
import type { CampaignFixture, CommunicationSetting, TrialSessionConfig } from './tenants';

/** The fields of a `ConnectApiCreateLeadDto` the rules read; the spec check has already passed. */
export interface ConnectLeadBody {
  readonly studioId: number;
  readonly firstname: string;
  readonly lastname: string;
  readonly email?: string;
  readonly phone?: string;
  readonly dateOfBirth?: string;
  readonly gender?: string;
  readonly street?: string;
  readonly houseNumber?: string;
  readonly zipCode?: string;
  readonly city?: string;
  readonly countryCode?: string;
  readonly taxId?: string;
  readonly locale?: string;
  readonly sourceCampaignId?: number;
  readonly communicationPreferences?: readonly { readonly messageCategoryId?: number; readonly activeCommunicationChannels?: readonly string[] }[];
  readonly [field: string]: unknown;
}

/** What a studio's rules depend on. */
export interface StudioRules {
  readonly studioId: number;
  readonly config: TrialSessionConfig;
  readonly communicationSettings: readonly CommunicationSetting[];
  readonly campaigns: readonly CampaignFixture[];
}

type Field = 'firstname' | 'lastname' | 'email' | 'phone' | 'dateOfBirth' | 'gender' | 'street' | 'houseNumber' | 'zipCode' | 'city' | 'countryCode' | 'taxId';

// GUESS: the trial-session modes apply to leads too. The lead DTO has no place of birth, so
// placeOfBirthMode has nothing to require.
const MODE_FIELDS: readonly (readonly [keyof TrialSessionConfig, readonly Field[]])[] = [
  ['nameMode', ['firstname', 'lastname']],
  ['emailMode', ['email']],
  ['telephoneMode', ['phone']],
  ['dateOfBirthMode', ['dateOfBirth']],
  ['genderMode', ['gender']],
  ['addressMode', ['street', 'houseNumber', 'zipCode', 'city', 'countryCode']],
  ['zipMode', ['zipCode']],
  ['taxIdMode', ['taxId']],
];

// FACT: "ISO 639-1 two-letter language and country code (e.g. es_ES or de_DE)".
const LOCALE = /^[a-z]{2}_[A-Z]{2}$/;

const isBlank = (value: unknown) => typeof value !== 'string' || value.trim() === '';

/** Whole years between a `YYYY-MM-DD` birth date and today. */
function ageOn(dateOfBirth: string, today: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

// GUESS: the error DTO has no field of its own; every message here starts with the DTO field it
// concerns (`email: is mandatory…`), as the spec's bean-validation messages do.
function checkModes(lead: ConnectLeadBody, studio: StudioRules, today: string): ConnectProblem[] {
  const problems: ConnectProblem[] = [];
  const required = new Set<Field>();
  for (const [mode, fields] of MODE_FIELDS) {
    if (studio.config[mode] === 'MANDATORY') fields.forEach((field) => required.add(field));
  }
  // FACT: "dateOfBirthMode is mandatory if [minimumAge] is set".
  if (studio.config.minimumAge !== undefined) required.add('dateOfBirth');
  for (const field of required) {
    // GUESS: a blank string is as good as a missing field.
    if (isBlank(lead[field])) {
      problems.push({ code: 'REQUIRED_PARAMETER_MISSING', message: `${field}: is mandatory for studio ${studio.studioId}` });
    }
  }
  if (typeof lead.dateOfBirth === 'string') {
    // GUESS: the minimum age of trial sessions applies to leads; a birth date in the future is refused.
    if (lead.dateOfBirth > today) {
      problems.push({ code: 'VALIDATION_FAILED', message: 'dateOfBirth: must not be in the future' });
    } else if (studio.config.minimumAge !== undefined && ageOn(lead.dateOfBirth, today) < studio.config.minimumAge) {
      problems.push({
        code: 'VALIDATION_FAILED',
        message: `dateOfBirth: the customer must be at least ${studio.config.minimumAge} years old for studio ${studio.studioId}`,
      });
    }
  }
  return problems;
}

function checkPreferences(lead: ConnectLeadBody, studio: StudioRules): ConnectProblem[] {
  const preferences = lead.communicationPreferences;
  if (preferences === undefined) return [];
  const problems: ConnectProblem[] = [];
  const categories = new Map(studio.communicationSettings.map((s) => [s.messageCategory.databaseId, s]));
  const seen = new Set<number>();
  preferences.forEach((preference, index) => {
    const where = `communicationPreferences[${index}]`;
    const id = preference.messageCategoryId;
    if (id === undefined) {
      problems.push({ code: 'VALIDATION_FAILED', message: `${where}.messageCategoryId is required` });
      return;
    }
    const setting = categories.get(id);
    if (!setting) {
      problems.push({
        code: 'ENTITY_NOT_FOUND',
        message: `${where}.messageCategoryId ${id} is not a message category of studio ${studio.studioId} (known: ${[...categories.keys()].join(', ')})`,
      });
      return;
    }
    if (seen.has(id)) {
      problems.push({ code: 'VALIDATION_FAILED', message: `${where}.messageCategoryId ${id} appears more than once` });
      return;
    }
    seen.add(id);
    const offered = setting.communicationChannels.map((c) => c.communicationChannel);
    for (const channel of preference.activeCommunicationChannels ?? []) {
      if (!offered.includes(channel)) {
        problems.push({
          code: 'VALIDATION_FAILED',
          message: `${where}.activeCommunicationChannels: ${channel} is not a channel of message category ${id} in studio ${studio.studioId} (channels: ${offered.join(', ')})`,
        });
      }
    }
  });
  // FACT: "If specified, the list must contain an element for each message category."
  const missing = [...categories.keys()].filter((id) => !seen.has(id));
  if (missing.length > 0) {
    problems.push({
      code: 'VALIDATION_FAILED',
      message: `communicationPreferences must contain an element for each message category of studio ${studio.studioId}; missing: ${missing.join(', ')}`,
    });
  }
  return problems;
}

/**
 * The business rules of `POST /connect/v1/lead` beyond the spec's schema, for a known studio;
 * `today` is `YYYY-MM-DD`. Every problem is reported, not just the first.
 */
export function checkLeadRules(lead: ConnectLeadBody, studio: StudioRules, today: string): ConnectProblem[] {
  const problems = checkModes(lead, studio, today);
  if (lead.locale !== undefined && !LOCALE.test(lead.locale)) {
    problems.push({ code: 'VALIDATION_FAILED', message: `locale must be a language and a country code such as de_DE, not '${lead.locale}'` });
  }
  // GUESS: the campaign ids of GET /connect/v1/campaign for this studio are the valid ones.
  if (lead.sourceCampaignId !== undefined && !studio.campaigns.some((c) => c.id === lead.sourceCampaignId)) {
    problems.push({ code: 'ENTITY_NOT_FOUND', message: `sourceCampaignId ${lead.sourceCampaignId} is not an active campaign of studio ${studio.studioId}` });
  }
  problems.push(...checkPreferences(lead, studio));
  return problems;
}
