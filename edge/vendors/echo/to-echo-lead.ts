import type { Lead } from '../../../shared/lead';

/** What the store keeps of a lead; `reference` is Leadgate's submission id, so a lost answer can be looked up. */
export interface EchoLead {
  readonly reference: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly website?: string;
  readonly note?: string;
}

export function toEchoLead(lead: Lead, submissionId: string): EchoLead {
  return {
    reference: submissionId,
    firstName: lead.firstName ?? '',
    lastName: lead.lastName ?? '',
    email: lead.email ?? '',
    ...(typeof lead.custom?.website === 'string' ? { website: lead.custom.website } : {}),
    ...(lead.note ? { note: lead.note } : {}),
  };
}
