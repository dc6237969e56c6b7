import type { FieldSpec } from '../../../shared/form-spec';
import type { VendorForm } from '../vendor-adapter';

/** The store's own limits (see its simulator). */
export const LIMITS = { name: 100, email: 254, website: 300, note: 2000 };

const fields: readonly FieldSpec[] = [
  { name: 'firstName', type: 'text', required: true, maxLength: LIMITS.name, labelKey: 'field.firstName', autocomplete: 'given-name' },
  { name: 'lastName', type: 'text', required: true, maxLength: LIMITS.name, labelKey: 'field.lastName', autocomplete: 'family-name' },
  { name: 'email', type: 'email', required: true, maxLength: LIMITS.email, labelKey: 'field.email', autocomplete: 'email' },
  // The store's own question: a field of the vendor's, so under `custom`, with its label as the vendor words it.
  { name: 'custom.website', type: 'url', required: false, maxLength: LIMITS.website, label: 'Website', labelKey: 'field.custom', autocomplete: 'url' },
  { name: 'note', type: 'textarea', required: false, maxLength: LIMITS.note, labelKey: 'field.note' },
];

/** A fixed field list: names, email, a website and a message. */
export const ECHO_FORM: VendorForm = { fields, rules: [] };
