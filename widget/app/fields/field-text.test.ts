import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../i18n/create-translator';
import { de as deMessages } from '../../i18n/de';
import { en as enMessages } from '../../i18n/en';
import { contactSpec, field, fullSpec } from '../../test-support/full-spec';
import { httpUrl } from '../http-url';
import { assignFieldErrors } from './assign-field-errors';
import { fieldIds } from './field-ids';
import { categoryLabel, channelLabel, countryName, countryOptions, errorText, fieldLabel, groupText, optionLabel } from './field-text';

const en = createTranslator('en', enMessages);
const de = createTranslator('de', deMessages);

describe('fieldLabel', () => {
  it('prefers the literal label, then the widget text for the labelKey', () => {
    expect(fieldLabel(field('custom.1', 'text', { label: 'Where from?' }), en)).toBe('Where from?');
    expect(fieldLabel(field('address.zipCode', 'text'), de)).toBe('PLZ');
  });

  it('falls back to something readable for keys the widget does not know', () => {
    expect(fieldLabel(field('custom.9', 'text'), en)).toBe('Your answer');
    expect(fieldLabel(field('favouriteColour', 'text'), en)).toBe('Favourite colour');
    expect(fieldLabel(field('taxId', 'text'), en)).toBe('Tax id');
  });

  it('labels options, categories and channels from their keys', () => {
    expect(optionLabel({ value: 'diverse', labelKey: 'gender.diverse' }, de)).toBe('Divers');
    expect(optionLabel({ value: 'Yoga' }, de)).toBe('Yoga');
    expect(categoryLabel('LOYALTY_PROGRAM', de)).toBe('Bonusprogramm');
    expect(channelLabel('TEXT_MESSAGE', en)).toBe('Text message');
    expect(channelLabel('CARRIER_PIGEON', en)).toBe('Carrier pigeon');
  });
});

describe('errorText', () => {
  it('names the limit of a too long text', () => {
    expect(errorText(field('firstName', 'text', { maxLength: 40 }), 'too_long', en)).toBe('Please use at most 40 characters.');
  });

  it('asks to choose for a missing choice and to tick for a missing consent', () => {
    expect(errorText(field('gender', 'select'), 'required', en)).toBe('Please choose an answer.');
    expect(errorText(field('consent.privacy', 'consent'), 'required', de)).toBe('Bitte setze hier einen Haken, um fortzufahren.');
  });

  it('says which dates a birth date may have', () => {
    expect(errorText(field('birthDate', 'date', { range: 'past' }), 'invalid_date', en)).toBe('Please enter a date in the past.');
  });
});

describe('groupText', () => {
  const members = [field('email', 'email'), field('phone', 'tel')];

  it('words the contact group plainly, in both languages', () => {
    expect(groupText('contact', members, en)).toEqual({
      legend: 'How can we reach you?',
      help: 'An email address or a phone number is enough.',
      error: 'Please give an email address or a phone number.',
    });
    expect(groupText('contact', members, de)).toEqual({
      legend: 'Wie können wir dich erreichen?',
      help: 'Eine E-Mail-Adresse oder eine Telefonnummer genügt.',
      error: 'Bitte gib eine E-Mail-Adresse oder eine Telefonnummer an.',
    });
  });

  it('builds a legend from the field labels for a group the widget has no words for', () => {
    expect(groupText('reach', members, de)).toEqual({
      legend: 'E-Mail oder Telefon',
      help: 'Eine dieser Angaben genügt.',
      error: 'Bitte fülle mindestens eines dieser Felder aus.',
    });
  });
});

describe('countryOptions', () => {
  it('labels ISO codes in the visitor language and sorts by that label', () => {
    expect(countryName('DE', 'de')).toBe('Deutschland');
    expect(countryOptions(fullSpec.fields.find((f) => f.type === 'country')!, 'de').map((o) => o.label)).toEqual(['Deutschland', 'Österreich', 'Schweiz']);
  });
});

describe('assignFieldErrors', () => {
  it('places errors on the field that shows them', () => {
    const { byField, unplaced } = assignFieldErrors(fullSpec, [
      { field: 'consent.channels.NEWSLETTER', code: 'invalid_option' },
      { field: 'address', code: 'invalid_type' },
      { field: 'studioId', code: 'unknown_field' },
    ]);
    expect([...byField.keys()]).toEqual(['consent.channels', 'address.street']);
    expect(unplaced).toEqual([{ field: 'studioId', code: 'unknown_field' }]);
  });
});

describe('assignFieldErrors with an at-least-one rule', () => {
  it('places the rule’s error on its group, by the rule’s name', () => {
    const { byField, unplaced } = assignFieldErrors(contactSpec, [
      { field: 'contact', code: 'one_required' },
      { field: 'email', code: 'invalid_email' },
    ]);
    expect([...byField.values()]).toEqual([
      { field: 'contact', code: 'one_required' },
      { field: 'email', code: 'invalid_email' },
    ]);
    expect(unplaced).toEqual([]);
  });

  it('cannot place it when the form shows none of the rule’s fields', () => {
    const spec = { ...contactSpec, rules: [{ kind: 'at-least-one' as const, name: 'contact', fields: ['mobile'] }] };
    expect(assignFieldErrors(spec, [{ field: 'contact', code: 'one_required' }]).unplaced).toEqual([{ field: 'contact', code: 'one_required' }]);
  });
});

describe('fieldIds', () => {
  it('makes safe ids and focuses the first option of a group', () => {
    expect(fieldIds('lg1', field('custom.3', 'yes-no'))).toMatchObject({ base: 'lg1-custom-3', error: 'lg1-custom-3-error', focus: 'lg1-custom-3-0' });
    expect(fieldIds('lg1', field('email', 'email')).focus).toBe('lg1-email');
  });
});

describe('httpUrl', () => {
  it('lets only http(s) URLs through', () => {
    expect(httpUrl('https://gym.example/privacy')).toBe('https://gym.example/privacy');
    expect(httpUrl('javascript:alert(1)')).toBeUndefined();
    expect(httpUrl('/relative')).toBeUndefined();
    expect(httpUrl(undefined)).toBeUndefined();
  });
});
