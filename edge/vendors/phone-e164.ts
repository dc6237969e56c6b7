/**
 * A country's calling code (ITU-T E.164) and the trunk prefixes its national numbers are dialled
 * with, which E.164 leaves out: `020 7946 0958` in GB is `+44 20 7946 0958`. A country without
 * a trunk prefix (Italy, Spain, Poland, the Nordic plans but Finland and Sweden…) keeps every digit.
 */
interface NumberingPlan {
  readonly code: string;
  readonly trunk: readonly string[];
}

const plan = (code: string, ...trunk: string[]): NumberingPlan => ({ code, trunk });

/** The countries a form can name as its `defaultCountry`, by ISO 3166-1 alpha-2 code. */
const PLANS = {
  AT: plan('43', '0'),
  AU: plan('61', '0'),
  BE: plan('32', '0'),
  BG: plan('359', '0'),
  CA: plan('1', '1'),
  CH: plan('41', '0'),
  CY: plan('357'),
  CZ: plan('420'),
  DE: plan('49', '0'),
  DK: plan('45'),
  EE: plan('372'),
  ES: plan('34'),
  FI: plan('358', '0'),
  FR: plan('33', '0'),
  GB: plan('44', '0'),
  GR: plan('30'),
  HR: plan('385', '0'),
  HU: plan('36', '06'),
  IE: plan('353', '0'),
  IS: plan('354'),
  IT: plan('39'),
  LI: plan('423'),
  LT: plan('370', '8', '0'),
  LU: plan('352'),
  LV: plan('371'),
  MT: plan('356'),
  NL: plan('31', '0'),
  NO: plan('47'),
  NZ: plan('64', '0'),
  PL: plan('48'),
  PT: plan('351'),
  RO: plan('40', '0'),
  SE: plan('46', '0'),
  SI: plan('386', '0'),
  SK: plan('421', '0'),
  TR: plan('90', '0'),
  US: plan('1', '1'),
  ZA: plan('27', '0'),
} as const satisfies Record<string, NumberingPlan>;

export type PhoneCountry = keyof typeof PLANS;
export const PHONE_COUNTRIES = Object.keys(PLANS) as PhoneCountry[];

// E.164: a + and at most 15 digits, the first not 0. Fewer than 7 is no subscriber number anywhere
// a gym's visitors call from.
const E164 = /^\+[1-9]\d{6,14}$/;

// Separators people type; "(0)" is the trunk prefix written after a country code, never dialled.
const SEPARATORS = /[\s()./-]/g;

/**
 * A phone number as E.164 (`+442079460958`), or undefined when it cannot be one: a number with
 * its country code (`+44…`, `0044…`, `011…` in North America) as it is, a national one with the
 * default country's code in place of its trunk prefix. Without a default country a national
 * number stays unreadable: guessing a country would send a lead to the wrong person.
 *
 * @example
 * toE164('020 7946 0958', 'GB') // '+442079460958'
 * toE164('+44 (0)20 7946-0958') // '+442079460958'
 * toE164('020 7946 0958') // undefined
 */
export function toE164(phone: string, defaultCountry?: PhoneCountry): string | undefined {
  const typed = phone.trim();
  const compact = typed.replace(/\(0\)/g, '').replace(SEPARATORS, '');
  if (!/^\+?\d+$/.test(compact)) return undefined;
  const e164 = (digits: string) => (E164.test(`+${digits}`) ? `+${digits}` : undefined);
  if (compact.startsWith('+')) return e164(compact.slice(1));
  const country = defaultCountry === undefined ? undefined : PLANS[defaultCountry];
  const exit = country?.code === '1' ? '011' : '00';
  if (compact.startsWith(exit)) return e164(compact.slice(exit.length));
  if (!country) return undefined;
  const trunk = country.trunk.find((prefix) => compact.startsWith(prefix));
  const national = trunk === undefined ? compact : compact.slice(trunk.length);
  // A trunk-prefix country's national number without the prefix (`20 7946 0958`) is read the same.
  if (national === '' || (country.trunk.length > 0 && national.startsWith('0'))) return undefined;
  return e164(`${country.code}${national}`);
}
