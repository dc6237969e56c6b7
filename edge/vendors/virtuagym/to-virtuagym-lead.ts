import type { Lead } from '../../../shared/lead';
import { attributionNote } from '../attribution-note';
import type { DeliveredLead } from '../vendor-adapter';
import { LIMITS } from './describe-virtuagym-form';
import type { VirtuagymAttributionConfig } from './virtuagym-config';

const GENDER = { female: 'f', male: 'm' } as const;

/** The body of `POST`/`PUT /v3/clubs/:clubId/leads` (the documented parameter table). */
export interface VirtuagymLead {
  firstname?: string;
  lastname?: string;
  email?: string;
  phone?: string;
  mobile?: string;
  gender?: 'f' | 'm';
  birthday?: string;
  address?: string;
  address_2?: string;
  zip_code?: string;
  city?: string;
  state?: string;
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
  if (lead.mobile) body.mobile = lead.mobile;
  if (lead.gender === 'female' || lead.gender === 'male') body.gender = GENDER[lead.gender];
  if (lead.birthDate) body.birthday = lead.birthDate;
  const street = [lead.address?.street, lead.address?.houseNumber].filter(Boolean).join(' ');
  if (street) body.address = street;
  if (lead.address?.line2) body.address_2 = lead.address.line2;
  if (lead.address?.zipCode) body.zip_code = lead.address.zipCode;
  if (lead.address?.city) body.city = lead.address.city;
  if (lead.address?.state) body.state = lead.address.state;
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

/** `text` within `max` characters, cut with "…" when longer, never through a surrogate pair. */
function within(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 2)) ? max - 2 : max - 1;
  return `${text.slice(0, end)}…`;
}

/**
 * The visitor's details with the attribution block after their own message, within the note's
 * limit. A message that alone passes the limit (the second step's answers below a long one) is cut.
 */
function withAttribution(body: VirtuagymLead, lead: Lead, attribution: VirtuagymAttribution): VirtuagymLead {
  const note = attributionNote(body.note, lead.attribution, attribution, LIMITS.note);
  return note ? { ...body, note: within(note, LIMITS.note) } : body;
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
 * The second step's `PUT`: the full lead, because the doc gives update the same parameters as
 * create. It is rebuilt from what the first step sent (the delivered lead, the form's defaults,
 * the submission id) with the changes on top; a new note (the visitor's message and answers)
 * gets the delivered lead's attribution block again. The note cannot be read back from
 * Virtuagym, and its lead-by-id read is undocumented, so the lead is rebuilt, not fetched.
 */
export function toVirtuagymUpdate(first: DeliveredLead, changes: Lead, defaults: VirtuagymDefaults, attribution: VirtuagymAttribution): VirtuagymLead {
  const { attribution: _settled, ...changed } = changes;
  const address = { ...first.lead.address, ...changes.address };
  const lead: Lead = { ...first.lead, ...changed, ...(Object.keys(address).length > 0 ? { address } : {}) };
  return toVirtuagymLead(lead, defaults, first.submissionId, attribution);
}
