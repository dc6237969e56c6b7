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
    field('custom.4', 'multiselect', {
      label: 'Courses',
      options: [
        { value: 'Yoga', label: 'Yoga' },
        { value: 'Zumba', label: 'Zumba' },
      ],
    }),
    field('consent.privacy', 'consent', { required: true, link: 'https://gym.example/privacy' }),
    field('consent.channels', 'channels', {
      matrix: {
        categories: [
          { category: 'NEWSLETTER', channels: ['EMAIL', 'TEXT_MESSAGE'] },
          { category: 'GENERAL', channels: ['EMAIL'] },
        ],
      },
    }),
  ],
};

/** A spec shaped like the Virtuagym demo form: an email or a phone number, and a second step. */
export const contactSpec: FormSpec = {
  formId: 'demo-virtuagym',
  locale: 'en',
  texts: { title: 'Start your free week' },
  success: {},
  rules: [{ kind: 'at-least-one', name: 'contact', fields: ['email', 'phone'] }],
  fields: [
    field('firstName', 'text', { required: true, maxLength: 50 }),
    field('lastName', 'text', { required: true, maxLength: 50 }),
    field('email', 'email', { maxLength: 60 }),
    field('phone', 'tel', { maxLength: 42 }),
    field('note', 'textarea', { maxLength: 3500 }),
  ],
  profile: {
    title: 'Tell us a bit more (optional)',
    fields: [
      field('profile.goal', 'select', {
        label: 'What is your main goal?',
        labelKey: 'field.custom',
        options: [
          { value: 'lose-weight', label: 'Lose weight' },
          { value: 'build-muscle', label: 'Build muscle' },
        ],
      }),
      field('profile.trainingTime', 'multiselect', {
        label: 'When do you prefer to train?',
        labelKey: 'field.custom',
        options: [
          { value: 'morning', label: 'Mornings' },
          { value: 'evening', label: 'Evenings' },
        ],
      }),
      field('birthDate', 'date', { range: 'past' }),
      field('gender', 'select', {
        options: [
          { value: 'female', labelKey: 'gender.female' },
          { value: 'male', labelKey: 'gender.male' },
        ],
      }),
    ],
  },
};
