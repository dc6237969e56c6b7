import type { Attribution } from '../../shared/attribution';
import { CAMPAIGN_PARAMS } from '../../shared/campaign-params';
import type { Lead } from '../../shared/lead';
import { toPlainText } from '../../shared/plain-text';

// A URL may carry anything (`%00` in a campaign parameter); the lead takes only what the schema allows.
const clip = (text: string, max: number) => toPlainText(text.trim().slice(0, max)).trim();

/**
 * Where the visitor came from, read from the page the form is on: its campaign
 * parameters, the referrer and the landing page (without its fragment).
 */
export function readAttribution(page: Pick<Location, 'href' | 'search'>, referrer: string): Attribution {
  const params = new URLSearchParams(page.search);
  const attribution: Record<string, string> = {};
  for (const key of CAMPAIGN_PARAMS) {
    const value = params.get(key);
    if (value?.trim()) attribution[key] = clip(value, 500);
  }
  if (referrer) attribution.referrer = clip(referrer, 2000);
  attribution.landingPage = clip(page.href.split('#')[0] ?? '', 2000);
  return attribution as Attribution;
}

/** The lead with its attribution, when there is any. */
export function withAttribution(lead: Lead, attribution: Attribution): Lead {
  return Object.keys(attribution).length > 0 ? { ...lead, attribution } : lead;
}
