import * as v from 'valibot';
import { type Outcome, transient, undetermined } from '../outcome';
import type { VendorAnswer } from '../vendor-http';
import { retryableStatus } from '../vendor-http';

/**
 * COMMUNITY: the list answers 25 leads a page unless `limit` says otherwise; a shorter page is
 * the last. GUESS: 100 a page is accepted (no maximum is documented); it lets a busy club's
 * lookup reach 800 leads back in 8 calls.
 */
export const PAGE_SIZE = 100;

/**
 * GUESS: how many pages of the newest leads a lookup reads at most (800 leads). The list
 * has no filter (COMMUNITY: `sync_from` and the rest are ignored), only newest-first pages.
 */
export const MAX_PAGES = 8;

/**
 * GUESS: how far the vendor's clock may lag Leadgate's. A lead created before the
 * submission was received, less this, cannot be its copy, and neither can any older one.
 */
export const CLOCK_SLACK_SECONDS = 15 * 60;

// COMMUNITY: every field of a record is a string, timestamps in seconds.
const ListSchema = v.object({
  status: v.literal('success'),
  data: v.object({
    leads: v.array(v.object({ lead_id: v.string(), external_id: v.nullish(v.string()), timestamp_created: v.nullish(v.string()) })),
  }),
});

/** One authorised GET of a list page, or the outcome of a token that could not be had. */
export type ReadPage = (page: number) => Promise<VendorAnswer | Outcome>;

/**
 * Looks for the lead Leadgate created with `external_id = submissionId`, newest first,
 * from now back to when the submission was received. Found: its lead id. Not found:
 * undefined. A list that cannot be read is transient (never a reason to create), and a
 * scan that reaches its page cap without reaching older leads is `undetermined`: the copy
 * may be further back, so only an operator can tell.
 */
export async function findBySubmission(readPage: ReadPage, submissionId: string, receivedAt: number): Promise<{ leadId: string | undefined } | Outcome> {
  const oldest = Math.floor(receivedAt / 1000) - CLOCK_SLACK_SECONDS;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const answer = await readPage(page);
    if ('kind' in answer) return answer;
    if (!answer.ok) return transient(`lookup_${answer.reason}`);
    const retry = retryableStatus(answer);
    if (retry) return retry;
    const list = v.safeParse(ListSchema, answer.body);
    if (answer.status !== 200 || !list.success) return transient(`lookup_status_${answer.status}`);
    const { leads } = list.output.data;
    const copy = leads.find((lead) => lead.external_id === submissionId);
    if (copy) return { leadId: copy.lead_id };
    // COMMUNITY: newest first, so past one older lead every later one is older too.
    const reachedOlder = leads.some((lead) => Number(lead.timestamp_created) < oldest);
    if (leads.length < PAGE_SIZE || reachedOlder) return { leadId: undefined };
  }
  return undetermined('lookup_page_cap');
}
