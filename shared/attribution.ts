import * as v from 'valibot';

/** Campaign parameters read from the host page's URL. */
export const CAMPAIGN_PARAMS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'gclid', 'fbclid', 'msclkid'] as const;

const param = v.optional(v.pipe(v.string('invalid_type'), v.trim(), v.maxLength(500, 'too_long')));
const url = v.optional(v.pipe(v.string('invalid_type'), v.trim(), v.maxLength(2000, 'too_long')));

/**
 * Where a lead came from: the page's campaign parameters, the referrer and the
 * landing page. Adapters map what their vendor has room for.
 */
export const AttributionSchema = v.strictObject(
  {
    ...(Object.fromEntries(CAMPAIGN_PARAMS.map((key) => [key, param])) as Record<(typeof CAMPAIGN_PARAMS)[number], typeof param>),
    referrer: url,
    landingPage: url,
  },
  (issue) => (issue.expected === 'never' ? 'unknown_field' : 'invalid_type'),
);
export type Attribution = v.InferOutput<typeof AttributionSchema>;
