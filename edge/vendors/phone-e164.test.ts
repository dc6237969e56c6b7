import { describe, expect, it } from 'vitest';
import { toE164 } from './phone-e164';

describe('toE164', () => {
  it.each([
    ['+44 20 7946 0958', undefined, '+442079460958'],
    ['+44 (0)20 7946-0958', undefined, '+442079460958'],
    ['0044 20.7946/0958', 'DE', '+442079460958'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['20 7946 0958', 'GB', '+442079460958'],
    ['040 5550 1000', 'DE', '+494055501000'],
    ['06 1234 5678', 'IT', '+390612345678'],
    ['06 1 234 5678', 'HU', '+3612345678'],
    ['1 (212) 555-0100', 'US', '+12125550100'],
    ['212 555 0100', 'US', '+12125550100'],
    ['011 44 20 7946 0958', 'US', '+442079460958'],
  ] as const)('reads %s (default %s) as %s', (typed, country, e164) => {
    expect(toE164(typed, country)).toBe(e164);
  });

  it.each([
    ['a national number without a default country', '020 7946 0958', undefined],
    ['letters', 'call me', 'GB'],
    ['too few digits', '+44 20', 'GB'],
    ['more than 15 digits', '+44 2079 4609 5812 34', undefined],
    ['a country code starting with 0', '+0 20 7946 0958', undefined],
    ['only a trunk prefix', '0', 'GB'],
    ['a plus inside', '020+7946', 'GB'],
  ] as const)('refuses %s', (_name, typed, country) => {
    expect(toE164(typed, country)).toBeUndefined();
  });
});
