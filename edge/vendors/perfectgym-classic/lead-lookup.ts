// How a lost AddLead answer is found out. COMMUNITY: the installation's "PerfectGym API v2.2"
// Swagger lists an OData entity set `Crm2Leads` beside `Members` (NOTES.md 4.2), the CRM2 leads
// that `Crm2/AddLead` adds. GUESS, all of what follows: that AddLead's lead is in that set at once,
// with its `leadId` as `id`, its `email`, and its creation time as `createdDate` (DateTimeOffset).
// Compare with the installation's `/Api/Docs` before going live.
import * as v from 'valibot';
import { EntityIdSchema, odataString } from './member-lookup';

export const CRM_LEADS_PATH = '/Api/v2.2/odata/Crm2Leads';

/**
 * How long before Leadgate received the lead a copy at the vendor may have been created: the
 * two clocks disagree by seconds, never by minutes. An earlier lead of the same email is
 * another enquiry, not this one.
 */
export const RECONCILE_WINDOW_MS = 5 * 60_000;

/**
 * The search for a lead of this email created since `since` (epoch ms), URL-encoded as
 * `memberLookupUrl` is. A DateTimeOffset literal is written without quotes (OData v4 ABNF).
 *
 * @example
 * leadLookupUrl('https://city.perfectgym.com', 'lena@example.com', Date.parse('2026-05-04T10:00:00Z'))
 * // "https://city.perfectgym.com/Api/v2.2/odata/Crm2Leads?$filter=email%20eq%20%27lena%40example.com%27%20and%20createdDate%20ge%202026-05-04T10%3A00%3A00.000Z"
 */
export function leadLookupUrl(baseUrl: string, email: string, since: number): string {
  const filter = `email eq ${odataString(email)} and createdDate ge ${new Date(since).toISOString()}`;
  return `${baseUrl}${CRM_LEADS_PATH}?$filter=${encodeURIComponent(filter).replaceAll("'", '%27')}`;
}

/** An OData collection of leads, each with its `id`. */
export const CrmLeadsAnswerSchema = v.object({ value: v.array(v.looseObject({ id: EntityIdSchema })) });
