import type { FieldSpec } from '../../../shared/form-spec';
import type { VendorForm } from '../vendor-adapter';

/** The store's own limits (see its simulator). */
export const LIMITS = { name: 100, email: 254, note: 2000 };

const fields: readonly FieldSpec[] = [
  { name: 'firstName', type: 'text', required: true, maxLength: LIMITS.name, labelKey: 'field.firstName', autocomplete: 'given-name' },
  { name: 'lastName', type: 'text', required: true, maxLength: LIMITS.name, labelKey: 'field.lastName', autocomplete: 'family-name' },
  { name: 'email', type: 'email', required: true, maxLength: LIMITS.email, labelKey: 'field.email', autocomplete: 'email' },
  { name: 'note', type: 'textarea', required: false, maxLength: LIMITS.note, labelKey: 'field.note' },
];

/** A fixed field list: names, email and a message. */
export const ECHO_FORM: VendorForm = { fields, rules: [] };
