import { describe, expect, it } from 'vitest';
import formsFile from '../../demo-forms.json';
import { FAULT_FORMS } from '../../tests/stack/fault-vendors';
import testFormsFile from '../../tests/test-forms.json';
import { FormConfigError, parseFormsFile } from './parse-forms-file';

const valid = {
  id: 'city-gym',
  vendor: 'perfectgym-next',
  connection: { baseUrl: 'https://city.open-api.perfectgym.com/v1', apiKeySecret: 'CITY_GYM_API_KEY' },
  allowedOrigins: ['https://www.city-gym.example', 'https://*.city-gym.example'],
  defaultLocale: 'de',
  consent: { privacyPolicyUrl: 'https://www.city-gym.example/privacy' },
};

const virtuagym = {
  ...valid,
  id: 'noord',
  vendor: 'virtuagym',
  connection: { clubId: 41234, clientIdSecret: 'NOORD_VG_CLIENT_ID', clientSecretSecret: 'NOORD_VG_CLIENT_SECRET' },
};

const classic = {
  ...valid,
  id: 'docklands',
  vendor: 'perfectgym-classic',
  connection: {
    baseUrl: 'https://ironharbor.perfectgym.com',
    clubId: 1,
    clientIdSecret: 'DOCKLANDS_PG_CLIENT_ID',
    clientSecretSecret: 'DOCKLANDS_PG_CLIENT_SECRET',
  },
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
  it('accepts demo-forms.json, which holds only the demo’s forms', () => {
    const forms = parseFormsFile(formsFile, 'demo-forms.json');
    expect([...forms.keys()]).toEqual(['demo-perfectgym', 'demo-magicline-open', 'demo-virtuagym', 'demo-magicline', 'demo-crm', 'demo-perfectgym-classic']);
  });

  it('accepts the tests’ own forms file, with the test, bench and fault-suite forms', () => {
    const forms = parseFormsFile(testFormsFile, 'tests/test-forms.json');
    expect([...forms.keys()]).toEqual([
      'test-hostile-labels',
      'test-rate-limited',
      'test-hostile-studios',
      'bench-perfectgym',
      'test-echo',
      'test-perfectgym-classic-gb',
      ...FAULT_FORMS,
      'test-crm-login',
      'test-retention',
      'test-jam',
      'test-turnstile-under-load',
      'test-alerts',
      'test-alerts-vendor-down-only',
    ]);
  });

  it('fills the defaults an operator leaves out', () => {
    const form = parseFormsFile({ forms: [valid] }).get('city-gym')!;
    expect(form).toMatchObject({ cacheTtlSeconds: 300, consent: { marketing: 'matrix' }, connection: { timeoutMs: 10_000 } });
  });

  it.each([
    [
      'a secret value where its name belongs',
      { connection: { ...valid.connection, apiKeySecret: 'sk_live_8f7a6b' } },
      'form "city-gym": connection.apiKeySecret: must be the NAME of a Worker secret',
    ],
    [
      'a base URL without /v1',
      { connection: { ...valid.connection, baseUrl: 'https://city.open-api.perfectgym.com' } },
      'form "city-gym": connection.baseUrl: must end with /v1',
    ],
    ['an origin with a path', { allowedOrigins: ['https://www.city-gym.example/join'] }, 'form "city-gym": allowedOrigins.0: must be an origin'],
    ['no origins', { allowedOrigins: [] }, 'form "city-gym": allowedOrigins: must list at least one origin'],
    [
      'an unknown vendor',
      { vendor: 'gymsoft' },
      'form "city-gym": vendor: must be one of: perfectgym-next, magicline-open, virtuagym, magicline-connect, intercode-crm, perfectgym-classic',
    ],
    ['an unknown locale', { defaultLocale: 'xx' }, 'form "city-gym": defaultLocale'],
    ['an unknown optional field', { optionalFields: ['shoeSize'] }, 'form "city-gym": optionalFields.0: must be email, phone, gender'],
    ['a misspelt key', { alowedOrigins: [] }, 'form "city-gym": alowedOrigins'],
    ['a privacy link that is no URL', { consent: { privacyPolicyUrl: 'privacy.html' } }, 'form "city-gym": consent.privacyPolicyUrl: must be an absolute URL'],
    ['a too short cache', { cacheTtlSeconds: 1 }, 'form "city-gym": cacheTtlSeconds: must be at least 10'],
    [
      'Turnstile under load without a threshold',
      { botCheck: { turnstile: { siteKey: '0x4AAAAAAACityGym', secretSecret: 'CITY_GYM_TURNSTILE', when: 'under-load' } } },
      'form "city-gym": botCheck.turnstile: needs "underLoad" exactly when "when" is "under-load"',
    ],
    [
      'a Turnstile threshold on a form that always asks',
      { botCheck: { turnstile: { siteKey: '0x4AAAAAAACityGym', secretSecret: 'CITY_GYM_TURNSTILE', underLoad: { leadsPerMinute: 30 } } } },
      'form "city-gym": botCheck.turnstile: needs "underLoad" exactly when "when" is "under-load"',
    ],
  ])('names the form and the field for %s', (_name, change, message) => {
    expect(problems([{ ...valid, ...change }])).toContain(message);
  });

  it.each([
    ['a key one letter off', { alowedOrigins: [] }, 'form "city-gym": alowedOrigins: is not a key here; did you mean "allowedOrigins"?'],
    [
      'a nested key one letter off',
      { connection: { ...valid.connection, timeutMs: 5000 } },
      'form "city-gym": connection.timeutMs: is not a key here; did you mean "timeoutMs"?',
    ],
    ['a key in other case', { cacheTTLSeconds: 60 }, 'form "city-gym": cacheTTLSeconds: is not a key here; did you mean "cacheTtlSeconds"?'],
    [
      'a key under a schema with its own message',
      { attribution: { campain: 'utm_campaign' } },
      'form "city-gym": attribution.campain: is not an attribution setting (campaign, notes, campaigns; "sources" is for Virtuagym forms only); did you mean "campaign"?',
    ],
  ])('suggests the allowed key for %s', (_name, change, message) => {
    expect(problems([{ ...valid, ...change }])).toContain(message);
  });

  it('names the key an operator wrote in other case for a required one', () => {
    const { consent, ...rest } = valid;
    expect(problems([{ ...rest, Consent: consent }])).toContain('form "city-gym": consent: is required; is "Consent" meant to be it?');
  });

  it('lists the known keys when no allowed key is close to an unknown one', () => {
    expect(problems([{ ...valid, shoeSize: 42 }])).toContain('form "city-gym": shoeSize: is not a key here (known: id, allowedOrigins, defaultLocale,');
  });

  it('suggests the allowed key for a misspelt key of the file itself', () => {
    expect(() => parseFormsFile({ $shcema: './forms.schema.json', forms: [valid] }, 'forms.json')).toThrow(
      'forms.json: $shcema: is not a key here; did you mean "$schema"?',
    );
  });

  it('asks for Turnstile always unless a form says under load, and then for 15 minutes by default', () => {
    const turnstile = { siteKey: '0x4AAAAAAACityGym', secretSecret: 'CITY_GYM_TURNSTILE' };
    const always = parseFormsFile({ forms: [{ ...valid, botCheck: { turnstile } }] }).get('city-gym')!;
    expect(always.botCheck.turnstile).toMatchObject({ when: 'always' });
    expect(always.botCheck.turnstile?.underLoad).toBeUndefined();
    const underLoad = { ...valid, botCheck: { turnstile: { ...turnstile, when: 'under-load', underLoad: { leadsPerMinute: 30 } } } };
    expect(parseFormsFile({ forms: [underLoad] }).get('city-gym')!.botCheck.turnstile).toMatchObject({
      when: 'under-load',
      underLoad: { leadsPerMinute: 30, forMinutes: 15 },
    });
  });

  it('gives every form the attribution defaults: campaign from utm_campaign, a block in the notes', () => {
    expect(parseFormsFile({ forms: [valid] }).get('city-gym')!.attribution).toEqual({ campaign: 'utm_campaign', notes: true });
  });

  it('reads a Virtuagym form’s lead sources by utm_source', () => {
    const form = parseFormsFile({ forms: [{ ...virtuagym, attribution: { campaign: false, sources: { instagram: 12, Google: 14 } } }] }).get('noord')!;
    expect(form.attribution).toEqual({ campaign: false, notes: true, sources: { instagram: 12, Google: 14 } });
  });

  it.each([
    [
      'an unknown campaign parameter',
      { campaign: 'gclid' },
      'form "city-gym": attribution.campaign: must be "utm_campaign", "utm_content", "utm_term" or false',
    ],
    ['notes that are no boolean', { notes: 'yes' }, 'form "city-gym": attribution.notes: must be true or false'],
    [
      'lead sources on a form that is not Virtuagym',
      { sources: { instagram: 12 } },
      'form "city-gym": attribution.sources: is not an attribution setting (campaign, notes, campaigns; "sources" is for Virtuagym forms only)',
    ],
    ['a misspelt key', { campain: 'utm_campaign' }, 'form "city-gym": attribution.campain: is not an attribution setting'],
    ['a word where an object belongs', 'utm_campaign', 'form "city-gym": attribution: must be an object such as'],
  ])('names the attribution setting for %s', (_name, attribution, message) => {
    expect(problems([{ ...valid, attribution }])).toContain(message);
  });

  it.each([
    ['a source name for an id', { instagram: 'Instagram' }, 'form "noord": attribution.sources.instagram: must be a lead source id (a number)'],
    ['an id of 0', { instagram: 0 }, 'form "noord": attribution.sources.instagram: must be positive'],
    ['an empty utm_source', { '': 12 }, 'form "noord": attribution.sources.: must not be empty'],
    ['a padded utm_source', { ' instagram': 12 }, 'must not start or end with a space'],
    [
      'one utm_source twice in other case',
      { instagram: 12, Instagram: 13 },
      'form "noord": attribution.sources: lists "Instagram" twice: utm_source values are matched ignoring case',
    ],
  ])('refuses Virtuagym lead sources with %s', (_name, sources, message) => {
    expect(problems([{ ...virtuagym, attribution: { sources } }])).toContain(message);
  });

  it('reads a PerfectGym Classic form: connection, defaults, agreements, one marketing checkbox by default', () => {
    const form = parseFormsFile({
      forms: [
        {
          ...classic,
          defaults: { sourceId: 12, campaignId: 145, inquiredViaId: 81 },
          agreements: [
            { id: 2, field: 'privacy' },
            { id: 5, field: 'marketing' },
          ],
        },
      ],
    }).get('docklands')!;
    expect(form).toMatchObject({
      vendor: 'perfectgym-classic',
      connection: {
        baseUrl: 'https://ironharbor.perfectgym.com',
        clubId: 1,
        clientIdSecret: 'DOCKLANDS_PG_CLIENT_ID',
        clientSecretSecret: 'DOCKLANDS_PG_CLIENT_SECRET',
        timeoutMs: 10_000,
      },
      defaults: { sourceId: 12, campaignId: 145, inquiredViaId: 81 },
      agreements: [
        { id: 2, field: 'privacy' },
        { id: 5, field: 'marketing' },
      ],
      consent: { marketing: 'single' },
      attribution: {},
    });
    const bare = parseFormsFile({ forms: [classic] }).get('docklands')!;
    expect(bare).toMatchObject({ defaults: {}, agreements: [], existingMember: 'lead-with-note' });
    expect(bare).not.toHaveProperty('defaultCountry');
  });

  it('takes a regional installation address, with or without a trailing slash', () => {
    for (const baseUrl of ['https://ironharbor.perfectgym.com.au', 'https://ironharbor.perfectgym.com/', 'http://127.0.0.1:8797/ironharbor']) {
      expect(parseFormsFile({ forms: [{ ...classic, connection: { ...classic.connection, baseUrl } }] }).get('docklands')!.connection).toMatchObject({
        baseUrl,
      });
    }
  });

  it.each([
    [
      'an address with /Api',
      { connection: { ...classic.connection, baseUrl: 'https://ironharbor.perfectgym.com/Api/v2.1' } },
      'form "docklands": connection.baseUrl: must not contain /Api',
    ],
    [
      'an address with /api/',
      { connection: { ...classic.connection, baseUrl: 'https://ironharbor.perfectgym.com/api/' } },
      'connection.baseUrl: must not contain /Api',
    ],
    ['an empty address', { connection: { ...classic.connection, baseUrl: '' } }, 'form "docklands": connection.baseUrl: must be an absolute URL'],
    [
      'an address that is no URL',
      { connection: { ...classic.connection, baseUrl: 'ironharbor.perfectgym.com/api' } },
      'connection.baseUrl: must be an absolute URL',
    ],
    [
      'an address with a query',
      { connection: { ...classic.connection, baseUrl: 'https://ironharbor.perfectgym.com/?club=1' } },
      'connection.baseUrl: must have no query or fragment',
    ],
    [
      'a client secret where its name belongs',
      { connection: { ...classic.connection, clientSecretSecret: 'f3a9c0ffee' } },
      'form "docklands": connection.clientSecretSecret: must be the NAME of a Worker secret',
    ],
    ['no club', { connection: { ...classic.connection, clubId: undefined } }, 'form "docklands": connection.clubId'],
    ['a club id of 0', { connection: { ...classic.connection, clubId: 0 } }, 'connection.clubId: must be positive'],
    ['a source name for its id', { defaults: { sourceId: 'Website' } }, 'form "docklands": defaults.sourceId: must be a number'],
    ['a default AddLead does not have', { defaults: { consultantId: 165 } }, 'form "docklands": defaults.consultantId'],
    ['a default country by name', { defaultCountry: 'United Kingdom' }, 'form "docklands": defaultCountry: must be one of AT, AU'],
    ['another answer to members', { existingMember: 'ignore' }, 'form "docklands": existingMember: must be "lead-with-note" or "duplicate"'],
    [
      'an agreement for another checkbox',
      { agreements: [{ id: 2, field: 'newsletter' }] },
      'form "docklands": agreements.0.field: must be "privacy" or "marketing"',
    ],
    [
      'one agreement id twice',
      {
        agreements: [
          { id: 2, field: 'privacy' },
          { id: 2, field: 'marketing' },
        ],
      },
      'form "docklands": agreements: lists agreement 2 twice',
    ],
    [
      'two agreements for one checkbox',
      {
        agreements: [
          { id: 2, field: 'privacy' },
          { id: 3, field: 'privacy' },
        ],
      },
      'form "docklands": agreements: maps "privacy" twice',
    ],
    [
      'a marketing matrix',
      { consent: { privacyPolicyUrl: 'https://www.example.com/privacy', marketing: 'matrix' } },
      'form "docklands": consent.marketing: must be "single" or "none"',
    ],
    ['an attribution setting', { attribution: { campaign: 'utm_campaign' } }, 'form "docklands": attribution.campaign: takes no settings'],
  ])('names the field of a PerfectGym Classic form with %s', (_name, change, message) => {
    expect(problems([{ ...classic, ...change }])).toContain(message);
  });

  it('lists every broken form, by position when it has no id', () => {
    const message = problems([{ ...valid, id: 'a' }, { ...valid, id: undefined }, valid, valid]);
    expect(message).toContain('form "a": id: must be 2-63 lower-case letters');
    expect(message).toContain('form #2: id');
    expect(message).toContain('form "city-gym": id is used by another form too');
  });

  it('accepts an empty list: a production Worker whose forms are all published in D1', () => {
    expect(parseFormsFile({ $schema: './forms.schema.json', forms: [] }, 'forms.json').size).toBe(0);
  });

  it('refuses a file without a list of forms', () => {
    expect(() => parseFormsFile({}, 'forms.json')).toThrow('forms.json: forms: is required');
    expect(() => parseFormsFile({ forms: {} }, 'forms.json')).toThrow('forms.json: forms: must be a list of forms');
    expect(() => parseFormsFile([], 'forms.json')).toThrow(FormConfigError);
  });
});
