import * as v from 'valibot';
import { LOCALES } from '../../shared/locales';

// The building blocks of a form config, shared by the common part and every vendor's part.
// Each message completes "<field path>: …" in the error that names a broken form.

const SECRET_NAME = /^[A-Z][A-Z0-9_]{1,63}$/;

export const HttpUrlSchema = v.pipe(
  v.string('must be a string'),
  v.url('must be an absolute URL'),
  v.check((u) => /^https?:\/\//.test(u), 'must start with https:// or http://'),
);

/** The NAME of a Worker secret (`wrangler secret put NAME`), never its value. */
export const SecretNameSchema = v.pipe(
  v.string('must be a string'),
  v.regex(SECRET_NAME, 'must be the NAME of a Worker secret (A-Z, 0-9, _), never the secret itself'),
);

/** A positive whole number: the vendor's ids for clubs, studios, sources, agreements… */
export const IdSchema = v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(1, 'must be positive'));

export const localized = <T extends v.GenericSchema>(schema: T) =>
  v.strictObject(
    Object.fromEntries(LOCALES.map((l) => [l, v.optional(schema)])) as Record<(typeof LOCALES)[number], v.OptionalSchema<T, undefined>>,
    `must be an object keyed by locale (${LOCALES.join(', ')})`,
  );

export const TextSchema = v.pipe(v.string('must be a string'), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(2000, 'is too long'));
export const LocalizedTextSchema = localized(TextSchema);

/** Per vendor call, in milliseconds. */
export const TimeoutSchema = v.optional(
  v.pipe(
    v.number('must be a number'),
    v.integer('must be whole milliseconds'),
    v.minValue(1000, 'must be at least 1000'),
    v.maxValue(30_000, 'must be at most 30000'),
  ),
  10_000,
);

/** A count from 1 to `max` (a rate, a limit), with the messages every count in a form config uses. */
export function countUpTo(max: number) {
  return v.pipe(
    v.number('must be a number'),
    v.integer('must be a whole number'),
    v.minValue(1, 'must be at least 1'),
    v.maxValue(max, `must be at most ${max}`),
  );
}

/**
 * The vendor's request budget for this connection, per minute and endpoint.
 * Deliveries are paced under it. A vendor that documents a limit has it as its
 * default (see its descriptor's `pacing`); the others have none unless set.
 */
export const RateLimitSchema = v.optional(countUpTo(100_000));
