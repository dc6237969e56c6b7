import type { ClassicError } from './error-response';
import type { InstallationFixture, Named } from './installations';

/** COMMUNITY: the AddLead body seen across integrations, in the order it is checked. */
export const ADD_LEAD_PROPERTIES = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'clubId',
  'sourceId',
  'campaignId',
  'inquiredViaId',
  'consultantId',
  'agreements',
] as const;
type Property = (typeof ADD_LEAD_PROPERTIES)[number];

export interface AgreementInput {
  readonly id: number;
  readonly hasAgreed: boolean;
}

/** A body AddLead accepted, with the property names as the vendor spells them in JSON. */
export interface AddLeadInput {
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly phone?: string;
  readonly clubId: number;
  readonly sourceId?: number;
  readonly campaignId?: number;
  readonly inquiredViaId?: number;
  readonly consultantId?: number;
  readonly agreements: readonly AgreementInput[];
}

// GUESS: PerfectGym publishes no lengths; these are strict enough to be noticed.
export const LIMITS = { name: 50, email: 100 };

// GUESS: a plain address check; quotes and plus signs are allowed in the local part, as in real addresses.
const EMAIL = /^[^\s@"(),:;<>[\]\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$/;

// COMMUNITY: `PhoneNumberInvalid` exists, and integrations strip separators and add the country
// code before sending. GUESS: so the vendor wants E.164, a + and 7 to 15 digits, nothing else.
const PHONE = /^\+[1-9][0-9]{6,14}$/;

// GUESS: .NET spells model properties in PascalCase, and errors name them so.
const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;
const absent = (value: unknown) => value === undefined || value === null;

/**
 * Property names as .NET's JSON binding reads them: ignoring case (COMMUNITY: `clubId` is also
 * sent as `ClubId`). GUESS (strict, where the docs are silent): a property AddLead does not
 * have, or one given twice in two spellings, is refused rather than silently dropped.
 */
function readProperties(body: Record<string, unknown>, known: readonly string[], prefix: string, errors: ClassicError[]): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const [key, value] of Object.entries(body)) {
    const property = known.find((name) => name.toLowerCase() === key.toLowerCase());
    if (property === undefined) {
      errors.push({ code: 'UnknownProperty', property: `${prefix}${key}`, message: `The property '${key}' is not known.` });
    } else if (values.has(property)) {
      errors.push({ code: 'DuplicateProperty', property: `${prefix}${pascal(property)}`, message: `The property '${key}' is given twice.` });
    } else {
      values.set(property, value);
    }
  }
  return values;
}

function text(values: Map<string, unknown>, property: Property, max: number, errors: ClassicError[]): string | undefined {
  const value = values.get(property);
  const name = pascal(property);
  if (absent(value) || (typeof value === 'string' && value.trim() === '')) {
    errors.push({ code: `${name}Required`, property: name, message: `'${name}' must not be empty.` });
    return undefined;
  }
  if (typeof value !== 'string') {
    errors.push({ code: 'InvalidValue', property: name, message: `'${name}' must be a string.` });
    return undefined;
  }
  if ([...value].length > max) {
    errors.push({ code: `${name}TooLong`, property: name, message: `'${name}' must be ${max} characters or fewer.` });
    return undefined;
  }
  return value;
}

/** An optional dictionary id. GUESS (strict): JSON numbers only, though .NET would also read "12". */
function dictionaryId(
  values: Map<string, unknown>,
  property: Property,
  dictionary: readonly Named[],
  notFound: string,
  errors: ClassicError[],
): number | undefined {
  const value = values.get(property);
  const name = pascal(property);
  if (absent(value)) return undefined;
  if (!isId(value)) {
    errors.push({ code: 'InvalidValue', property: name, message: `'${name}' must be a positive whole number.` });
    return undefined;
  }
  if (!dictionary.some((entry) => entry.id === value)) {
    errors.push({ code: notFound, property: name, message: `No entry with id ${value} exists.` });
    return undefined;
  }
  return value;
}

function agreementsOf(value: unknown, installation: InstallationFixture, errors: ClassicError[]): AgreementInput[] {
  // GUESS: agreements are optional; a required agreement type is checked below.
  if (absent(value)) value = [];
  if (!Array.isArray(value)) {
    errors.push({ code: 'InvalidValue', property: 'Agreements', message: "'Agreements' must be a list." });
    return [];
  }
  const agreements: AgreementInput[] = [];
  value.forEach((entry: unknown, index) => {
    const at = `Agreements[${index}]`;
    if (!isObject(entry)) {
      errors.push({ code: 'InvalidValue', property: at, message: `'${at}' must be an object.` });
      return;
    }
    const before = errors.length;
    const values = readProperties(entry, ['id', 'hasAgreed'], `${at}.`, errors);
    const id = values.get('id');
    const hasAgreed = values.get('hasAgreed');
    if (!isId(id)) {
      errors.push({ code: 'InvalidValue', property: `${at}.Id`, message: `'${at}.Id' must be a positive whole number.` });
    } else if (!installation.agreements.some((type) => type.id === id)) {
      errors.push({ code: 'AgreementNotFound', property: `${at}.Id`, message: `No agreement type with id ${id} exists.` });
    } else if (agreements.some((agreement) => agreement.id === id)) {
      errors.push({ code: 'AgreementDuplicated', property: `${at}.Id`, message: `Agreement ${id} is given twice.` });
    }
    if (typeof hasAgreed !== 'boolean') {
      errors.push({ code: 'HasAgreedRequired', property: `${at}.HasAgreed`, message: `'${at}.HasAgreed' must be true or false.` });
    }
    if (errors.length === before) agreements.push({ id: id as number, hasAgreed: hasAgreed as boolean });
  });
  for (const type of installation.agreements.filter((t) => t.required)) {
    const index = agreements.findIndex((agreement) => agreement.id === type.id);
    if (index === -1 || !agreements[index]!.hasAgreed) {
      errors.push({
        code: 'AgreementRequired',
        property: index === -1 ? 'Agreements' : `Agreements[${index}].HasAgreed`,
        message: `The agreement '${type.name}' must be accepted.`,
      });
    }
  }
  return agreements;
}

/**
 * Checks an AddLead body against the installation and answers every problem at once (as .NET
 * validation does), or the accepted lead. GUESS, all of it but the property names and
 * `PhoneNumberInvalid`: which properties are required (the names, the email, the club, as every
 * integration sends them; v1 says "Fields requirements depends on system settings"), the other
 * codes and the messages.
 *
 * @example
 * const checked = validateAddLead({ firstName: 'Ada', lastName: 'L', email: 'ada@example.com', clubId: 1 }, installation);
 * if (Array.isArray(checked)) return c.json(errorsBody(checked), 400);
 */
export function validateAddLead(body: unknown, installation: InstallationFixture): AddLeadInput | ClassicError[] {
  if (!isObject(body)) return [{ code: 'InvalidRequestBody', message: 'The request body must be a JSON object.' }];
  const errors: ClassicError[] = [];
  const values = readProperties(body, ADD_LEAD_PROPERTIES, '', errors);

  const firstName = text(values, 'firstName', LIMITS.name, errors);
  const lastName = text(values, 'lastName', LIMITS.name, errors);
  let email = text(values, 'email', LIMITS.email, errors);
  if (email !== undefined && !EMAIL.test(email)) {
    errors.push({ code: 'EmailInvalid', property: 'Email', message: "'Email' is not a valid email address." });
    email = undefined;
  }
  const phoneValue = values.get('phone');
  let phone: string | undefined;
  // COMMUNITY: integrations send `"phone": ""` when there is none.
  if (!absent(phoneValue) && phoneValue !== '') {
    if (typeof phoneValue !== 'string' || !PHONE.test(phoneValue)) {
      errors.push({ code: 'PhoneNumberInvalid', property: 'Phone', message: 'The phone number is not valid.' });
    } else {
      phone = phoneValue;
    }
  }
  const clubValue = values.get('clubId');
  let clubId: number | undefined;
  if (absent(clubValue)) errors.push({ code: 'ClubIdRequired', property: 'ClubId', message: "'ClubId' must not be empty." });
  else clubId = dictionaryId(values, 'clubId', installation.clubs, 'ClubNotFound', errors);
  const sourceId = dictionaryId(values, 'sourceId', installation.sources, 'SourceNotFound', errors);
  const campaignId = dictionaryId(values, 'campaignId', installation.campaigns, 'CampaignNotFound', errors);
  const inquiredViaId = dictionaryId(values, 'inquiredViaId', installation.inquiredVia, 'InquiredViaNotFound', errors);
  const consultantId = dictionaryId(values, 'consultantId', installation.consultants, 'ConsultantNotFound', errors);
  const agreements = agreementsOf(values.get('agreements'), installation, errors);

  if (errors.length > 0) return errors;
  return {
    firstName: firstName!,
    lastName: lastName!,
    email: email!,
    ...(phone === undefined ? {} : { phone }),
    clubId: clubId!,
    ...(sourceId === undefined ? {} : { sourceId }),
    ...(campaignId === undefined ? {} : { campaignId }),
    ...(inquiredViaId === undefined ? {} : { inquiredViaId }),
    ...(consultantId === undefined ? {} : { consultantId }),
    agreements,
  };
}
