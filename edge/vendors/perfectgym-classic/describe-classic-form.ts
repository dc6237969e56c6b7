import type { FieldSpec } from '../../../shared/form-spec';
import type { VendorForm } from '../vendor-adapter';
import type { PerfectGymClassicAgreement } from './perfectgym-classic-config';

// PerfectGym publishes no lengths for AddLead; these keep within what a PGM lead shows.
export const LIMITS = { name: 50, email: 100, phone: 30 };

const fields: readonly FieldSpec[] = [
  { name: 'firstName', type: 'text', required: true, maxLength: LIMITS.name, labelKey: 'field.firstName', autocomplete: 'given-name' },
  { name: 'lastName', type: 'text', required: true, maxLength: LIMITS.name, labelKey: 'field.lastName', autocomplete: 'family-name' },
  // Every integration sends one, and it is how a member is found before a lead is added.
  { name: 'email', type: 'email', required: true, maxLength: LIMITS.email, labelKey: 'field.email', autocomplete: 'email' },
  // v1: "Fields requirements depends on system settings"; no integration treats it as required.
  { name: 'phone', type: 'tel', required: false, maxLength: LIMITS.phone, labelKey: 'field.phone', autocomplete: 'tel' },
];

/**
 * The classic platform documents no field configuration: names, email and an optional phone,
 * and no message (AddLead has no note). A marketing agreement makes the form's one marketing
 * checkbox available; it has no channels to choose.
 */
export function describeClassicForm(agreements: readonly PerfectGymClassicAgreement[]): VendorForm {
  const marketing = agreements.some((agreement) => agreement.field === 'marketing');
  return marketing ? { fields, rules: [], marketing: { categories: [] } } : { fields, rules: [] };
}
