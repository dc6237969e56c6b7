import { describe, expect, it } from 'vitest';
import { validateLead } from '../../../shared/lead-schema';
import { contactSpec, fullSpec } from '../../test-support/full-spec';
import { initialValues } from './form-values';
import { toLead } from './to-lead';

describe('toLead', () => {
  it('nests dotted field names into groups', () => {
    const lead = toLead(fullSpec, {
      ...initialValues(fullSpec),
      firstName: 'Mia',
      'address.street': 'Kaistraße',
      'custom.1': 'Instagram',
      'consent.privacy': true,
    });
    expect(lead).toEqual({
      firstName: 'Mia',
      address: { street: 'Kaistraße' },
      custom: { '1': 'Instagram' },
      consent: { privacy: true },
      language: 'en',
    });
  });

  it('trims text and leaves out fields that are empty or only whitespace', () => {
    expect(toLead(fullSpec, { ...initialValues(fullSpec), firstName: '  Mia ', lastName: '   ', note: '' })).toEqual({ firstName: 'Mia', language: 'en' });
  });

  it('leaves out an unticked consent, an unanswered yes/no and an empty multiselect', () => {
    expect(toLead(fullSpec, { ...initialValues(fullSpec), 'consent.privacy': false, 'custom.4': [] })).toEqual({ language: 'en' });
  });

  it('keeps a "no" answer, since false is an answer', () => {
    expect(toLead(fullSpec, { ...initialValues(fullSpec), 'custom.3': false }).custom).toEqual({ '3': false });
  });

  it('orders multiselect choices as the spec lists them', () => {
    expect(toLead(fullSpec, { ...initialValues(fullSpec), 'custom.4': ['Zumba', 'Yoga'] }).custom).toEqual({ '4': ['Yoga', 'Zumba'] });
  });

  it('keeps only categories with a ticked channel', () => {
    const lead = toLead(fullSpec, { ...initialValues(fullSpec), 'consent.channels': { NEWSLETTER: ['TEXT_MESSAGE', 'EMAIL'], GENERAL: [] } });
    expect(lead.consent).toEqual({ channels: { NEWSLETTER: ['EMAIL', 'TEXT_MESSAGE'] } });
  });

  it('leaves out the channels when none is ticked', () => {
    expect(toLead(fullSpec, { ...initialValues(fullSpec), 'consent.channels': { GENERAL: [] } }).consent).toBeUndefined();
  });

  it('sends the visitor language from the spec locale', () => {
    expect(toLead({ ...fullSpec, locale: 'de' }, initialValues(fullSpec)).language).toBe('de');
  });

  it('builds a lead the shared schema accepts as is', () => {
    const values = {
      ...initialValues(fullSpec),
      firstName: 'Mia',
      lastName: 'Berg',
      email: 'mia@example.com',
      phone: '+49 40 1234567',
      'custom.3': true,
      'custom.2': '3',
      'consent.privacy': true,
    };
    const result = validateLead(fullSpec, toLead(fullSpec, values));
    expect(result).toEqual({ success: true, lead: toLead(fullSpec, values) });
  });
});

describe('toLead for the profile step', () => {
  const profileSpec = { ...contactSpec, fields: contactSpec.profile!.fields, rules: [] };

  it('nests the answers under their Lead paths, options in spec order, empty ones left out', () => {
    const values = { ...initialValues(profileSpec), 'profile.goal': 'build-muscle', 'profile.trainingTime': ['evening', 'morning'], birthDate: '1990-01-01' };
    expect(toLead(profileSpec, values)).toEqual({
      birthDate: '1990-01-01',
      profile: { goal: 'build-muscle', trainingTime: ['morning', 'evening'] },
      language: 'en',
    });
  });

  it('builds answers the shared schema accepts with the profile fields and no rules', () => {
    const values = { ...initialValues(profileSpec), 'profile.trainingTime': ['morning'], gender: 'female' };
    expect(validateLead(profileSpec, toLead(profileSpec, values))).toMatchObject({
      success: true,
      lead: { gender: 'female', profile: { trainingTime: ['morning'] } },
    });
  });

  it('holds nothing but the language when nothing was answered', () => {
    expect(toLead(profileSpec, { ...initialValues(profileSpec), 'profile.trainingTime': [] })).toEqual({ language: 'en' });
  });
});
