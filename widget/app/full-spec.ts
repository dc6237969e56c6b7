import type { FieldSpec, FormSpec } from '../../shared/form-spec';

/** Test fixture: a field as the Worker writes it. */
export const field = (name: string, type: FieldSpec['type'], extra: Partial<FieldSpec> = {}): FieldSpec => ({
  name,
  type,
  required: false,
  labelKey: name.startsWith('custom.') ? 'field.custom' : `field.${name}`,
  ...extra,
});

/** A spec with every field type, shaped like the PerfectGym demo form. */
export const fullSpec: FormSpec = {
  formId: 'demo-perfectgym',
  locale: 'en',
  texts: { title: 'Book your free trial' },
  success: {},
  rules: [{ kind: 'all-or-none', fields: ['address.street', 'address.houseNumber', 'address.zipCode', 'address.city', 'address.countryCode'] }],
  fields: [
    field('firstName', 'text', { required: true, maxLength: 40 }),
    field('lastName', 'text', { required: true, maxLength: 40 }),
    field('email', 'email', { required: true }),
    field('phone', 'tel', { required: true }),
    field('gender', 'select', {
      options: [
        { value: 'female', labelKey: 'gender.female' },
        { value: 'male', labelKey: 'gender.male' },
        { value: 'diverse', labelKey: 'gender.diverse' },
      ],
    }),
    field('birthDate', 'date', { range: 'past' }),
    field('address.street', 'text'),
    field('address.houseNumber', 'text'),
    field('address.zipCode', 'text'),
    field('address.city', 'text'),
    field('address.countryCode', 'country', { options: [{ value: 'DE' }, { value: 'AT' }, { value: 'CH' }] }),
    field('note', 'textarea', { maxLength: 500 }),
    field('custom.1', 'text', { label: 'How did you hear about us?' }),
    field('custom.2', 'integer', { label: 'Sessions per week?' }),
    field('custom.3', 'yes-no', { label: 'Any health issues?', required: true }),
    field('custom.4', 'multiselect', { label: 'Courses', options: [{ value: 'Yoga', label: 'Yoga' }, { value: 'Zumba', label: 'Zumba' }] }),
    field('consent.privacy', 'consent', { required: true, link: 'https://gym.example/privacy' }),
    field('consent.channels', 'channels', {
      matrix: { categories: [{ category: 'NEWSLETTER', channels: ['EMAIL', 'TEXT_MESSAGE'] }, { category: 'GENERAL', channels: ['EMAIL'] }] },
    }),
  ],
};
