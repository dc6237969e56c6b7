import { describe, expect, it } from 'vitest';
import { validateLead } from '../../shared/lead-schema';
import { initialValues } from './form-values';
import { fullSpec } from './full-spec';
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
