import type { ChannelMatrix, FieldSpec } from '../../../shared/form-spec';
import type { VendorForm } from '../vendor-adapter';
import type { ConnectRules, Mode, ModeKey } from './connect-rules';

// Maximum lengths from the vendor's spec (ConnectApiCreateLeadDto).
export const LIMITS = { name: 100, email: 300, phone: 300, street: 300, houseNumber: 100, zipCode: 100, city: 300, taxId: 300, notes: 1000 };
const COUNTRIES = ['DE', 'AT', 'CH', 'NL', 'BE', 'LU', 'ES', 'IT', 'FR', 'PL', 'TR', 'DK', 'CZ', 'GB', 'US'];
const RANK: Record<Mode, number> = { INACTIVE: 0, OPTIONAL: 1, MANDATORY: 2 };

/** One mode for a chain's studios: the strictest, so no studio refuses what the form accepted. */
function strictest(rules: ConnectRules, key: ModeKey): Mode {
  return Object.values(rules.perStudio).reduce<Mode>((mode, s) => (RANK[s.config[key]] > RANK[mode] ? s.config[key] : mode), 'INACTIVE');
}

/** The highest minimum age of the chain's studios, if any sets one. */
function minimumAge(rules: ConnectRules): number | undefined {
  const ages = Object.values(rules.perStudio).flatMap((s) => (s.config.minimumAge === undefined ? [] : [s.config.minimumAge]));
  return ages.length > 0 ? Math.max(...ages) : undefined;
}

/**
 * Message categories (the union across the chain's studios) with the channels a visitor may
 * choose. A category is known by its name, as the docs suggest ("you can match each category by
 * its name"): each studio has its own ids, so the delivery looks the name up in the chosen studio.
 */
function marketingMatrix(rules: ConnectRules): ChannelMatrix | undefined {
  const byName = new Map<string, Set<string>>();
  for (const studio of Object.values(rules.perStudio)) {
    for (const category of studio.categories) {
      const channels = byName.get(category.name) ?? new Set<string>();
      for (const c of category.channels) if (c.overridable) channels.add(c.channel);
      byName.set(category.name, channels);
    }
  }
  const categories = [...byName]
    .filter(([, channels]) => channels.size > 0)
    .map(([name, channels]) => ({ category: name, label: name, channels: [...channels] }));
  return categories.length > 0 ? { categories } : undefined;
}

/** Connect's rules as fields: a studio picker for chains, then the fields the studios' modes ask for. */
export function describeConnectForm(rules: ConnectRules): VendorForm {
  const fields: FieldSpec[] = [];
  if (rules.studios.length > 1) {
    fields.push({
      name: 'studioId',
      type: 'select',
      required: true,
      labelKey: 'field.studioId',
      options: rules.studios.map((s) => ({ value: String(s.id), label: s.city && !s.name.includes(s.city) ? `${s.name} (${s.city})` : s.name })),
    });
  }
  const age = minimumAge(rules);
  // FACT: "dateOfBirthMode is mandatory if [minimumAge] is set".
  const mode = (key: ModeKey): Mode => (key === 'dateOfBirthMode' && age !== undefined ? 'MANDATORY' : strictest(rules, key));
  const add = (key: ModeKey, field: Omit<FieldSpec, 'required'>) => {
    if (mode(key) !== 'INACTIVE') fields.push({ ...field, required: mode(key) === 'MANDATORY' } as FieldSpec);
  };
  add('nameMode', { name: 'firstName', type: 'text', maxLength: LIMITS.name, labelKey: 'field.firstName', autocomplete: 'given-name' });
  add('nameMode', { name: 'lastName', type: 'text', maxLength: LIMITS.name, labelKey: 'field.lastName', autocomplete: 'family-name' });
  add('emailMode', { name: 'email', type: 'email', maxLength: LIMITS.email, labelKey: 'field.email', autocomplete: 'email' });
  add('telephoneMode', { name: 'phone', type: 'tel', maxLength: LIMITS.phone, labelKey: 'field.phone', autocomplete: 'tel' });
  add('genderMode', {
    name: 'gender',
    type: 'select',
    labelKey: 'field.gender',
    options: ['female', 'male', 'diverse'].map((value) => ({ value, labelKey: `gender.${value}` })),
  });
  add('dateOfBirthMode', {
    name: 'birthDate',
    type: 'date',
    range: 'past',
    ...(age === undefined ? {} : { minAge: age }),
    labelKey: 'field.birthDate',
    autocomplete: 'bday',
  });
  if (mode('addressMode') !== 'INACTIVE') {
    add('addressMode', { name: 'address.street', type: 'text', maxLength: LIMITS.street, labelKey: 'field.address.street', autocomplete: 'address-line1' });
    add('addressMode', { name: 'address.houseNumber', type: 'text', maxLength: LIMITS.houseNumber, labelKey: 'field.address.houseNumber' });
    add('addressMode', { name: 'address.zipCode', type: 'text', maxLength: LIMITS.zipCode, labelKey: 'field.address.zipCode', autocomplete: 'postal-code' });
    add('addressMode', { name: 'address.city', type: 'text', maxLength: LIMITS.city, labelKey: 'field.address.city', autocomplete: 'address-level2' });
    add('addressMode', {
      name: 'address.countryCode',
      type: 'country',
      labelKey: 'field.address.countryCode',
      autocomplete: 'country',
      options: COUNTRIES.map((value) => ({ value })),
    });
  } else {
    // Without the address, a studio may still ask for the zip code alone.
    add('zipMode', { name: 'address.zipCode', type: 'text', maxLength: LIMITS.zipCode, labelKey: 'field.address.zipCode', autocomplete: 'postal-code' });
  }
  add('taxIdMode', { name: 'taxId', type: 'text', maxLength: LIMITS.taxId, labelKey: 'field.taxId' });
  fields.push({ name: 'note', type: 'textarea', required: false, maxLength: LIMITS.notes, labelKey: 'field.note' });
  const marketing = marketingMatrix(rules);
  return marketing ? { fields, rules: [], marketing } : { fields, rules: [] };
}
