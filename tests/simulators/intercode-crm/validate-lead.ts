import type { DtoRules, PropertyRule } from './class-validator-rules';
import { arrayNotEmpty, each, isArray, isEmail, isNotEmpty, isNumber, isObject, isOneOf, isString, validateDto } from './class-validator-rules';

/** GUESS: the page shows `state` as an enum with the example "Active" but lists no values. */
export const LEAD_STATES = ['Active', 'Inactive'] as const;
export type LeadState = (typeof LEAD_STATES)[number];

/** The optional `socialMedia` object, as in the page's example body. */
export interface SocialMedia {
  readonly youtube?: string;
  readonly facebook?: string;
  readonly instagram?: string;
  readonly twitter?: string;
}

/** A `POST /leads` body that passed validation. */
export interface LeadInput {
  readonly firstName: string;
  readonly lastName: string;
  readonly business: readonly number[];
  readonly photo: string;
  readonly state: LeadState;
  readonly statusId: number;
  readonly source: string;
  readonly phoneNumber: readonly string[];
  readonly email: string;
  readonly description: string;
  readonly location: string;
  readonly position: string;
  readonly socialMedia?: SocialMedia;
  readonly company: string;
}

/** A `PUT /leads/:id` body that passed validation: only the fields to change. */
export type LeadChanges = Partial<LeadInput>;

const optionalString: PropertyRule = { optional: true, constraints: [isString] };

const SOCIAL_MEDIA: DtoRules = {
  youtube: optionalString,
  facebook: optionalString,
  instagram: optionalString,
  twitter: optionalString,
};

// FACT: every property but socialMedia is "Required", with the types of the page.
// GUESS: "Required" is read as class-validator's @IsNotEmpty() on every string and @ArrayNotEmpty()
// on every array, so an empty photo, location, position, company, source or description, and an
// empty phoneNumber or business list, are refused like a missing one (issue 15: a required value
// sent empty is no value). Unknown business ids are dropped when the lead is stored.
const CREATE_LEAD: DtoRules = {
  firstName: { constraints: [isNotEmpty, isString] },
  lastName: { constraints: [isNotEmpty, isString] },
  business: { constraints: [isArray, arrayNotEmpty, each(isNumber)] },
  photo: { constraints: [isNotEmpty, isString] },
  state: { constraints: [isOneOf(LEAD_STATES)] },
  statusId: { constraints: [isNumber] },
  source: { constraints: [isNotEmpty, isString] },
  phoneNumber: { constraints: [isArray, arrayNotEmpty, each(isNotEmpty), each(isString)] },
  email: { constraints: [isEmail] },
  description: { constraints: [isNotEmpty, isString] },
  location: { constraints: [isNotEmpty, isString] },
  position: { constraints: [isNotEmpty, isString] },
  socialMedia: { optional: true, constraints: [isObject], nested: SOCIAL_MEDIA },
  company: { constraints: [isNotEmpty, isString] },
};

// GUESS: the page marks the update fields "nullable, Required"; like a PartialType DTO, an absent
// or null field is left as it is and a given one is checked as on create.
const UPDATE_LEAD: DtoRules = Object.fromEntries(Object.entries(CREATE_LEAD).map(([name, rule]) => [name, { ...rule, optional: true }]));

/** The properties that were sent with a value; null counts as not sent. */
function given(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== null && value !== undefined));
}

/**
 * Checks a `POST /leads` body as the kit's ValidationPipe would; answers the 400's message array
 * when it fails.
 *
 * @example
 * const lead = validateCreateLead(body);
 * if (Array.isArray(lead)) return c.json(validationError(lead), 400);
 */
export function validateCreateLead(body: unknown): LeadInput | string[] {
  const messages = validateDto(body, CREATE_LEAD);
  return messages.length > 0 ? messages : (given(body as Record<string, unknown>) as unknown as LeadInput);
}

/** Checks a `PUT /leads/:id` body; answers the changes or the 400's message array. */
export function validateLeadChanges(body: unknown): LeadChanges | string[] {
  const messages = validateDto(body, UPDATE_LEAD);
  return messages.length > 0 ? messages : (given(body as Record<string, unknown>) as LeadChanges);
}
