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
 * The line that marks a lead as this submission's, so a retry after a lost answer can find it.
 * GUESS: the kit has no field for a foreign id; the description is the one free text a lead has.
 */
export const submissionMarker = (submissionId: string) => `leadgate:${submissionId}`;

/**
 * Maps a validated Lead. The description holds the visitor's message (unless
 * it goes in as a comment), the attribution block (unless the form turns
 * notes off) and last the submission's marker line; the kit documents no limit
 * for it. The source is the page's utm_source when it had one, else the form's
 * default. The phone is required by the form, as the kit requires a number.
 */
export function toCrmLead(
  lead: Lead,
  statusId: number,
  defaults: CrmDefaults,
  messageIn: 'description' | 'comment',
  attribution: AttributionConfig,
  submissionId: string,
): CrmLead {
  const text = attributionNote(messageIn === 'description' ? lead.note : undefined, lead.attribution, attribution);
  return {
    firstName: lead.firstName ?? '',
    lastName: lead.lastName ?? '',
    email: lead.email ?? '',
    phoneNumber: lead.phone ? [lead.phone] : [],
    description: `${text || 'Web form'}\n\n${submissionMarker(submissionId)}`,
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

/** What a duplicate's comment says: the visitor's message and where they came from; empty when neither. */
export function duplicateComment(lead: Lead, attribution: AttributionConfig): string {
  const text = attributionNote(lead.note, lead.attribution, { ...attribution, notes: true });
  return text ? `New web form enquiry from this lead:\n${text}` : '';
}
