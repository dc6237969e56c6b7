import * as v from 'valibot';

/** The page parameters that can carry the vendor's campaign identifier. */
export const CAMPAIGN_PARAMETERS = ['utm_campaign', 'utm_content', 'utm_term'] as const;
export type CampaignParameter = (typeof CAMPAIGN_PARAMETERS)[number];

/** The attribution settings every vendor with a note and a campaign understands; a vendor's own config may add to them. */
export const ATTRIBUTION_SETTINGS = {
  /** Which page parameter holds the vendor's campaign identifier; `false` sends none. */
  campaign: v.optional(
    v.union([v.picklist(CAMPAIGN_PARAMETERS), v.literal(false)], 'must be "utm_campaign", "utm_content", "utm_term" or false'),
    'utm_campaign',
  ),
  /** Whether the vendor's free-text note gets a short block saying where the lead came from. */
  notes: v.optional(v.boolean('must be true or false'), true),
};

/** The message for an attribution object with a key it does not know (`known` lists the keys it does). */
export const unknownAttributionSetting = (known: string) => (issue: v.BaseIssue<unknown>) =>
  issue.expected === 'never' ? `is not an attribution setting (${known})` : 'must be an object such as { "campaign": "utm_campaign", "notes": true }';

/** How a lead's attribution (campaign parameters, referrer, landing page) reaches the vendor. */
export const AttributionConfigSchema = v.strictObject(
  ATTRIBUTION_SETTINGS,
  unknownAttributionSetting('campaign, notes; "sources" is for Virtuagym forms only'),
);
export type AttributionConfig = v.InferOutput<typeof AttributionConfigSchema>;

/** What a form without an `attribution` setting gets (the schema's defaults). */
export const DEFAULT_ATTRIBUTION: AttributionConfig = { campaign: 'utm_campaign', notes: true };
