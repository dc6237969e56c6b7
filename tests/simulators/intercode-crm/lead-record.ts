import type { Business, CrmUser, LeadStatus } from './instances';
import type { LeadChanges, LeadInput, LeadState, SocialMedia } from './validate-lead';

/** FACT: the page's example action is "CreateLead"; GUESS: the names of the others. */
export type LogAction = 'CreateLead' | 'UpdateLead' | 'ArchiveLead' | 'RestoreLead' | 'ChangeLeadStatus';

/** FACT: the shape of the page's log entry. */
export interface LeadLog {
  readonly id: number;
  readonly action: LogAction;
  readonly entityType: 'Lead';
  readonly user: { readonly id: number; readonly email: string };
  readonly createdAt: string;
}

/** FACT: the shape of the page's `POST /leads/comments/{id}` answer. */
export interface LeadComment {
  readonly id: number;
  readonly content: string;
  readonly user: CrmUser;
  readonly createdAt: string;
}

/** A log entry or a comment, in the order they happened. */
export type LeadActivity = { readonly kind: 'log'; readonly entry: LeadLog } | { readonly kind: 'comment'; readonly entry: LeadComment };

/** A lead as the simulator stores it. */
export interface StoredLead {
  readonly id: number;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly phoneNumber: readonly string[];
  readonly statusId: number;
  /** Only the ids of businesses the installation has. */
  readonly business: readonly number[];
  readonly photo: string;
  readonly state: LeadState;
  readonly source: string;
  readonly description: string;
  readonly location: string;
  readonly position: string;
  readonly company: string;
  readonly socialMedia: SocialMedia | null;
  readonly archived: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly activity: readonly LeadActivity[];
}

/**
 * A lead as the API answers it. FACT: `id`, the names, `email`, `phoneNumber`, `status` (the
 * status name) and `business` as `{id, name}`; GUESS: the other stored columns follow.
 */
export interface LeadView {
  readonly id: number;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly phoneNumber: readonly string[];
  readonly status: string;
  readonly business: readonly Business[];
  readonly statusId: number;
  readonly photo: string;
  readonly state: LeadState;
  readonly source: string;
  readonly description: string;
  readonly location: string;
  readonly position: string;
  readonly company: string;
  readonly socialMedia: SocialMedia | null;
  readonly archived: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What a view needs from the installation. */
export interface LeadCatalog {
  readonly statuses: readonly LeadStatus[];
  readonly businesses: readonly Business[];
}

/** GUESS: like a TypeORM `In(ids)` lookup, ids of businesses that do not exist are dropped. */
export const knownBusinesses = (ids: readonly number[], businesses: readonly Business[]) =>
  [...new Set(ids)].filter((id) => businesses.some((business) => business.id === id));

/** A new lead from a checked body, without activity yet. */
export function newLead(input: LeadInput, id: number, businesses: readonly Business[], time: string): StoredLead {
  return {
    id,
    firstName: input.firstName,
    lastName: input.lastName,
    email: input.email,
    phoneNumber: [...input.phoneNumber],
    statusId: input.statusId,
    business: knownBusinesses(input.business, businesses),
    photo: input.photo,
    state: input.state,
    source: input.source,
    description: input.description,
    location: input.location,
    position: input.position,
    company: input.company,
    socialMedia: input.socialMedia ?? null,
    archived: false,
    createdAt: time,
    updatedAt: time,
    activity: [],
  };
}

/** The lead with only the given fields changed. */
export function changedLead(lead: StoredLead, changes: LeadChanges, businesses: readonly Business[], time: string): StoredLead {
  const { business, socialMedia, phoneNumber, ...rest } = changes;
  return {
    ...lead,
    ...rest,
    ...(business === undefined ? {} : { business: knownBusinesses(business, businesses) }),
    ...(phoneNumber === undefined ? {} : { phoneNumber: [...phoneNumber] }),
    ...(socialMedia === undefined ? {} : { socialMedia }),
    updatedAt: time,
  };
}

/** The lead as the API shows it. */
export function leadView(lead: StoredLead, catalog: LeadCatalog): LeadView {
  const { activity: _activity, id, firstName, lastName, email, phoneNumber, business, ...columns } = lead;
  return {
    id,
    firstName,
    lastName,
    email,
    phoneNumber,
    status: catalog.statuses.find((status) => status.id === lead.statusId)?.name ?? '',
    business: business.flatMap((businessId) => catalog.businesses.filter((known) => known.id === businessId)),
    ...columns,
  };
}

export const comments = (lead: StoredLead): LeadComment[] => lead.activity.flatMap((item) => (item.kind === 'comment' ? [item.entry] : []));

export const logs = (lead: StoredLead): LeadLog[] => lead.activity.flatMap((item) => (item.kind === 'log' ? [item.entry] : []));
