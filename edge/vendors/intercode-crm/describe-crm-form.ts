import type { FieldSpec } from '../../../shared/form-spec';
import type { VendorForm } from '../vendor-adapter';

// The kit publishes no lengths; these keep a lead readable in its UI.
const LIMITS = { name: 100, email: 254, phone: 30, note: 2000 };

// The kit requires a phone number on every lead (`phoneNumber`, Required), so the form asks for one.
const fields: readonly FieldSpec[] = [
  { name: 'firstName', type: 'text', required: true, maxLength: LIMITS.name, labelKey: 'field.firstName', autocomplete: 'given-name' },
  { name: 'lastName', type: 'text', required: true, maxLength: LIMITS.name, labelKey: 'field.lastName', autocomplete: 'family-name' },
  // The kit requires an email on every lead and detects duplicates by it.
  { name: 'email', type: 'email', required: true, maxLength: LIMITS.email, labelKey: 'field.email', autocomplete: 'email' },
  { name: 'phone', type: 'tel', required: true, maxLength: LIMITS.phone, labelKey: 'field.phone', autocomplete: 'tel' },
  { name: 'note', type: 'textarea', required: false, maxLength: LIMITS.note, labelKey: 'field.note' },
];

/** The CRM's lead: names, email, a phone number and a message; the rest comes from the form's defaults. */
export const CRM_FORM: VendorForm = { fields, rules: [] };
