/** The documented create/update parameters, in the order of the vendor's table (and of checking). */
export const LEAD_PARAMETERS = [
  'firstname',
  'lastname',
  'email',
  'phone',
  'mobile',
  'gender',
  'birthday',
  'address',
  'address_2',
  'zip_code',
  'city',
  'state',
  'country',
  'formatted_address',
  'language',
  'status_id',
  'source',
  'note',
  'owner_id',
  'external_id',
  'lead_since',
  'deleted',
] as const;
export type LeadParameter = (typeof LEAD_PARAMETERS)[number];

/** The checked parameters of one request, every value as the string the record will hold. */
export type LeadInput = Partial<Record<LeadParameter, string>>;

/** FACT: the documented 400 message. */
export const CONTACT_REQUIRED = 'At least one of fields `email`, `phone` and `mobile` are required.';

/**
 * GUESS: the doc gives "3500+" for `note`; the simulator holds it to 3500, the least that
 * "3500+" promises, so a longer note is refused like any over-long parameter.
 */
export const NOTE_MAX_LENGTH = 3500;

type Rule =
  | { readonly kind: 'text'; readonly max: number; readonly required?: true }
  | { readonly kind: 'email' }
  | { readonly kind: 'gender' }
  | { readonly kind: 'date' }
  | { readonly kind: 'language' }
  | { readonly kind: 'integer'; readonly min: number; readonly max?: number; readonly required?: true }
  | { readonly kind: 'flag' };

// FACT: the "URL Max Length" column is the maximum length; type and allowed values from the table.
const RULES: Readonly<Record<LeadParameter, Rule>> = {
  firstname: { kind: 'text', max: 50, required: true },
  lastname: { kind: 'text', max: 50, required: true },
  email: { kind: 'email' },
  phone: { kind: 'text', max: 42 },
  mobile: { kind: 'text', max: 42 },
  gender: { kind: 'gender' },
  birthday: { kind: 'date' },
  address: { kind: 'text', max: 255 },
  address_2: { kind: 'text', max: 255 },
  zip_code: { kind: 'text', max: 255 },
  city: { kind: 'text', max: 255 },
  state: { kind: 'text', max: 255 },
  country: { kind: 'text', max: 255 },
  formatted_address: { kind: 'text', max: 255 },
  language: { kind: 'language' },
  // FACT: the table marks it mandatory (COMMUNITY: the live API defaults it to 1; the simulator holds to the table).
  status_id: { kind: 'integer', min: 1, max: 13, required: true },
  // GUESS: 0 is the records' "unset", so it is accepted to clear a source or an owner.
  source: { kind: 'integer', min: 0 },
  note: { kind: 'text', max: NOTE_MAX_LENGTH },
  owner_id: { kind: 'integer', min: 0 },
  external_id: { kind: 'text', max: 200 },
  lead_since: { kind: 'date' },
  deleted: { kind: 'flag' },
};

const EMAIL_MAX_LENGTH = 60;
const GENDERS = ['f', 'm'];
// GUESS: the doc names no email format; a plain address check, as any CRM would do.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

// PHP's mb_strlen counts characters, not UTF-16 units.
const length = (value: string) => [...value].length;

function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Integers arrive as JSON numbers or, as in the vendor's own example (`"status_id": "5"`), as digit strings. */
function readInteger(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^[0-9]{1,15}$/.test(value)) return Number(value);
  return undefined;
}

/** The normalised value, or the problem message. GUESS: all wording but the contact rule's. */
function check(name: LeadParameter, value: unknown): { value: string } | string {
  const rule = RULES[name];
  if (rule.kind === 'integer') {
    const number = readInteger(value);
    if (number === undefined || number < rule.min || (rule.max !== undefined && number > rule.max)) {
      return rule.max === undefined
        ? `\`${name}\` must be an integer of at least ${rule.min}.`
        : `\`${name}\` must be an integer between ${rule.min} and ${rule.max}.`;
    }
    return { value: String(number) };
  }
  if (rule.kind === 'flag') {
    const number = readInteger(value);
    return number === 0 || number === 1 ? { value: String(number) } : `\`${name}\` must be one of: 0, 1.`;
  }
  if (typeof value !== 'string') return `\`${name}\` must be a string.`;
  switch (rule.kind) {
    case 'text':
      if (rule.required && value.trim() === '') return `\`${name}\` is required.`;
      if (length(value) > rule.max) return `\`${name}\` must not be longer than ${rule.max} characters.`;
      return { value };
    case 'email':
      if (length(value) > EMAIL_MAX_LENGTH) return `\`${name}\` must not be longer than ${EMAIL_MAX_LENGTH} characters.`;
      // An empty email is allowed: it leaves (or makes) the field empty, and the contact rule decides.
      if (value !== '' && !EMAIL.test(value)) return `\`${name}\` must be a valid email address.`;
      return { value };
    case 'gender':
      return GENDERS.includes(value) ? { value } : `\`${name}\` must be one of: ${GENDERS.join(', ')}.`;
    case 'date':
      return isIsoDate(value) ? { value } : `\`${name}\` must be a valid date in the format YYYY-MM-DD.`;
    case 'language':
      return /^[A-Za-z]{2}$/.test(value) ? { value } : `\`${name}\` must be a 2-letter language code.`;
  }
}

/** True when at least one of email, phone and mobile is non-blank. */
export const hasContact = (lead: Partial<Record<'email' | 'phone' | 'mobile', string>>) =>
  [lead.email, lead.phone, lead.mobile].some((value) => value !== undefined && value.trim() !== '');

const isRequired = (name: LeadParameter) => {
  const rule = RULES[name];
  return (rule.kind === 'text' || rule.kind === 'integer') && rule.required === true;
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks a create or update body against the documented parameter table and returns the first
 * problem as the vendor's 400 message, or the normalised parameters. FACT: update takes "the same
 * parameters as Create"; GUESS: so an update is checked as a create is, mandatory parameters and
 * the one-of contact rule included, and a partial update is refused.
 *
 * @example
 * const checked = validateLead({ firstname: 'Ada', lastname: 'L', email: 'ada@example.com', status_id: 1 });
 * if (typeof checked === 'string') return c.json(failBody(checked), 400);
 */
export function validateLead(body: unknown): LeadInput | string {
  if (!isObject(body)) return 'The request body must be a JSON object.';
  // GUESS: strict; an unknown parameter (say `source_id` for `source`) is refused, not dropped.
  const unknown = Object.keys(body).find((key) => !(LEAD_PARAMETERS as readonly string[]).includes(key));
  if (unknown !== undefined) return `Unknown parameter \`${unknown}\`.`;

  const lead: LeadInput = {};
  for (const name of LEAD_PARAMETERS) {
    const value = body[name];
    // GUESS: like PHP's isset(), null counts as not sent.
    if (value === undefined || value === null) {
      if (isRequired(name)) return `\`${name}\` is required.`;
    } else {
      const checked = check(name, value);
      if (typeof checked === 'string') return checked;
      lead[name] = checked.value;
    }
    if (name === 'mobile' && !hasContact(lead)) return CONTACT_REQUIRED;
  }
  return lead;
}
