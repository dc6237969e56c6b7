import type { Lead } from '../../../shared/lead';
import type { AttributionConfig } from '../../config/attribution-config';
import { attributionNote } from '../attribution-note';

export interface CrmDefaults {
  readonly source: string;
  readonly business: readonly number[];
  readonly photo: string;
  readonly state: string;
  readonly location: string;
  readonly position: string;
  readonly company: string;
}

/** The body of `POST /leads`: every field the kit marks required, visitor's or default. */
export interface CrmLead {
  firstName: string;
  lastName: string;
  email: string;
  phoneNumber: string[];
  description: string;
  source: string;
  statusId: number;
  business: number[];
  photo: string;
  state: string;
  location: string;
  position: string;
  company: string;
}

/**
 * Maps a validated Lead. The description holds the visitor's message (unless
 * it goes in as a comment) and the attribution block (unless the form turns
 * notes off); the kit documents no limit for it. The source is the page's
 * utm_source when it had one, else the form's default.
 */
export function toCrmLead(lead: Lead, statusId: number, defaults: CrmDefaults, messageIn: 'description' | 'comment', attribution: AttributionConfig): CrmLead {
  const description = attributionNote(messageIn === 'description' ? lead.note : undefined, lead.attribution, attribution);
  return {
    firstName: lead.firstName ?? '',
    lastName: lead.lastName ?? '',
    email: lead.email ?? '',
    phoneNumber: lead.phone ? [lead.phone] : [],
    description: description || 'Web form',
    source: lead.attribution?.utm_source ?? defaults.source,
    statusId,
    business: [...defaults.business],
    photo: defaults.photo,
    state: defaults.state,
    location: defaults.location,
    position: defaults.position,
    company: defaults.company,
  };
}
