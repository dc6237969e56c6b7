import type { ChannelMatrix, FieldRule, FieldSpec } from '../../../shared/form-spec';
import type { VendorForm } from '../vendor-adapter';
import type { AdditionalField, LeadConfig, Mode } from './lead-config';
import type { ExtraField } from './perfectgym-next-config';

// The vendor publishes no length limits; these follow Magicline Connect (same platform)
// and RFC 5321 for email, so nothing a visitor types is cut off by the vendor.
export const LIMITS = { name: 100, email: 254, phone: 30, street: 100, houseNumber: 20, zipCode: 20, city: 100, text: 500, note: 1000, addressPart: 100 };

// GUESS: the widget ships no text for these rarely used fields; an English label, which a
// form's `labels` replaces per locale.
const EXTRA_LABELS: Readonly<Record<ExtraField, string>> = {
  secondFirstName: 'Second first name',
  secondLastName: 'Second last name',
  'address.province': 'Province',
  'address.provinceCode': 'Province code',
  'address.secondStreet': 'Address line 2',
  'address.cityPart': 'City part',
  'address.district': 'District',
  'address.streetType': 'Street type',
  'address.streetBlock': 'Block',
  'address.portal': 'Portal',
  'address.stairway': 'Stairway',
  'address.door': 'Door',
  'address.additionalAddressInformation': 'Additional address information',
  'address.floor': 'Floor',
  'address.buildingName': 'Building',
};

function extraField(name: ExtraField): FieldSpec {
  const maxLength = name.startsWith('address.') ? LIMITS.addressPart : LIMITS.name;
  return { name, type: 'text', required: false, maxLength, label: EXTRA_LABELS[name], labelKey: `field.${name}` };
}

export const COUNTRIES = [
  'DE',
  'AT',
  'CH',
  'NL',
  'BE',
  'LU',
  'PL',
  'ES',
  'FR',
  'IT',
  'TR',
  'GB',
  'IE',
  'DK',
  'SE',
  'NO',
  'FI',
  'CZ',
  'SK',
  'HU',
  'SI',
  'HR',
  'RO',
  'PT',
  'US',
  'CA',
];

const shown = (mode: Mode) => mode !== 'INACTIVE';
const required = (mode: Mode) => mode === 'MANDATORY';

function customField(field: AdditionalField): FieldSpec {
  const base = { name: `custom.${field.additionalFieldId}`, required: required(field.mode), label: field.name, labelKey: 'field.custom' };
  const options = (field.selectionValues ?? []).map((value) => ({ value, label: value }));
  switch (field.type) {
    case 'TEXT':
      return { ...base, type: 'text', maxLength: LIMITS.text };
    case 'NUMERIC':
      return { ...base, type: 'integer' };
    case 'DATE':
      return { ...base, type: 'date' };
    case 'BOOLEAN':
      return { ...base, type: 'yes-no' };
    case 'LIST':
      return { ...base, type: field.allowMultiSelection ? 'multiselect' : 'select', options };
  }
}

function marketingMatrix(config: LeadConfig): ChannelMatrix | undefined {
  const categories = config.communicationPreferences
    .map(({ messageCategory, channels }) => ({
      category: messageCategory,
      channels: channels.filter((c) => c.customerOverridable !== false).map((c) => c.communicationChannel),
    }))
    .filter((c) => c.channels.length > 0);
  return categories.length > 0 ? { categories } : undefined;
}

/**
 * PerfectGym's lead config as canonical fields: INACTIVE or absent fields are not there at all.
 * `extras` are the documented fields the form switched on (`extraFields`).
 */
export function describeLeadConfig(config: LeadConfig, extras: readonly ExtraField[] = []): VendorForm {
  const extra = (name: ExtraField) => (extras.includes(name) ? [extraField(name)] : []);
  const fields: FieldSpec[] = [
    { name: 'firstName', type: 'text', required: true, maxLength: LIMITS.name, labelKey: 'field.firstName', autocomplete: 'given-name' },
    ...extra('secondFirstName'),
    { name: 'lastName', type: 'text', required: true, maxLength: LIMITS.name, labelKey: 'field.lastName', autocomplete: 'family-name' },
    ...extra('secondLastName'),
    { name: 'email', type: 'email', required: true, maxLength: LIMITS.email, labelKey: 'field.email', autocomplete: 'email' },
  ];
  const rules: FieldRule[] = [];
  if (shown(config.telephoneMode)) {
    fields.push({
      name: 'phone',
      type: 'tel',
      required: required(config.telephoneMode),
      maxLength: LIMITS.phone,
      labelKey: 'field.phone',
      autocomplete: 'tel',
    });
  }
  if (shown(config.genderMode)) {
    fields.push({
      name: 'gender',
      type: 'select',
      required: required(config.genderMode),
      labelKey: 'field.gender',
      options: ['female', 'male', 'diverse'].map((value) => ({ value, labelKey: `gender.${value}` })),
    });
  }
  if (shown(config.dateOfBirthMode)) {
    fields.push({
      name: 'birthDate',
      type: 'date',
      range: 'past',
      required: required(config.dateOfBirthMode),
      labelKey: 'field.birthDate',
      autocomplete: 'bday',
    });
  }
  if (shown(config.addressMode)) {
    const need = required(config.addressMode);
    const address: FieldSpec[] = [
      { name: 'address.street', type: 'text', required: need, maxLength: LIMITS.street, labelKey: 'field.address.street', autocomplete: 'address-line1' },
      { name: 'address.houseNumber', type: 'text', required: need, maxLength: LIMITS.houseNumber, labelKey: 'field.address.houseNumber' },
      { name: 'address.zipCode', type: 'text', required: need, maxLength: LIMITS.zipCode, labelKey: 'field.address.zipCode', autocomplete: 'postal-code' },
      { name: 'address.city', type: 'text', required: need, maxLength: LIMITS.city, labelKey: 'field.address.city', autocomplete: 'address-level2' },
      {
        name: 'address.countryCode',
        type: 'country',
        required: need,
        labelKey: 'field.address.countryCode',
        autocomplete: 'country',
        options: COUNTRIES.map((value) => ({ value })),
      },
    ];
    fields.push(...address, ...extras.filter((name) => name.startsWith('address.')).map(extraField));
    // The vendor takes the address only whole: once begun, every part is needed.
    if (!need) rules.push({ kind: 'all-or-none', fields: address.map((f) => f.name) });
  }
  fields.push(...config.additionalInformation.filter((f) => shown(f.mode)).map(customField));
  fields.push({ name: 'note', type: 'textarea', required: false, maxLength: LIMITS.note, labelKey: 'field.note' });
  const marketing = marketingMatrix(config);
  return marketing ? { fields, rules, marketing } : { fields, rules };
}
