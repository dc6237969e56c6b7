import { type ParseArgsConfig, parseArgs } from 'node:util';

type FlagOptions = NonNullable<ParseArgsConfig['options']>;

/** A benchmark's flags, strictly: an unknown one is named, with a pointer to --help. */
export function parseBenchFlags<const Options extends FlagOptions>(argv: readonly string[], options: Options) {
  try {
    return parseArgs({ args: [...argv], strict: true, options }).values;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /^Unknown option '([^']+)'/.exec(message);
    throw new Error(unknown ? `unknown option ${unknown[1]}; see --help` : message);
  }
}

/** A flag's whole number of at least `least`; throws an Error naming the flag otherwise. */
export function wholeNumber(flag: string, value: string, least: number): number {
  const number = /^\d+$/.test(value) ? Number(value) : -1;
  if (number >= least && Number.isSafeInteger(number)) return number;
  throw new Error(`${flag} "${value}" must be a whole number of at least ${least}`);
}

/** A flag's number of seconds, above 0 (or from 0); throws an Error naming the flag otherwise. */
export function seconds(flag: string, value: string, zeroAllowed: boolean): number {
  const number = /^\d+(?:\.\d+)?$/.test(value) ? Number(value) : -1;
  if (Number.isFinite(number) && (number > 0 || (zeroAllowed && number === 0))) return number;
  throw new Error(`${flag} "${value}" must be a number of seconds ${zeroAllowed ? 'from 0' : 'above 0'}`);
}
