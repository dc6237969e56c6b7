import type { Lead } from '../../../shared/lead';
import { attributionNote } from '../attribution-note';
import { LIMITS } from './describe-virtuagym-form';
import type { VirtuagymAttributionConfig } from './virtuagym-config';

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

/** The form's attribution settings, its lead sources keyed by lower-case utm_source. */
export type VirtuagymAttribution = Omit<VirtuagymAttributionConfig, 'sources'> & { readonly sources: ReadonlyMap<string, number> };

/** The form's attribution settings ready for matching: utm_source values are compared ignoring case. */
export function virtuagymAttribution(config: VirtuagymAttributionConfig): VirtuagymAttribution {
  return { ...config, sources: new Map(Object.entries(config.sources).map(([key, id]) => [key.toLowerCase(), id])) };
}

/** The visitor's details with the attribution block after their own message, within the note's limit. */
function withAttribution(body: VirtuagymLead, lead: Lead, attribution: VirtuagymAttribution): VirtuagymLead {
  const note = attributionNote(body.note, lead.attribution, attribution, LIMITS.note);
  return note ? { ...body, note } : body;
}

/**
 * A new lead: the visitor's details, the form's defaults and Leadgate's
 * submission id. The source is the one the form maps the page's utm_source to,
 * else the form's default.
 */
export function toVirtuagymLead(lead: Lead, defaults: VirtuagymDefaults, submissionId: string, attribution: VirtuagymAttribution): VirtuagymLead {
  const utmSource = lead.attribution?.utm_source?.toLowerCase();
  const source = (utmSource === undefined ? undefined : attribution.sources.get(utmSource)) ?? defaults.source;
  return {
    ...withAttribution(visitorFields(lead), lead, attribution),
    status_id: defaults.statusId,
    ...(source !== undefined ? { source } : {}),
    ...(defaults.ownerId !== undefined ? { owner_id: defaults.ownerId } : {}),
    external_id: submissionId,
  };
}

/**
 * The second step's changes. A PUT replaces the note, so a new note (the
 * visitor's message and answers) gets the delivered lead's attribution block
 * again; without a new note the stored one stays as it is.
 */
export function toVirtuagymUpdate(changes: Lead, attribution: VirtuagymAttribution): VirtuagymLead {
  const body = visitorFields(changes);
  return body.note ? withAttribution(body, changes, attribution) : body;
}
