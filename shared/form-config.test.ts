import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FormConfigError, parseFormsFile } from './form-config';

const valid = {
  id: 'city-gym',
  vendor: 'perfectgym-next',
  connection: { baseUrl: 'https://city.open-api.perfectgym.com/v1', apiKeySecret: 'CITY_GYM_API_KEY' },
  allowedOrigins: ['https://www.city-gym.example', 'https://*.city-gym.example'],
  defaultLocale: 'de',
  consent: { privacyPolicyUrl: 'https://www.city-gym.example/privacy' },
};

function problems(forms: unknown[]): string {
  try {
    parseFormsFile({ forms });
  } catch (error) {
    expect(error).toBeInstanceOf(FormConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the config to be refused');
}

describe('parseFormsFile', () => {
  it('accepts the repository’s forms.json', () => {
    const forms = parseFormsFile(JSON.parse(readFileSync(new URL('../forms.json', import.meta.url), 'utf8')));
    expect([...forms.keys()]).toEqual(['demo-perfectgym', 'demo-magicline-open', 'demo-virtuagym', 'demo-magicline', 'demo-crm', 'test-hostile-labels', 'test-rate-limited', 'test-hostile-studios']);
  });

  it('fills the defaults an operator leaves out', () => {
    const form = parseFormsFile({ forms: [valid] }).get('city-gym')!;
    expect(form).toMatchObject({ cacheTtlSeconds: 300, consent: { marketing: 'matrix' }, connection: { timeoutMs: 10_000 } });
  });

  it.each([
    ['a secret value where its name belongs', { connection: { ...valid.connection, apiKeySecret: 'sk_live_8f7a6b' } }, 'form "city-gym": connection.apiKeySecret: must be the NAME of a Worker secret'],
    ['a base URL without /v1', { connection: { ...valid.connection, baseUrl: 'https://city.open-api.perfectgym.com' } }, 'form "city-gym": connection.baseUrl: must end with /v1'],
    ['an origin with a path', { allowedOrigins: ['https://www.city-gym.example/join'] }, 'form "city-gym": allowedOrigins.0: must be an origin'],
    ['no origins', { allowedOrigins: [] }, 'form "city-gym": allowedOrigins: must list at least one origin'],
    ['an unknown vendor', { vendor: 'gymsoft' }, 'form "city-gym": vendor: must be one of: perfectgym-next, magicline-open, virtuagym, magicline-connect, intercode-crm'],
    ['an unknown locale', { defaultLocale: 'xx' }, 'form "city-gym": defaultLocale'],
    ['an unknown optional field', { optionalFields: ['shoeSize'] }, 'form "city-gym": optionalFields.0: must be email, phone, gender'],
    ['a misspelt key', { alowedOrigins: [] }, 'form "city-gym": alowedOrigins'],
    ['a privacy link that is no URL', { consent: { privacyPolicyUrl: 'privacy.html' } }, 'form "city-gym": consent.privacyPolicyUrl: must be an absolute URL'],
    ['a too short cache', { cacheTtlSeconds: 1 }, 'form "city-gym": cacheTtlSeconds: must be at least 10'],
  ])('names the form and the field for %s', (_name, change, message) => {
    expect(problems([{ ...valid, ...change }])).toContain(message);
  });

  it('lists every broken form, by position when it has no id', () => {
    const message = problems([{ ...valid, id: 'a' }, { ...valid, id: undefined }, valid, valid]);
    expect(message).toContain('form "a": id: must be 2-63 lower-case letters');
    expect(message).toContain('form #2: id');
    expect(message).toContain('form "city-gym": id is used by another form too');
  });

  it('refuses a file without forms', () => {
    expect(() => parseFormsFile({ forms: [] }, 'forms.json')).toThrow('forms.json: forms: must list at least one form');
    expect(() => parseFormsFile([], 'forms.json')).toThrow(FormConfigError);
  });
});
