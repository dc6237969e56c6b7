/** Field modes of the lead config (NOTES 1.2: OPTIONAL, INACTIVE = disabled, MANDATORY). */
export const INPUT_FIELD_MODES = ['INACTIVE', 'OPTIONAL', 'MANDATORY'] as const;
export type InputFieldMode = (typeof INPUT_FIELD_MODES)[number];

export const ADDITIONAL_FIELD_TYPES = ['BOOLEAN', 'DATE', 'LIST', 'NUMERIC', 'TEXT'] as const;
export type AdditionalFieldType = (typeof ADDITIONAL_FIELD_TYPES)[number];

export const MESSAGE_CATEGORIES = ['CONTRACT', 'GENERAL', 'APPOINTMENT', 'NEWSLETTER', 'LOYALTY_PROGRAM'] as const;
export type MessageCategory = (typeof MESSAGE_CATEGORIES)[number];

export const COMMUNICATION_CHANNELS = ['LETTER', 'EMAIL', 'TEXT_MESSAGE', 'PHONE', 'FAX', 'CONVERSATION', 'CHAT', 'OTHER'] as const;
export type CommunicationChannel = (typeof COMMUNICATION_CHANNELS)[number];

export interface AdditionalFieldConfig {
  readonly additionalFieldId: number;
  readonly name: string;
  readonly type: AdditionalFieldType;
  readonly allowMultiSelection: boolean;
  readonly selectionValues?: readonly string[];
  readonly mode: InputFieldMode;
}

export interface ChannelConfig {
  readonly communicationChannel: CommunicationChannel;
  readonly customerOverridable?: boolean;
  readonly active?: boolean;
}

export interface CommunicationPreferenceConfig {
  readonly messageCategory: MessageCategory;
  readonly channels: readonly ChannelConfig[];
}

/** The body of `GET /v1/leads/config` (NOTES 1.2). */
export interface LeadConfig {
  readonly addressMode: InputFieldMode;
  readonly dateOfBirthMode: InputFieldMode;
  readonly genderMode: InputFieldMode;
  readonly telephoneMode: InputFieldMode;
  readonly additionalInformation?: readonly AdditionalFieldConfig[];
  readonly communicationPreferences?: readonly CommunicationPreferenceConfig[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const oneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (values as readonly string[]).includes(value);

function checkAdditionalField(field: unknown, at: string): string | undefined {
  if (!isObject(field)) return `${at} must be an object`;
  if (!Number.isSafeInteger(field.additionalFieldId)) return `${at}.additionalFieldId must be an integer`;
  if (typeof field.name !== 'string' || field.name === '') return `${at}.name must be a non-empty string`;
  if (!oneOf(ADDITIONAL_FIELD_TYPES, field.type)) return `${at}.type must be one of ${ADDITIONAL_FIELD_TYPES.join(', ')}`;
  if (typeof field.allowMultiSelection !== 'boolean') return `${at}.allowMultiSelection must be a boolean`;
  if (!oneOf(INPUT_FIELD_MODES, field.mode)) return `${at}.mode must be one of ${INPUT_FIELD_MODES.join(', ')}`;
  const values = field.selectionValues;
  if (values !== undefined && (!Array.isArray(values) || !values.every((v) => typeof v === 'string'))) {
    return `${at}.selectionValues must be an array of strings`;
  }
  if (field.type === 'LIST' && (!Array.isArray(values) || values.length === 0)) {
    return `${at}.selectionValues must be non-empty for a LIST field`;
  }
  if (field.type !== 'LIST' && field.allowMultiSelection) return `${at}.allowMultiSelection is only for LIST fields`;
  return undefined;
}

function checkPreference(preference: unknown, at: string): string | undefined {
  if (!isObject(preference)) return `${at} must be an object`;
  if (!oneOf(MESSAGE_CATEGORIES, preference.messageCategory)) {
    return `${at}.messageCategory must be one of ${MESSAGE_CATEGORIES.join(', ')}`;
  }
  if (!Array.isArray(preference.channels)) return `${at}.channels must be an array`;
  for (const [index, channel] of preference.channels.entries()) {
    const channelAt = `${at}.channels[${index}]`;
    if (!isObject(channel)) return `${channelAt} must be an object`;
    if (!oneOf(COMMUNICATION_CHANNELS, channel.communicationChannel)) {
      return `${channelAt}.communicationChannel must be one of ${COMMUNICATION_CHANNELS.join(', ')}`;
    }
    for (const flag of ['customerOverridable', 'active'] as const) {
      if (channel[flag] !== undefined && typeof channel[flag] !== 'boolean') return `${channelAt}.${flag} must be a boolean`;
    }
  }
  return undefined;
}

/**
 * Checks that a value has the documented lead config shape, so fixtures and test overrides
 * cannot put the simulator into a state the real vendor could never be in.
 * Returns a description of the first problem, or undefined when the shape is right.
 */
export function checkLeadConfig(config: unknown): string | undefined {
  if (!isObject(config)) return 'lead config must be an object';
  for (const key of ['addressMode', 'dateOfBirthMode', 'genderMode', 'telephoneMode'] as const) {
    if (!oneOf(INPUT_FIELD_MODES, config[key])) return `${key} must be one of ${INPUT_FIELD_MODES.join(', ')}`;
  }
  const known = new Set(['addressMode', 'dateOfBirthMode', 'genderMode', 'telephoneMode', 'additionalInformation', 'communicationPreferences']);
  const unknown = Object.keys(config).find((key) => !known.has(key));
  if (unknown !== undefined) return `unknown property ${unknown}`;

  const fields = config.additionalInformation;
  if (fields !== undefined) {
    if (!Array.isArray(fields)) return 'additionalInformation must be an array';
    const ids = new Set<unknown>();
    for (const [index, field] of fields.entries()) {
      const problem = checkAdditionalField(field, `additionalInformation[${index}]`);
      if (problem !== undefined) return problem;
      const id = (field as Record<string, unknown>).additionalFieldId;
      if (ids.has(id)) return `additionalInformation[${index}].additionalFieldId is repeated`;
      ids.add(id);
    }
  }
  const preferences = config.communicationPreferences;
  if (preferences !== undefined) {
    if (!Array.isArray(preferences)) return 'communicationPreferences must be an array';
    for (const [index, preference] of preferences.entries()) {
      const problem = checkPreference(preference, `communicationPreferences[${index}]`);
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
}
