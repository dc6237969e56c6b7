import type { FieldSpec } from '../../../shared/form-spec';
import type { VendorForm } from '../vendor-adapter';

// The documented maximum lengths; an address line is street plus house number, 255 at most.
export const LIMITS = { name: 50, email: 60, phone: 42, street: 200, houseNumber: 20, line2: 255, zipCode: 20, city: 100, state: 255, note: 3500 };
export const CONTACT_RULE = 'contact';

const COUNTRIES = ['NL', 'BE', 'DE', 'AT', 'CH', 'LU', 'FR', 'ES', 'IT', 'PL', 'TR', 'GB', 'IE', 'DK', 'SE', 'NO', 'FI', 'PT', 'US', 'CA'];

const fields: readonly FieldSpec[] = [
  { name: 'firstName', type: 'text', required: true, maxLength: LIMITS.name, labelKey: 'field.firstName', autocomplete: 'given-name' },
  { name: 'lastName', type: 'text', required: true, maxLength: LIMITS.name, labelKey: 'field.lastName', autocomplete: 'family-name' },
  { name: 'email', type: 'email', required: false, maxLength: LIMITS.email, labelKey: 'field.email', autocomplete: 'email' },
  { name: 'phone', type: 'tel', required: false, maxLength: LIMITS.phone, labelKey: 'field.phone', autocomplete: 'tel' },
  {
    name: 'gender',
    type: 'select',
    required: false,
    labelKey: 'field.gender',
    // Virtuagym knows 'f' and 'm' only.
    options: ['female', 'male'].map((value) => ({ value, labelKey: `gender.${value}` })),
  },
  { name: 'birthDate', type: 'date', range: 'past', required: false, labelKey: 'field.birthDate', autocomplete: 'bday' },
  { name: 'address.street', type: 'text', required: false, maxLength: LIMITS.street, labelKey: 'field.address.street', autocomplete: 'address-line1' },
  { name: 'address.houseNumber', type: 'text', required: false, maxLength: LIMITS.houseNumber, labelKey: 'field.address.houseNumber' },
  { name: 'address.zipCode', type: 'text', required: false, maxLength: LIMITS.zipCode, labelKey: 'field.address.zipCode', autocomplete: 'postal-code' },
  { name: 'address.city', type: 'text', required: false, maxLength: LIMITS.city, labelKey: 'field.address.city', autocomplete: 'address-level2' },
  {
    name: 'address.countryCode',
    type: 'country',
    required: false,
    labelKey: 'field.address.countryCode',
    autocomplete: 'country',
    options: COUNTRIES.map((value) => ({ value })),
  },
  { name: 'note', type: 'textarea', required: false, maxLength: LIMITS.note, labelKey: 'field.note' },
];

/** Documented parameters a form leaves out unless it lists them in `extraFields`. */
export const EXTRA_FIELDS = ['mobile', 'address.line2', 'address.state'] as const;
export type ExtraField = (typeof EXTRA_FIELDS)[number];

const EXTRAS: Readonly<Record<ExtraField, { readonly after: string; readonly spec: FieldSpec }>> = {
  mobile: { after: 'phone', spec: { name: 'mobile', type: 'tel', required: false, maxLength: LIMITS.phone, labelKey: 'field.mobile', autocomplete: 'tel' } },
  'address.line2': {
    after: 'address.houseNumber',
    spec: { name: 'address.line2', type: 'text', required: false, maxLength: LIMITS.line2, labelKey: 'field.address.line2', autocomplete: 'address-line2' },
  },
  'address.state': {
    after: 'address.city',
    spec: { name: 'address.state', type: 'text', required: false, maxLength: LIMITS.state, labelKey: 'field.address.state', autocomplete: 'address-level1' },
  },
};

/**
 * Virtuagym documents a fixed field list: names required, and at least one of
 * email, phone or mobile, which the form asks as "an email address or a phone number".
 */
export const VIRTUAGYM_FORM: VendorForm = {
  fields,
  rules: [{ kind: 'at-least-one', name: CONTACT_RULE, fields: ['email', 'phone'] }],
};

const withExtras = new Map<string, VendorForm>([['', VIRTUAGYM_FORM]]);

/**
 * The form with the extra parameters the form switched on, each after its neighbour; a mobile
 * number joins the contact rule, as the doc's "one of email, phone or mobile" says. One object
 * per choice, so the form spec built from it is memoised like the plain form's.
 */
export function virtuagymForm(extras: readonly ExtraField[]): VendorForm {
  const chosen = EXTRA_FIELDS.filter((name) => extras.includes(name));
  const key = chosen.join(',');
  let form = withExtras.get(key);
  if (!form) {
    const all = fields.flatMap((field) => [field, ...chosen.filter((name) => EXTRAS[name].after === field.name).map((name) => EXTRAS[name].spec)]);
    const contact = chosen.includes('mobile') ? ['email', 'phone', 'mobile'] : ['email', 'phone'];
    form = { fields: all, rules: [{ kind: 'at-least-one', name: CONTACT_RULE, fields: contact }] };
    withExtras.set(key, form);
  }
  return form;
}
