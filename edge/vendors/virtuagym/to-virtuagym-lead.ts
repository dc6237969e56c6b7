import type { Lead } from '../../../shared/lead';

const GENDER = { female: 'f', male: 'm' } as const;

/** The body of `POST`/`PUT /v3/clubs/:clubId/leads` (the documented parameter table). */
export interface VirtuagymLead {
  firstname?: string;
  lastname?: string;
  email?: string;
  phone?: string;
  gender?: 'f' | 'm';
  birthday?: string;
  address?: string;
  zip_code?: string;
  city?: string;
  country?: string;
  language?: string;
  note?: string;
  status_id?: number;
  source?: number;
  owner_id?: number;
  external_id?: string;
}

export interface VirtuagymDefaults {
  readonly statusId: number;
  readonly source?: number;
  readonly ownerId?: number;
}

/** The visitor's details, without the form's defaults: what both create and update send. */
export function visitorFields(lead: Lead): VirtuagymLead {
  const body: VirtuagymLead = {};
  if (lead.firstName) body.firstname = lead.firstName;
  if (lead.lastName) body.lastname = lead.lastName;
  if (lead.email) body.email = lead.email;
  if (lead.phone) body.phone = lead.phone;
  if (lead.gender === 'female' || lead.gender === 'male') body.gender = GENDER[lead.gender];
  if (lead.birthDate) body.birthday = lead.birthDate;
  const street = [lead.address?.street, lead.address?.houseNumber].filter(Boolean).join(' ');
  if (street) body.address = street;
  if (lead.address?.zipCode) body.zip_code = lead.address.zipCode;
  if (lead.address?.city) body.city = lead.address.city;
  if (lead.address?.countryCode) body.country = lead.address.countryCode;
  if (lead.language) body.language = lead.language;
  if (lead.note) body.note = lead.note;
  return body;
}

/** A new lead: the visitor's details, the form's defaults and Leadgate's submission id. */
export function toVirtuagymLead(lead: Lead, defaults: VirtuagymDefaults, submissionId: string): VirtuagymLead {
  return {
    ...visitorFields(lead),
    status_id: defaults.statusId,
    ...(defaults.source !== undefined ? { source: defaults.source } : {}),
    ...(defaults.ownerId !== undefined ? { owner_id: defaults.ownerId } : {}),
    external_id: submissionId,
  };
}
