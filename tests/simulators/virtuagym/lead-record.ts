import { randomUUID } from 'node:crypto';
import type { LeadInput } from './validate-lead';

/**
 * A lead as the gateway returns it. COMMUNITY: every field is a string (ids, "0"/"1" flags,
 * timestamps in seconds); empty values are "" except `birthday`, which is null when unset.
 */
export interface LeadRecord {
  readonly lead_id: string;
  readonly lead_guid: string;
  readonly club_id: string;
  readonly status_id: string;
  readonly source_id: string;
  /** "0" when unset. */
  readonly owner_id: string;
  readonly firstname: string;
  readonly lastname: string;
  readonly email: string;
  readonly phone: string;
  readonly mobile: string;
  readonly gender: string;
  readonly birthday: string | null;
  readonly address: string;
  readonly address_2: string;
  readonly zip_code: string;
  readonly city: string;
  readonly state: string;
  readonly country: string;
  readonly language: string;
  readonly picture: string;
  readonly converted_to_member_id: string;
  readonly external_id: string;
  readonly lead_since: string;
  readonly created_by_user_id: string;
  readonly edited_by_user_id: string;
  readonly deleted: string;
  readonly timestamp_created: string;
  readonly timestamp_edited: string;
  readonly inactive: string;
}

/**
 * A lead as the simulator stores it: the record plus the two accepted parameters that no read
 * endpoint shows (COMMUNITY: neither appears in returned records), kept so tests can check them.
 */
export interface StoredLead extends LeadRecord {
  readonly note: string;
  readonly formatted_address: string;
}

const seconds = (ms: number) => String(Math.floor(ms / 1000));

/** The parameters named differently on the record (`source` is read back as `source_id`). */
function changes(input: LeadInput): Partial<StoredLead> {
  const { source, birthday, ...same } = input;
  return {
    ...same,
    ...(source === undefined ? {} : { source_id: source }),
    ...(birthday === undefined ? {} : { birthday }),
  };
}

/** A new lead with the documented defaults: status 1 (New), not deleted, `lead_since` today. */
export function newLead(input: LeadInput, leadId: number, clubId: number, now: number): StoredLead {
  const blank: StoredLead = {
    lead_id: String(leadId),
    // GUESS: the guid format is not known; a UUID looks the part.
    lead_guid: randomUUID(),
    club_id: String(clubId),
    status_id: '1',
    source_id: '0',
    owner_id: '0',
    firstname: '',
    lastname: '',
    email: '',
    phone: '',
    mobile: '',
    gender: '',
    birthday: null,
    address: '',
    address_2: '',
    zip_code: '',
    city: '',
    state: '',
    country: '',
    language: '',
    picture: '',
    converted_to_member_id: '0',
    external_id: '',
    // GUESS: "current date" is taken in UTC; the club's time zone is unknown.
    lead_since: new Date(now).toISOString().slice(0, 10),
    // GUESS: an API client is no user; "0" as for other unset ids.
    created_by_user_id: '0',
    edited_by_user_id: '0',
    deleted: '0',
    timestamp_created: seconds(now),
    timestamp_edited: seconds(now),
    inactive: '0',
    note: '',
    formatted_address: '',
  };
  return { ...blank, ...changes(input) };
}

/** The lead with only the given parameters changed. */
export function updatedLead(lead: StoredLead, input: LeadInput, now: number): StoredLead {
  return { ...lead, ...changes(input), timestamp_edited: seconds(now) };
}

/** The record as the gateway shows it, without the write-only parameters. */
export function leadRecord(lead: StoredLead): LeadRecord {
  const { note: _note, formatted_address: _formattedAddress, ...record } = lead;
  return record;
}
