/**
 * A small stand-in for class-validator behind NestJS's `ValidationPipe`: the same constraint
 * messages, the flattening of nested properties (`socialMedia.youtube must be a string`) and the
 * `forbidNonWhitelisted` refusal of unknown properties. GUESS: which decorators the kit's DTOs
 * carry; the messages are class-validator's own wording for them.
 */

/** One constraint: its message when the value fails, nothing when it passes. */
export type Constraint = (value: unknown, property: string) => string | undefined;

export interface PropertyRule {
  /** `@IsOptional()`: undefined and null skip every constraint. */
  readonly optional?: boolean;
  readonly constraints: readonly Constraint[];
  /** `@ValidateNested()`: the rules of the nested object's properties. */
  readonly nested?: DtoRules;
}

/** The rules of one DTO class, in the order its properties are declared. */
export type DtoRules = Readonly<Record<string, PropertyRule>>;

/** class-validator's answer when the body is no object at all (`forbidUnknownValues`). */
export const UNKNOWN_VALUE = 'an unknown value was passed to the validate function';

export const isObjectValue = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export const isString: Constraint = (value, property) => (typeof value === 'string' ? undefined : `${property} must be a string`);

export const isNotEmpty: Constraint = (value, property) =>
  value === undefined || value === null || value === '' ? `${property} should not be empty` : undefined;

export const isNumber: Constraint = (value, property) =>
  typeof value === 'number' && Number.isFinite(value) ? undefined : `${property} must be a number conforming to the specified constraints`;

export const isArray: Constraint = (value, property) => (Array.isArray(value) ? undefined : `${property} must be an array`);

/** `@ArrayNotEmpty()`: class-validator words it like `@IsNotEmpty()`. */
export const arrayNotEmpty: Constraint = (value, property) => (Array.isArray(value) && value.length > 0 ? undefined : `${property} should not be empty`);

export const isObject: Constraint = (value, property) => (isObjectValue(value) ? undefined : `${property} must be an object`);

// GUESS: validator.js's isEmail, reduced to what a lead form sends: a local part, a domain, a TLD of letters.
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/;

export const isEmail: Constraint = (value, property) =>
  typeof value === 'string' && value.length <= 254 && EMAIL.test(value) ? undefined : `${property} must be an email`;

/** `@IsEnum()` / `@IsIn()`. */
export const isOneOf =
  (values: readonly string[]): Constraint =>
  (value, property) =>
    typeof value === 'string' && values.includes(value) ? undefined : `${property} must be one of the following values: ${values.join(', ')}`;

/** `{ each: true }`: the constraint on every element of an array, or on the value itself when it is none. */
export const each =
  (constraint: Constraint): Constraint =>
  (value, property) => {
    const values = Array.isArray(value) ? value : [value];
    for (const element of values) {
      const problem = constraint(element, `each value in ${property}`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  };

function check(body: Record<string, unknown>, rules: DtoRules, prefix: string): string[] {
  const messages: string[] = [];
  // class-validator reports the properties the whitelist refuses before it checks the declared ones.
  for (const key of Object.keys(body)) {
    if (!Object.hasOwn(rules, key)) messages.push(`${prefix}property ${key} should not exist`);
  }
  for (const [property, rule] of Object.entries(rules)) {
    const value = body[property];
    if (rule.optional && (value === undefined || value === null)) continue;
    for (const constraint of rule.constraints) {
      const problem = constraint(value, property);
      if (problem !== undefined) messages.push(`${prefix}${problem}`);
    }
    if (rule.nested && isObjectValue(value)) messages.push(...check(value, rule.nested, `${prefix}${property}.`));
  }
  return messages;
}

/**
 * The `message` array NestJS's ValidationPipe answers a 400 with; empty when the body passes.
 *
 * @example
 * const messages = validateDto(body, { content: { optional: true, constraints: [isString] } });
 * if (messages.length > 0) return c.json(validationError(messages), 400);
 */
export function validateDto(body: unknown, rules: DtoRules): string[] {
  if (!isObjectValue(body)) return [UNKNOWN_VALUE];
  return check(body, rules, '');
}
