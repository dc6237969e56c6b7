import { describe, expect, it } from 'vitest';
import type { FieldSpec, FormSpec } from './form-spec';
import { validateLead } from './lead-schema';

const field = (name: string, type: FieldSpec['type'], extra: Partial<FieldSpec> = {}): FieldSpec => ({
  name,
  type,
  required: false,
  labelKey: `field.${name}`,
  ...extra,
});

const spec: FormSpec = {
  formId: 'f',
  locale: 'en',
  texts: {},
  success: {},
  rules: [{ kind: 'all-or-none', fields: ['address.street', 'address.city'] }],
  fields: [
    field('firstName', 'text', { required: true, maxLength: 5 }),
    field('email', 'email', { required: true }),
    field('phone', 'tel'),
    field('birthDate', 'date', { range: 'past' }),
    field('address.street', 'text'),
    field('address.city', 'text'),
    field('custom.1', 'integer'),
    field('custom.2', 'select', { options: [{ value: 'a' }, { value: 'b' }] }),
    field('custom.3', 'multiselect', { options: [{ value: 'a' }, { value: 'b' }] }),
    field('custom.4', 'yes-no', { required: true }),
    field('custom.5', 'url', { maxLength: 40 }),
    field('consent.privacy', 'consent', { required: true }),
    field('consent.channels', 'channels', { matrix: { categories: [{ category: 'NEWSLETTER', channels: ['EMAIL'] }] } }),
  ],
};

const ok = { firstName: 'Max', email: 'max@example.com', custom: { '4': false }, consent: { privacy: true } };

function errors(input: unknown) {
  const result = validateLead(spec, input);
  return result.success ? [] : result.errors;
}

describe('validateLead', () => {
  it('accepts a minimal lead and drops empty optional values and groups', () => {
    expect(validateLead(spec, { ...ok, phone: '  ', address: { street: '', city: '' }, custom: { ...ok.custom, '3': [] } })).toEqual({
      success: true,
      lead: ok,
    });
  });

  it('trims and NFC-normalises strings', () => {
    const result = validateLead(spec, { ...ok, firstName: ' Zoe\u0308 ' });
    expect(result.success && result.lead.firstName).toBe('Zoë');
  });

  it('names every missing required field, also inside groups', () => {
    expect(errors({})).toEqual([
      { field: 'firstName', code: 'required' },
      { field: 'email', code: 'required' },
      { field: 'custom.4', code: 'required' },
      { field: 'consent.privacy', code: 'required' },
    ]);
  });

  it.each([
    ['firstName', { firstName: 'Maximilian' }, 'too_long'],
    ['email', { email: 'max@' }, 'invalid_email'],
    ['phone', { phone: '12ab' }, 'invalid_phone'],
    ['phone', { phone: '+49 12' }, 'invalid_phone'],
    ['birthDate', { birthDate: '1990-02-30' }, 'invalid_date'],
    ['birthDate', { birthDate: '2999-01-01' }, 'invalid_date'],
    ['custom.1', { custom: { ...ok.custom, '1': '2.5' } }, 'invalid_number'],
    ['custom.2', { custom: { ...ok.custom, '2': 'c' } }, 'invalid_option'],
    ['custom.3', { custom: { ...ok.custom, '3': ['a', 'a'] } }, 'invalid_option'],
    ['custom.4', { custom: { '4': 'yes' } }, 'invalid_type'],
    ['consent.privacy', { consent: { privacy: false } }, 'must_accept'],
    ['consent.channels', { consent: { privacy: true, channels: { NEWSLETTER: ['FAX'] } } }, 'invalid_option'],
    ['consent.channels', { consent: { privacy: true, channels: { LOYALTY: ['EMAIL'] } } }, 'unknown_field'],
    ['firstName', { firstName: 42 }, 'invalid_type'],
    ['custom.5', { custom: { ...ok.custom, '5': 'www.example.com' } }, 'invalid_url'],
    ['custom.5', { custom: { ...ok.custom, '5': 'https://example' } }, 'invalid_url'],
    ['custom.5', { custom: { ...ok.custom, '5': 'https://my gym.example' } }, 'invalid_url'],
    ['custom.5', { custom: { ...ok.custom, '5': 'ftp://example.com' } }, 'invalid_url'],
    ['custom.5', { custom: { ...ok.custom, '5': `https://example.com/${'x'.repeat(30)}` } }, 'too_long'],
  ])('refuses a bad %s', (name, change, code) => {
    expect(errors({ ...ok, ...change })).toEqual([{ field: name, code }]);
  });

  it('accepts valid values of every type', () => {
    const lead = {
      ...ok,
      phone: '+49 (0)30 123-456',
      birthDate: '1990-02-28',
      custom: { '1': '-3', '2': 'b', '3': ['b', 'a'], '4': true, '5': 'https://www.gym.example/trial?week=1' },
      consent: { privacy: true, channels: { NEWSLETTER: ['EMAIL'] } },
    };
    expect(validateLead(spec, lead)).toEqual({ success: true, lead });
  });

  it('requires the rest of an all-or-none group once one part is filled', () => {
    expect(errors({ ...ok, address: { street: 'Main St 1' } })).toEqual([{ field: 'address.city', code: 'required' }]);
  });

  it('refuses unknown fields by their path', () => {
    expect(errors({ ...ok, shoeSize: 44, address: { planet: 'Mars' } })).toEqual([
      { field: 'address.planet', code: 'unknown_field' },
      { field: 'shoeSize', code: 'unknown_field' },
    ]);
  });
});

describe('validateLead with an at-least-one rule', () => {
  const contact: FormSpec = {
    ...spec,
    fields: [field('firstName', 'text', { required: true }), field('email', 'email'), field('phone', 'tel')],
    rules: [{ kind: 'at-least-one', name: 'contact', fields: ['email', 'phone'] }],
  };

  it('reports the group, in the place of its first field, when none is given', () => {
    const result = validateLead(contact, { phone: ' ' });
    expect(result).toEqual({
      success: false,
      errors: [
        { field: 'firstName', code: 'required' },
        { field: 'contact', code: 'one_required' },
      ],
    });
  });

  it.each([{ email: 'a@b.de' }, { phone: '+49 30 123456' }])('accepts either one: %o', (given) => {
    expect(validateLead(contact, { firstName: 'Max', ...given }).success).toBe(true);
  });

  it('still checks the one given', () => {
    expect(validateLead(contact, { firstName: 'Max', email: 'nope' })).toEqual({ success: false, errors: [{ field: 'email', code: 'invalid_email' }] });
  });
});

describe('validateLead with attribution', () => {
  const base = { firstName: 'Max', email: 'max@example.com', custom: { '4': false }, consent: { privacy: true } };

  it('accepts the campaign parameters, the referrer and the landing page', () => {
    const attribution = {
      utm_campaign: 'spring-2026',
      gclid: 'abc',
      referrer: 'https://www.google.com/',
      landingPage: 'https://gym.example/trial?utm_campaign=spring-2026',
    };
    expect(validateLead(spec, { ...base, attribution })).toEqual({ success: true, lead: { ...base, attribution } });
  });

  it('refuses unknown attribution keys and overlong values', () => {
    expect(errors({ ...base, attribution: { utm_campaign: 'x'.repeat(501), tracker: 'y' } })).toEqual([
      { field: 'attribution.utm_campaign', code: 'too_long' },
      { field: 'attribution.tracker', code: 'unknown_field' },
    ]);
  });
});

describe('plain text', () => {
  const withNote: FormSpec = { ...spec, fields: [...spec.fields, field('note', 'textarea', { maxLength: 50 })] };
  const check = (input: unknown) => validateLead(withNote, input);

  it.each([
    ['a NUL byte', 'Ma\u0000x'],
    ['an escape sequence', 'Max\u001b[31m'],
    ['a C1 control', 'Max\u0085'],
    ['DEL', 'Max\u007f'],
    ['a line break in a one-line field', 'Max\nMustermann'],
    ['a tab in a one-line field', 'Max\tM'],
    ['a right-to-left override', 'Max\u202Eevil'],
    ['a lone surrogate', 'Max\uD800'],
  ])('refuses %s with invalid_characters', (_name, firstName) => {
    expect(errors({ ...ok, firstName })).toEqual([{ field: 'firstName', code: 'invalid_characters' }]);
  });

  it('lets a message have lines and tabs, with one kind of line break', () => {
    expect(check({ ...ok, note: 'Line one\r\nLine two\r\tindented' })).toMatchObject({ success: true, lead: { note: 'Line one\nLine two\n\tindented' } });
    expect(check({ ...ok, note: 'Bad \u0007 bell' })).toEqual({ success: false, errors: [{ field: 'note', code: 'invalid_characters' }] });
  });

  it('keeps what people write: accents, emoji with joiners, right-to-left scripts', () => {
    for (const firstName of ['Zoë', '👩‍💻', 'مريم', 'Łukasz']) {
      expect(
        validateLead({ ...spec, fields: spec.fields.map((f) => (f.name === 'firstName' ? { ...f, maxLength: 20 } : f)) }, { ...ok, firstName }),
      ).toMatchObject({ success: true });
    }
  });

  it('trims and composes to NFC before counting the length', () => {
    // "Jose" + combining acute is 5 code units, but NFC "José" is 4 and fits the limit of 5.
    expect(validateLead(spec, { ...ok, firstName: '  Jose\u0301 ' })).toMatchObject({ success: true, lead: { firstName: 'Jos\u00e9' } });
  });

  it('refuses control characters in attribution too', () => {
    expect(errors({ ...ok, attribution: { utm_source: 'news\u0000letter' } })).toEqual([{ field: 'attribution.utm_source', code: 'invalid_characters' }]);
  });
});
