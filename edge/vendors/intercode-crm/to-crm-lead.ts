import type { Attribution } from '../../../shared/attribution';
import type { Lead } from '../../../shared/lead';

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

const ATTRIBUTION_LABELS: Record<keyof Attribution, string> = {
  utm_source: 'utm_source',
  utm_medium: 'utm_medium',
  utm_campaign: 'utm_campaign',
  utm_term: 'utm_term',
  utm_content: 'utm_content',
  gclid: 'gclid',
  fbclid: 'fbclid',
  msclkid: 'msclkid',
  referrer: 'Referrer',
  landingPage: 'Landing page',
};

/** Where the lead came from, one line per known value, for the description. */
export function attributionLines(attribution: Attribution | undefined): string[] {
  if (!attribution) return [];
  return (Object.keys(ATTRIBUTION_LABELS) as (keyof Attribution)[]).flatMap((key) => (attribution[key] ? [`${ATTRIBUTION_LABELS[key]}: ${attribution[key]}`] : []));
}

/**
 * Maps a validated Lead. The description holds the visitor's message (unless
 * it goes in as a comment) and the attribution; the source is the campaign's
 * utm_source when the page had one, else the form's default.
 */
export function toCrmLead(lead: Lead, statusId: number, defaults: CrmDefaults, messageIn: 'description' | 'comment'): CrmLead {
  const description = [messageIn === 'description' ? lead.note : undefined, attributionLines(lead.attribution).join('\n')].filter(Boolean).join('\n\n');
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
