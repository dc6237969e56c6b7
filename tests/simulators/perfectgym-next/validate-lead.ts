import type { MessageDetail, VendorErrorCode } from './error-response';
import type { AdditionalFieldConfig, InputFieldMode, LeadConfig } from './lead-config';
import { COMMUNICATION_CHANNELS, MESSAGE_CATEGORIES } from './lead-config';

/** The one field-level problem the vendor reports as a 400 (it returns a single error object). */
export interface LeadProblem {
  readonly code: VendorErrorCode;
  /** Dotted path into the request, e.g. `additionalInformation[2].value`; absent for a malformed body. */
  readonly reference?: string;
  readonly detail?: MessageDetail;
}

/** What the simulator relies on once a body passed `validateLead`. */
export interface ValidLead {
  readonly leadCustomer: { readonly email: string } & Readonly<Record<string, unknown>>;
  readonly [key: string]: unknown;
}

type Json = Readonly<Record<string, unknown>>;

class Refusal {
  constructor(readonly problem: LeadProblem) {}
}

function refuse(code: VendorErrorCode, reference?: string, detail?: MessageDetail): never {
  throw new Refusal({ code, ...(reference === undefined ? {} : { reference }), ...(detail ? { detail } : {}) });
}

const join = (parent: string, key: string) => (parent === '' ? key : `${parent}.${key}`);

// GUESS: like Jackson, an explicit null counts as "not sent".
const isSent = (value: unknown) => value !== undefined && value !== null;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const isBlank = (value: string) => value.trim() === '';

function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** An object whose keys are all known. GUESS: the simulator refuses unknown properties so typos surface. */
function object(value: unknown, reference: string, known: readonly string[]): Json {
  if (!isObject(value)) return refuse('INVALID_TYPE', reference, { expected: 'object' });
  const unknown = Object.keys(value).find((key) => !known.includes(key));
  if (unknown !== undefined) refuse('UNKNOWN_PROPERTY', join(reference, unknown));
  return value;
}

function array(value: unknown, reference: string): readonly unknown[] {
  if (!Array.isArray(value)) return refuse('INVALID_TYPE', reference, { expected: 'array' });
  return value;
}

function optionalString(parent: Json, key: string, reference: string): string | undefined {
  const value = parent[key];
  if (!isSent(value)) return undefined;
  if (typeof value !== 'string') return refuse('INVALID_TYPE', join(reference, key), { expected: 'string' });
  return value;
}

// GUESS: the docs give no lengths; the finer name and address parts are capped at 100
// characters so an adapter that sends whatever it gets is caught.
const PART_MAX_LENGTH = 100;

/** An optional free-text part with the guessed cap. */
function optionalPart(parent: Json, key: string, reference: string): string | undefined {
  const value = optionalString(parent, key, reference);
  if (value !== undefined && value.length > PART_MAX_LENGTH) refuse('TOO_LONG', join(reference, key), { expected: `at most ${PART_MAX_LENGTH} characters` });
  return value;
}

function requiredString(parent: Json, key: string, reference: string): string {
  const value = optionalString(parent, key, reference);
  if (value === undefined || isBlank(value)) return refuse('REQUIRED_FIELD_MISSING', join(reference, key));
  return value;
}

/** A field switched by a config mode; returns it when sent. */
function modeString(parent: Json, key: string, reference: string, mode: InputFieldMode): string | undefined {
  const sent = isSent(parent[key]);
  // GUESS: the docs leave open what INACTIVE does to a sent field; refusing it catches adapters
  // that ignore the config.
  if (sent && mode === 'INACTIVE') refuse('FIELD_INACTIVE', join(reference, key));
  if (mode === 'MANDATORY') return requiredString(parent, key, reference);
  return optionalString(parent, key, reference);
}

const GENDERS = ['MALE', 'FEMALE', 'UNISEX'];
const CUSTOMER_KEYS = ['thirdPartyId', 'firstname', 'secondFirstname', 'lastname', 'secondLastname', 'email', 'gender', 'dateOfBirth', 'telephone', 'language'];
const REQUIRED_ADDRESS_KEYS = ['street', 'houseNumber', 'zipCode', 'city', 'countryCode'];
const OPTIONAL_ADDRESS_KEYS = [
  'province',
  'provinceCode',
  'secondStreet',
  'cityPart',
  'district',
  'streetType',
  'streetBlock',
  'portal',
  'stairway',
  'door',
  'additionalAddressInformation',
  'floor',
  'buildingName',
];
const THIRD_PARTY_ID_MAX_LENGTH = 128;
// GUESS: the platform knows the languages its error messages come in (the documented
// Accept-Language list); a lead in any other language is refused.
const LANGUAGES = ['cs', 'de', 'en', 'es', 'fr', 'hu', 'it', 'nb', 'nl', 'pl', 'ro', 'ru', 'sl', 'sv', 'tr'];
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
// GUESS: undocumented; digits with the usual separators and an optional leading +.
const TELEPHONE = /^\+?[0-9][0-9 ()/.-]{3,24}$/;

function checkLeadCustomer(value: unknown, config: LeadConfig, today: string): void {
  const at = 'leadCustomer';
  if (!isSent(value)) refuse('REQUIRED_FIELD_MISSING', at);
  const customer = object(value, at, CUSTOMER_KEYS);
  const thirdPartyId = optionalString(customer, 'thirdPartyId', at);
  // GUESS: no length is documented; 128 characters, as long as any id a partner system hands out.
  if (thirdPartyId !== undefined && thirdPartyId.length > THIRD_PARTY_ID_MAX_LENGTH) {
    refuse('TOO_LONG', `${at}.thirdPartyId`, { expected: `at most ${THIRD_PARTY_ID_MAX_LENGTH} characters` });
  }
  requiredString(customer, 'firstname', at);
  optionalPart(customer, 'secondFirstname', at);
  requiredString(customer, 'lastname', at);
  optionalPart(customer, 'secondLastname', at);
  const email = requiredString(customer, 'email', at);
  if (!EMAIL.test(email.trim())) refuse('INVALID_EMAIL', `${at}.email`);

  const gender = modeString(customer, 'gender', at, config.genderMode);
  if (gender !== undefined && !GENDERS.includes(gender)) {
    refuse('INVALID_VALUE', `${at}.gender`, { allowed: GENDERS });
  }
  const dateOfBirth = modeString(customer, 'dateOfBirth', at, config.dateOfBirthMode);
  if (dateOfBirth !== undefined) {
    if (!isIsoDate(dateOfBirth)) refuse('INVALID_FORMAT', `${at}.dateOfBirth`, { expected: 'YYYY-MM-DD' });
    // GUESS: a birth date in the future or before 1900 is refused as implausible.
    if (dateOfBirth > today || dateOfBirth < '1900-01-01') refuse('INVALID_VALUE', `${at}.dateOfBirth`);
  }
  const telephone = modeString(customer, 'telephone', at, config.telephoneMode);
  if (telephone !== undefined && !TELEPHONE.test(telephone.trim())) {
    refuse('INVALID_FORMAT', `${at}.telephone`, { expected: '+49 89 1234567' });
  }

  if (isSent(customer.language)) {
    const languageAt = `${at}.language`;
    const language = object(customer.language, languageAt, ['languageCode', 'countryCode']);
    const code = requiredString(language, 'languageCode', languageAt);
    if (!/^[A-Za-z]{2}$/.test(code)) refuse('INVALID_FORMAT', `${languageAt}.languageCode`, { expected: 'de' });
    if (!LANGUAGES.includes(code.toLowerCase())) refuse('INVALID_VALUE', `${languageAt}.languageCode`, { allowed: LANGUAGES });
    const country = optionalString(language, 'countryCode', languageAt);
    if (country !== undefined && !/^[A-Z]{2}$/.test(country)) {
      refuse('INVALID_FORMAT', `${languageAt}.countryCode`, { expected: 'DE' });
    }
  }
}

function checkAddress(value: unknown, mode: InputFieldMode): void {
  const at = 'address';
  if (isSent(value) && mode === 'INACTIVE') refuse('FIELD_INACTIVE', at);
  if (!isSent(value)) {
    if (mode === 'MANDATORY') refuse('REQUIRED_FIELD_MISSING', at);
    return;
  }
  const address = object(value, at, [...REQUIRED_ADDRESS_KEYS, ...OPTIONAL_ADDRESS_KEYS]);
  for (const key of REQUIRED_ADDRESS_KEYS) requiredString(address, key, at);
  for (const key of OPTIONAL_ADDRESS_KEYS) optionalPart(address, key, at);
  if (!/^[A-Z]{2}$/.test(address.countryCode as string)) {
    refuse('INVALID_FORMAT', `${at}.countryCode`, { expected: 'DE' });
  }
}

function checkPreferences(value: unknown, config: LeadConfig): void {
  if (!isSent(value)) return;
  const configured = config.communicationPreferences ?? [];
  const seenCategories = new Set<string>();
  for (const [index, entry] of array(value, 'communicationPreferences').entries()) {
    const at = `communicationPreferences[${index}]`;
    const preference = object(entry, at, ['messageCategory', 'channels']);
    const category = requiredString(preference, 'messageCategory', at);
    if (!(MESSAGE_CATEGORIES as readonly string[]).includes(category)) {
      refuse('INVALID_VALUE', `${at}.messageCategory`, { allowed: MESSAGE_CATEGORIES });
    }
    const categoryConfig = configured.find((c) => c.messageCategory === category);
    if (!categoryConfig) {
      refuse('UNKNOWN_MESSAGE_CATEGORY', `${at}.messageCategory`, {
        allowed: configured.map((c) => c.messageCategory),
      });
      return;
    }
    if (seenCategories.has(category)) refuse('DUPLICATE_ENTRY', `${at}.messageCategory`);
    seenCategories.add(category);

    // GUESS: the schema does not mark channels required, but a category without channels says nothing.
    if (!isSent(preference.channels)) refuse('REQUIRED_FIELD_MISSING', `${at}.channels`);
    const seenChannels = new Set<string>();
    for (const [channelIndex, channelEntry] of array(preference.channels, `${at}.channels`).entries()) {
      const channelAt = `${at}.channels[${channelIndex}]`;
      const channel = object(channelEntry, channelAt, ['communicationChannel', 'customerOverridable', 'active']);
      const name = requiredString(channel, 'communicationChannel', channelAt);
      if (!(COMMUNICATION_CHANNELS as readonly string[]).includes(name)) {
        refuse('INVALID_VALUE', `${channelAt}.communicationChannel`, { allowed: COMMUNICATION_CHANNELS });
      }
      const channelConfig = categoryConfig.channels.find((c) => c.communicationChannel === name);
      if (!channelConfig) {
        refuse('UNKNOWN_COMMUNICATION_CHANNEL', `${channelAt}.communicationChannel`, {
          allowed: categoryConfig.channels.map((c) => c.communicationChannel),
        });
        return;
      }
      if (seenChannels.has(name)) refuse('DUPLICATE_ENTRY', `${channelAt}.communicationChannel`);
      seenChannels.add(name);
      if (isSent(channel.customerOverridable) && typeof channel.customerOverridable !== 'boolean') {
        refuse('INVALID_TYPE', `${channelAt}.customerOverridable`, { expected: 'boolean' });
      }
      if (!isSent(channel.active)) refuse('REQUIRED_FIELD_MISSING', `${channelAt}.active`);
      if (typeof channel.active !== 'boolean') refuse('INVALID_TYPE', `${channelAt}.active`, { expected: 'boolean' });
      // GUESS: "customerOverridable: false" means the studio's setting stands; a lead may not flip it.
      if (channelConfig.customerOverridable === false && channel.active !== (channelConfig.active ?? false)) {
        refuse('NOT_OVERRIDABLE', `${channelAt}.active`);
      }
    }
  }
}

function checkSingleValue(field: AdditionalFieldConfig, entry: Json, at: string): void {
  if (isSent(entry.values)) refuse('INVALID_VALUE', `${at}.values`);
  const value = field.mode === 'MANDATORY' ? requiredString(entry, 'value', at) : optionalString(entry, 'value', at);
  // GUESS: an entry must carry its value; to leave an optional field empty, leave the entry out.
  if (value === undefined) return refuse('REQUIRED_FIELD_MISSING', `${at}.value`);
  const valueAt = `${at}.value`;
  switch (field.type) {
    case 'TEXT':
      return;
    case 'NUMERIC':
      if (!/^-?\d+$/.test(value)) refuse('INVALID_FORMAT', valueAt, { expected: 'integer' });
      return;
    case 'DATE':
      if (!isIsoDate(value)) refuse('INVALID_FORMAT', valueAt, { expected: 'YYYY-MM-DD' });
      return;
    case 'BOOLEAN':
      if (value !== 'true' && value !== 'false') refuse('INVALID_VALUE', valueAt, { allowed: ['true', 'false'] });
      return;
    case 'LIST':
      if (!(field.selectionValues ?? []).includes(value)) {
        refuse('INVALID_VALUE', valueAt, { allowed: field.selectionValues ?? [] });
      }
      return;
  }
}

function checkMultiValues(field: AdditionalFieldConfig, entry: Json, at: string): void {
  // GUESS: a multi-select LIST takes `values` only; a lone `value` is refused rather than guessed at.
  if (isSent(entry.value)) refuse('INVALID_VALUE', `${at}.value`);
  if (!isSent(entry.values)) return refuse('REQUIRED_FIELD_MISSING', `${at}.values`);
  const values = array(entry.values, `${at}.values`);
  if (field.mode === 'MANDATORY' && values.length === 0) refuse('REQUIRED_FIELD_MISSING', `${at}.values`);
  const allowed = field.selectionValues ?? [];
  const seen = new Set<string>();
  for (const [index, value] of values.entries()) {
    const valueAt = `${at}.values[${index}]`;
    if (typeof value !== 'string') return refuse('INVALID_TYPE', valueAt, { expected: 'string' });
    if (!allowed.includes(value)) refuse('INVALID_VALUE', valueAt, { allowed });
    if (seen.has(value)) refuse('DUPLICATE_ENTRY', valueAt);
    seen.add(value);
  }
}

function checkAdditionalInformation(value: unknown, config: LeadConfig): void {
  const fields = config.additionalInformation ?? [];
  const sentIds = new Set<number>();
  if (isSent(value)) {
    for (const [index, entry] of array(value, 'additionalInformation').entries()) {
      const at = `additionalInformation[${index}]`;
      const item = object(entry, at, ['additionalFieldId', 'value', 'values']);
      const idAt = `${at}.additionalFieldId`;
      if (!isSent(item.additionalFieldId)) refuse('REQUIRED_FIELD_MISSING', idAt);
      const id = item.additionalFieldId;
      if (typeof id !== 'number' || !Number.isSafeInteger(id)) return refuse('INVALID_TYPE', idAt, { expected: 'integer' });
      const field = fields.find((f) => f.additionalFieldId === id);
      if (!field) return refuse('UNKNOWN_ADDITIONAL_FIELD', idAt);
      if (field.mode === 'INACTIVE') refuse('FIELD_INACTIVE', idAt);
      if (sentIds.has(id)) refuse('DUPLICATE_ENTRY', idAt);
      sentIds.add(id);
      if (field.type === 'LIST' && field.allowMultiSelection) checkMultiValues(field, item, at);
      else checkSingleValue(field, item, at);
    }
  }
  const missing = fields.find((f) => f.mode === 'MANDATORY' && !sentIds.has(f.additionalFieldId));
  // GUESS: a missing mandatory field has no index to point at, so the reference is the list itself.
  if (missing) refuse('REQUIRED_FIELD_MISSING', 'additionalInformation');
}

const TOP_LEVEL_KEYS = ['leadCustomer', 'address', 'communicationPreferences', 'additionalInformation', 'notes', 'externalIdentifier'];

/**
 * "The external ID of the Campaign associated with the lead". GUESS: an id that names no
 * campaign of the studio is refused (the docs are silent), so an adapter that sends the
 * page's utm value unchecked is caught. Matched exactly, as ids are.
 */
function checkCampaign(body: Json, campaigns: readonly string[]): void {
  const id = optionalString(body, 'externalIdentifier', '');
  if (id !== undefined && !campaigns.includes(id)) refuse('UNKNOWN_CAMPAIGN', 'externalIdentifier', { allowed: campaigns });
}

/**
 * Checks a `/v1/leads/validate` or `/v1/leads/create` body against the documented schema,
 * the tenant's lead config and its campaigns. Returns the first problem in document order, or undefined.
 *
 * @example
 * const problem = validateLead(body, tenant.leadConfig, '2026-05-01', ['CMPGN-123']);
 * if (problem) return c.json(errorBody(problem.code, 'en', problem.reference), 400);
 */
export function validateLead(body: unknown, config: LeadConfig, today: string, campaigns: readonly string[]): LeadProblem | undefined {
  try {
    if (!isObject(body)) return { code: 'MALFORMED_REQUEST' };
    object(body, '', TOP_LEVEL_KEYS);
    checkLeadCustomer(body.leadCustomer, config, today);
    checkAddress(body.address, config.addressMode);
    checkPreferences(body.communicationPreferences, config);
    checkAdditionalInformation(body.additionalInformation, config);
    optionalString(body, 'notes', '');
    checkCampaign(body, campaigns);
    return undefined;
  } catch (error) {
    if (error instanceof Refusal) return error.problem;
    throw error;
  }
}
